// `report`: OT/ticket PDFs by code, ticket/OT CSVs, and a period's OT reports as a zip, without a login.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../electron/contract';
import { isoDateTime } from '../../electron/contract/common';
import { addDays, isLocalDate, startOfDayMs } from '../../electron/contract/zonedTime';
import { ticketFilter } from '../../electron/contract/tickets';
import { workOrderFilter } from '../../electron/contract/workOrders';
import { createBackend } from '../../electron/ipc/backend';
import { systemClock, type ServiceContext } from '../../electron/services/context';
import {
  exportTicketsCsv,
  exportWorkOrderBatch,
  exportWorkOrdersCsv,
  idByCode,
  labelsFor,
  resolveLanguage,
  ticketPdf,
  workOrderPdf,
  type ReportLanguage,
} from '../../electron/services/reports';
import { readSettings } from '../../electron/services/settings';
import { companyTimeZone } from '../../electron/services/timeZone';
import { stringFlag, UsageError, type ParsedArgs } from '../args';
import { requireDataDir, type CliCommand } from './types';

const USAGE = `usage:
  report ot <OT code> --data-dir DIR --out FILE.pdf [--lang es|en]
  report ticket <ticket code> --data-dir DIR --out FILE.pdf [--lang es|en]
  report tickets-csv --data-dir DIR --out FILE.csv [--from DATE] [--to DATE] [--lang es|en]
  report work-orders-csv --data-dir DIR --out FILE.csv [--from DATE] [--to DATE] [--date-field F] [--lang es|en]
  report batch --data-dir DIR --from DATE --to DATE --out FILE.zip|FOLDER [--folder] [--date-field F] [--lang es|en]
DATE is YYYY-MM-DD, a day in the company time zone (a --to day is included), or an ISO date-time; F is scheduled_date, completed_at or created_at.`;

const REPORT_KINDS = ['ot', 'ticket', 'tickets-csv', 'work-orders-csv', 'batch'];

/** A failure the user can act on: runCli prints the stack of unknown errors, so carry only the message. */
class CommandFailure extends Error {
  constructor(message: string) {
    super(message);
    this.stack = message;
  }
}

function language(args: ParsedArgs): ReportLanguage | undefined {
  const value = stringFlag(args, 'lang');
  if (value === undefined) return undefined;
  if (value !== 'es' && value !== 'en') throw new UsageError(`--lang must be es or en, got ${value}\n${USAGE}`);
  return value;
}

/** YYYY-MM-DD means that day on the company calendar, as in the app; as an end, the day is included (the period is [from, to)). */
function dateFlag(args: ParsedArgs, name: string, end: boolean, zone: string): string | undefined {
  const value = stringFlag(args, name);
  if (value === undefined) return undefined;
  const dayOnly = isLocalDate(value);
  const time = dayOnly ? startOfDayMs(zone, end ? addDays(value, 1) : value) : Date.parse(value);
  if (Number.isNaN(time)) throw new UsageError(`--${name} must be a date (YYYY-MM-DD) or an ISO date-time, got ${value}`);
  // The channels' own date rule (2000 ≤ date < 2100, UTC): the batch passes its dates to the service directly.
  const bounded = isoDateTime.safeParse(new Date(time).toISOString());
  if (!bounded.success) throw new UsageError(`--${name} must lie between 2000 and 2099, got ${value}`);
  return bounded.data;
}

function requireFlag(args: ParsedArgs, name: string): string {
  const value = stringFlag(args, name);
  if (!value) throw new UsageError(`--${name} is required\n${USAGE}`);
  return value;
}

function writeOut(file: string, bytes: Uint8Array): string {
  const target = path.resolve(file);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, bytes);
  return target;
}

function dateField(args: ParsedArgs): 'scheduled_date' | 'completed_at' | 'created_at' | undefined {
  const value = stringFlag(args, 'date-field');
  if (value === undefined) return undefined;
  if (value !== 'scheduled_date' && value !== 'completed_at' && value !== 'created_at') {
    throw new UsageError(`--date-field must be scheduled_date, completed_at or created_at, got ${value}`);
  }
  return value;
}

