// window.emerald over a fake ipcRenderer: only invoke and on, payloads only, unsubscribe works.
import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../electron/contract';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../electron/ipc/electron-channels';
import { createBridge, type IpcRendererLike } from '../../electron/preload/bridge';

type Listener = (event: unknown, ...args: unknown[]) => void;

class FakeIpcRenderer implements IpcRendererLike {
  readonly invocations: unknown[][] = [];
  readonly listeners = new Map<string, Set<Listener>>();
  answer: (args: unknown[]) => Promise<unknown> = async () => ({ ok: true, value: 'pong' });
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invocations.push([channel, ...args]);
    return this.answer(args);
  }
  on(channel: string, listener: Listener) {
    if (!this.listeners.has(channel)) this.listeners.set(channel, new Set());
    this.listeners.get(channel)?.add(listener);
    return this;
  }
  removeListener(channel: string, listener: Listener) {
    this.listeners.get(channel)?.delete(listener);
    return this;
  }
  emit(channel: string, payload: unknown) {
    const ipcEvent = { sender: this, senderId: 0 };
    for (const listener of this.listeners.get(channel) ?? []) listener(ipcEvent, payload);
  }
}

describe('preload bridge', () => {
  it('exposes exactly invoke and on, frozen', () => {
    const bridge = createBridge(new FakeIpcRenderer());
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('invokes the one IPC channel with the contract channel and input', async () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createBridge(ipc);
    expect(await bridge.invoke('auth.me', {})).toEqual({ ok: true, value: 'pong' });
    expect(ipc.invocations).toEqual([[INVOKE_CHANNEL, 'auth.me', {}]]);
  });

  it('turns a transport failure into an INTERNAL envelope instead of throwing', async () => {
    const ipc = new FakeIpcRenderer();
    ipc.answer = async () => {
      throw new Error('No handler registered');
    };
    expect(await createBridge(ipc).invoke('auth.me', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL', details: { reason: 'ipc_failed' } } });
  });

  it('forwards only the event payload, and the returned function unsubscribes', () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createBridge(ipc);
    const received: unknown[][] = [];
    const off = bridge.on('domain.event', (...args: unknown[]) => received.push(args));
    const event: DomainEvent = { entity: 'ticket', id: 't1', kind: 'updated' };
    ipc.emit(EVENT_CHANNEL, event);
    expect(received).toEqual([[event]]);
    off();
    ipc.emit(EVENT_CHANNEL, { entity: 'ticket', id: 't2', kind: 'updated' });
    expect(received).toHaveLength(1);
    expect(ipc.listeners.get(EVENT_CHANNEL)?.size).toBe(0);
  });

  it('refuses unknown event names', () => {
    const bridge = createBridge(new FakeIpcRenderer());
    expect(() => bridge.on('other' as 'domain.event', () => undefined)).toThrow(TypeError);
  });
});
