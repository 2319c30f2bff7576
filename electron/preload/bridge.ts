// window.emerald, built over an ipcRenderer-like object: invoke and on, nothing else reaches the page.
import type { EmeraldBridge } from '../contract/bridge';
import { DOMAIN_EVENT_CHANNEL, type DomainEvent } from '../contract/events';
import type { Envelope } from '../contract/errors';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../ipc/electron-channels';

type IpcListener = (event: unknown, ...args: unknown[]) => void;

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: IpcListener): unknown;
  removeListener(channel: string, listener: IpcListener): unknown;
}

export function createBridge(ipc: IpcRendererLike): EmeraldBridge {
  const bridge: EmeraldBridge = {
    async invoke(channel, input) {
      try {
        return (await ipc.invoke(INVOKE_CHANNEL, channel, input)) as Envelope<unknown>;
      } catch {
        // The main process answers envelopes; a rejection means the transport itself failed.
        return { ok: false, error: { code: 'INTERNAL', message: 'the main process did not answer', details: { reason: 'ipc_failed' } } };
      }
    },
    on(event, listener) {
      if (event !== DOMAIN_EVENT_CHANNEL) throw new TypeError(`unknown event ${String(event)}`);
      // Only the payload reaches the page: the IPC event object would hand it ipcRenderer via `sender`.
      const forward: IpcListener = (_ipcEvent, payload) => listener(payload as DomainEvent);
      ipc.on(EVENT_CHANNEL, forward);
      return () => {
        ipc.removeListener(EVENT_CHANNEL, forward);
      };
    },
  };
  return Object.freeze(bridge);
}
