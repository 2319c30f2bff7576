// Channels whose services land in later issues answer NOT_IMPLEMENTED until then.
import { AppError, type ChannelName } from '../../contract';
import type { reportChannels } from '../../contract/reports';
import type { ticketChannels } from '../../contract/tickets';
import type { workOrderChannels } from '../../contract/workOrders';
import type { HandlerMap } from './types';

const notYet = (channel: ChannelName) => () => {
  throw new AppError('NOT_IMPLEMENTED', `${channel} is not available in this version yet`, { reason: 'not_implemented' });
};

function pending<K extends ChannelName>(names: readonly K[]): HandlerMap<K> {
  return Object.fromEntries(names.map((n) => [n, notYet(n)])) as unknown as HandlerMap<K>;
}

type PendingChannel = keyof typeof ticketChannels | keyof typeof workOrderChannels | keyof typeof reportChannels;

export const pendingHandlers = pending<PendingChannel>([
  'tickets.create',
  'tickets.list',
  'tickets.counts',
  'tickets.get',
  'tickets.update',
  'tickets.changeStatus',
  'tickets.assign',
  'tickets.addNote',
  'tickets.addContact',
  'tickets.close',
  'tickets.reopen',
  'workOrders.requestVisit',
  'workOrders.get',
  'workOrders.list',
  'workOrders.agenda',
  'workOrders.dispatchQueue',
  'workOrders.listByTicket',
  'workOrders.schedule',
  'workOrders.unschedule',
  'workOrders.start',
  'workOrders.complete',
  'workOrders.cancel',
  'workOrders.updateNotes',
  'workOrders.addItem',
  'workOrders.removeItem',
  'workOrders.traceSerial',
  'reports.workOrderPdf',
]);
