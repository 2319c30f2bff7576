// The handler map: exactly one handler per contract channel (the type fails on a missing or extra one).
import type { ChannelName } from '../../contract';
import { authHandlers, userHandlers } from './auth';
import { backupHandlers } from './backup';
import { catalogHandlers } from './catalogs';
import { customerHandlers } from './customers';
import { pendingHandlers } from './pending';
import { reportHandlers } from './reports';
import { telemetryHandlers } from './telemetry';
import { ticketHandlers } from './tickets';
import { workOrderHandlers } from './workOrders';
import { dispatchBoardHandlers } from './dispatchBoard';
import { myDayHandlers } from './myDay';
import { syncHandlers } from './sync';
import { teamHandlers } from './team';
import { conflictHandlers } from './conflicts';
import { checklistHandlers } from './checklists';
import { teamNetHandlers } from './teamNet';
import { attachmentHandlers } from './attachments';
import { signatureHandlers } from './signatures';
import type { HandlerMap } from './types';

export const handlers: HandlerMap<ChannelName> = {
  ...authHandlers,
  ...userHandlers,
  ...catalogHandlers,
  ...customerHandlers,
  ...ticketHandlers,
  ...workOrderHandlers,
  ...dispatchBoardHandlers,
  ...myDayHandlers,
  ...reportHandlers,
  ...telemetryHandlers,
  ...backupHandlers,
  ...pendingHandlers,
  ...teamHandlers,
  ...syncHandlers,
  ...conflictHandlers,
  ...checklistHandlers,
  ...teamNetHandlers,
  ...attachmentHandlers,
  ...signatureHandlers,
};
