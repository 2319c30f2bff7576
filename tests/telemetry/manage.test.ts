import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manageTelemetrySocket, SOCKET_STATE_EVENT_ID, type TelemetrySocketManager } from '../../electron/ipc/telemetry-socket';
import { minutesBefore, startTelemetryApp, type TelemetryApp } from './helpers';
import { ToolClient } from './socket-client';
import { settingsVersions } from '../support/versions';
import { freePort } from '../../scripts/freePort';

let app: TelemetryApp;
let manager: TelemetrySocketManager;

/** Resolves when the manager announces that the socket started or stopped (it restarts asynchronously). */
function nextSocketState(): Promise<void> {
  return new Promise((resolve) => {
    const off = app.backend.events.on((event) => {
      if (event.entity === 'settings' && event.id === SOCKET_STATE_EVENT_ID) {
        off();
        resolve();
      }
    });
  });
}

beforeEach(async () => {
  app = await startTelemetryApp();
  manager = manageTelemetrySocket(app.backend);
});
afterEach(async () => {
  await manager.close();
  app.close();
});

describe('the telemetry socket follows its setting', () => {
  it('is off by default, starts when an admin switches it on, serves the stored token, and stops when switched off', async () => {
    expect(manager.current()).toBeNull();
    const port = await freePort();
    const started = nextSocketState();
    await app.admin.call('settings.update', { versions: await settingsVersions(app.admin), telemetrySocketEnabled: true, telemetrySocketPort: port });
    await started;
    expect(manager.current()?.port).toBe(port);
    const info = await app.admin.call('telemetry.socketInfo', {});
    expect(info).toMatchObject({ enabled: true, port, url: `ws://127.0.0.1:${port}/?token=${info.token}` });
    expect(info.stats).toMatchObject({ acceptedMessages: 0 });

    const tool = await ToolClient.connect(info.url);
    tool.send({ ticketId: app.ticketId, readings: [{ metric: 'signal', value: -70, unit: 'dBm', measuredAt: minutesBefore(app, 1) }] });
    expect((await tool.waitForAcks(1))[0]?.ok).toBe(true);
    expect((await app.admin.call('telemetry.socketInfo', {})).stats).toMatchObject({ acceptedMessages: 1, acceptedReadings: 1 });

    const stopped = nextSocketState();
    await app.admin.call('settings.update', { versions: await settingsVersions(app.admin), telemetrySocketEnabled: false });
    await stopped;
    expect(manager.current()).toBeNull();
    expect(await tool.closed).toBe(1001);
    await expect(ToolClient.connect(info.url)).rejects.toBeDefined();
    expect((await app.admin.call('telemetry.socketInfo', {})).stats).toBeNull();
  });
});
