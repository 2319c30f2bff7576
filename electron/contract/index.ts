// The single IPC contract. The router, the preload bridge, the renderer client and browser mode all derive from it.
import type { z } from 'zod';
import { authChannels } from './auth';
import { backupChannels } from './backup';
import { catalogChannels } from './catalogs';
import { customerChannels } from './customers';
import { reportChannels } from './reports';
import { telemetryChannels } from './telemetry';
import { ticketChannels } from './tickets';
import { userChannels } from './users';
import { workOrderChannels } from './workOrders';
import { dispatchBoardChannels } from './dispatchBoard';
import { myDayChannels } from './myDay';
import { syncChannels } from './sync';
import { teamChannels } from './team';
import { conflictChannels } from './conflicts';
import { checklistChannels } from './checklists';
import { teamNetChannels } from './teamNet';
import { attachmentChannels } from './attachments';
import { signatureChannels } from './signatures';

export const channels = {
  ...authChannels,
  ...userChannels,
  ...catalogChannels,
  ...customerChannels,
  ...ticketChannels,
  ...workOrderChannels,
  ...dispatchBoardChannels,
  ...myDayChannels,
  ...reportChannels,
  ...telemetryChannels,
  ...backupChannels,
  ...teamChannels,
  ...syncChannels,
  ...conflictChannels,
  ...checklistChannels,
  ...teamNetChannels,
  ...attachmentChannels,
  ...signatureChannels,
};

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
/** What a caller sends (before defaults and trimming). */
export type InputOf<C extends ChannelName> = z.input<Channels[C]['input']>;
/** What a handler receives (after parsing). */
export type ParsedInputOf<C extends ChannelName> = z.output<Channels[C]['input']>;
export type OutputOf<C extends ChannelName> = Channels[C]['output'];

export const CHANNEL_NAMES = Object.keys(channels) as ChannelName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.hasOwn(channels, name);
}

export type { Access, FilePayload } from './define';
export * from './access';
export * from './dto';
export * from './errors';
export * from './events';
export * from '../../shared/enums';
export type { EmeraldBridge } from './bridge';
export type { BackupDto, BackupLocationDto } from './backup';
export type { ReplacedSettingDto, TeamJoinDto, TeamJoinPreviewDto, TeamMemberDto, TeamStatusDto } from './team';
export type { SignatureDto } from './signatures';
export type { OverdueReason, OverduePage, OverdueWorkOrderDto, QueuedWorkOrderDto } from './workOrders';