async function run(ctx: ServiceContext, args: ParsedArgs, say: (line: string) => void): Promise<void> {
  const [, kind, code] = args.positional;
  const lang = language(args);
  const labels = () => labelsFor(resolveLanguage(lang, readSettings(ctx.db).language));
  const zone = companyTimeZone(ctx.sqlite);
  switch (kind) {
    case 'ot':
    case 'ticket': {
      if (!code) throw new UsageError(`report ${kind} needs a code\n${USAGE}`);
      const out = requireFlag(args, 'out');
      const entity = kind === 'ot' ? 'workOrder' : 'ticket';
      const id = idByCode(ctx, entity, code);
      const file = kind === 'ot' ? await workOrderPdf(ctx, id, lang) : await ticketPdf(ctx, id, lang);
      say(`Wrote ${writeOut(out, file.bytes)}`);
      return;
    }
    case 'tickets-csv': {
      const out = requireFlag(args, 'out');
      const filter = ticketFilter.parse({ createdFrom: dateFlag(args, 'from', false, zone), createdTo: dateFlag(args, 'to', true, zone) });
      const file = await exportTicketsCsv(ctx, filter, labels());
      say(`Wrote ${writeOut(out, file.bytes)}`);
      return;
    }
    case 'work-orders-csv': {
      const out = requireFlag(args, 'out');
      const field = dateField(args);
      const filter = workOrderFilter.parse({ from: dateFlag(args, 'from', false, zone), to: dateFlag(args, 'to', true, zone), ...(field ? { dateField: field } : {}) });
      const file = await exportWorkOrdersCsv(ctx, filter, labels());
      say(`Wrote ${writeOut(out, file.bytes)}`);
      return;
    }
    case 'batch': {
      const from = dateFlag(args, 'from', false, zone);
      const to = dateFlag(args, 'to', true, zone);
      if (!from || !to) throw new UsageError(`report batch needs --from and --to\n${USAGE}`);
      const out = path.resolve(requireFlag(args, 'out'));
      const field = dateField(args);
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once('SIGINT', stop); // Ctrl+C cancels cleanly: no partial zip is left behind.
      try {
        const result = await exportWorkOrderBatch({
          ctx,
          from,
          to,
          out,
          format: args.flags.has('folder') ? 'folder' : 'zip',
          signal: controller.signal,
          ...(field ? { dateField: field } : {}),
          ...(lang ? { language: lang } : {}),
          // A live counter on a terminal only; logs and pipes get just the final line.
          onProgress: ({ done, total }) => process.stderr.isTTY && process.stderr.write(`\r${done}/${total}`),
        });
        if (process.stderr.isTTY) process.stderr.write('\n');
        say(`Wrote ${result.count} work order reports to ${result.out}`);
      } finally {
        process.off('SIGINT', stop);
      }
      return;
    }
    default:
      throw new UsageError(`${kind ? `unknown report "${kind}"` : 'which report?'}\n${USAGE}`);
  }
}

export const reportCommand: CliCommand = {
  name: 'report',
  usage: 'report ot|ticket|tickets-csv|work-orders-csv|batch ...',
  summary: 'export OT/ticket PDFs by code, ticket/OT CSVs, or a period of OT reports (run "report" for details)',
  async run(args) {
    const kind = args.positional[1];
    if (!kind || !REPORT_KINDS.includes(kind)) throw new UsageError(`${kind ? `unknown report "${kind}"` : 'which report?'}\n${USAGE}`);
    const dataDir = requireDataDir(args);
    const backend = createBackend({ dataDir });
    // No login on the command line: report reads need no actor (filters like assignedTo "me" do, and say so).
    const ctx: ServiceContext = { db: backend.database.db, sqlite: backend.database.sqlite, actor: null, clock: systemClock, events: backend.events };
    try {
      await run(ctx, args, (line) => process.stdout.write(`${line}\n`));
    } catch (error) {
      if (error instanceof AppError) {
        const subject = typeof error.details?.id === 'string' ? ` (${error.details.id})` : '';
        throw new CommandFailure(`${error.message}${subject}`);
      }
      throw error;
    } finally {
      backend.close();
    }
  },
};
