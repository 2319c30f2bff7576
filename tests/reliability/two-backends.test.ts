// Issue 18 structure: what a backend runs (its job registry, its telemetry socket) belongs to that backend object, not to
// the module, so two backends in one process (the tests, a hub beside a member) never see each other's jobs, queues or
// sockets. Before, one module-level map held every backend's report and bundle jobs and one queue per user id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manageTelemetrySocket, SOCKET_STATE_EVENT_ID, type TelemetrySocketManager } from '../../electron/ipc/telemetry-socket';
import { AppError } from '../../electron/contract';
import type { Actor, ServiceContext } from '../../electron/services/context';
import { batchJobStatus, startBatchJob, waitForJob } from '../../electron/services/reports';
import { minutesBefore, startTelemetryApp, type TelemetryApp } from '../telemetry/helpers';
import { ToolClient } from '../telemetry/socket-client';
import { settingsVersions } from '../support/versions';
import { freePort } from '../../scripts/freePort';

const PERIOD = { from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' };

let first: TelemetryApp;
let second: TelemetryApp;
const managers: TelemetrySocketManager[] = [];

beforeAll(async () => {
  first = await startTelemetryApp();
  second = await startTelemetryApp();
});
afterAll(async () => {
  for (const manager of managers) await manager.close();
  first.close();
  second.close();
});

/** The same user id on both databases (a copy of one company's data), as the router would build it. */
function contextOf(app: TelemetryApp): ServiceContext {
  const actor: Actor = { id: 'same-user', username: 'ana', fullName: 'Ana', isSuperuser: false, permissions: new Set(['reports:export']) };
  const { database, events, clock, jobs } = app.backend;
  return { db: database.db, sqlite: database.sqlite, clock, events, jobs, actor };
}

async function socketOn(app: TelemetryApp): Promise<number> {
  const manager = manageTelemetrySocket(app.backend);
  managers.push(manager);
  const port = await freePort();
  const started = new Promise<void>((resolve) => {
    const off = app.backend.events.on((event) => {
      if (event.entity === 'settings' && event.id === SOCKET_STATE_EVENT_ID) {
        off();
        resolve();
      }
    });
  });
  await app.admin.call('settings.update', { versions: await settingsVersions(app.admin), telemetrySocketEnabled: true, telemetrySocketPort: port });
  await started;
  return port;
}

describe('two backends in one process', () => {
  it('each has its own job registry: the same user runs an export on each at once, and a job id of one is unknown to the other', async () => {
    expect(first.backend.jobs).not.toBe(second.backend.jobs);
    const onFirst = startBatchJob(contextOf(first), PERIOD).jobId;
    const onSecond = startBatchJob(contextOf(second), PERIOD).jobId;
    // One queue per backend: the second backend's export is not held behind the first's.
    expect(batchJobStatus(contextOf(first), onFirst)).toMatchObject({ status: 'running', queuePosition: null });
    expect(batchJobStatus(contextOf(second), onSecond)).toMatchObject({ status: 'running', queuePosition: null });
    const unknown = (() => {
      try {
        batchJobStatus(contextOf(second), onFirst);
        return null;
      } catch (error) {
        return error instanceof AppError ? error.code : String(error);
      }
    })();
    expect(unknown).toBe('NOT_FOUND');
    expect((await waitForJob(contextOf(first), onFirst)).status).toBe('done');
    expect((await waitForJob(contextOf(second), onSecond)).status).toBe('done');
  });

  it('each shows its own telemetry socket: readings sent to one count only there', async () => {
    const firstPort = await socketOn(first);
    const secondPort = await socketOn(second);
    const firstInfo = await first.admin.call('telemetry.socketInfo', {});
    expect(firstInfo.port).toBe(firstPort);
    expect((await second.admin.call('telemetry.socketInfo', {})).port).toBe(secondPort);

    const tool = await ToolClient.connect(firstInfo.url);
    try {
      tool.send({ ticketId: first.ticketId, readings: [{ metric: 'signal', value: -70, unit: 'dBm', measuredAt: minutesBefore(first, 1) }] });
      expect((await tool.waitForAcks(1))[0]?.ok).toBe(true);
    } finally {
      await tool.close();
    }
    expect((await first.admin.call('telemetry.socketInfo', {})).stats).toMatchObject({ acceptedMessages: 1 });
    expect((await second.admin.call('telemetry.socketInfo', {})).stats).toMatchObject({ acceptedMessages: 0 });
    expect(first.backend.running.telemetrySocket).not.toBe(second.backend.running.telemetrySocket);
  });
});
