// `report`: OT/ticket PDFs by code, ticket/OT CSVs, and a period's OT reports as a zip, without a login.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../electron/contract';
import { isoDateTime } from '../../electron/contract/common';
import { addDays, isLocalDate, startOfDayIso, startOfDayMs } from '../../electron/contract/zonedTime';
import { PERIOD_PRESETS, presetPeriod, type PeriodPreset } from '../../electron/contract/periods';
import { CSV_FORMATS, defaultCsvFormat, type CsvFormat } from '../../electron/contract/reports';
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
  report tickets-csv --data-dir DIR --out FILE.csv [PERIOD] [--lang es|en] [--csv-format excel_es|standard]
  report work-orders-csv --data-dir DIR --out FILE.csv [PERIOD] [--date-field F] [--lang es|en] [--csv-format excel_es|standard]
  report batch --data-dir DIR PERIOD --out FILE.zip|FOLDER [--folder] [--date-field F] [--lang es|en]
PERIOD is --from DATE --to DATE, or --period this-month|last-month|this-quarter|last-quarter (as the app's period choices).
DATE is YYYY-MM-DD, a day in the company time zone (a --to day is included), or an ISO date-time.
F is scheduled_date, completed_at or created_at (the batch takes completed_at unless told, as in the app).
The CSV format follows the language unless given: excel_es (';', decimal comma, local dates) for es, standard for en.`;

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

const PRESET_FLAGS = PERIOD_PRESETS.map((preset) => preset.replace('_', '-'));

/** --period names a preset, or --from/--to give the bounds; the two ways do not mix. */
function periodFlags(args: ParsedArgs, zone: string): { from: string | undefined; to: string | undefined } {
  const named = stringFlag(args, 'period');
  if (named === undefined) return { from: dateFlag(args, 'from', false, zone), to: dateFlag(args, 'to', true, zone) };
  if (stringFlag(args, 'from') !== undefined || stringFlag(args, 'to') !== undefined) {
    throw new UsageError(`--period replaces --from and --to; give one or the other\n${USAGE}`);
  }
  const preset = PERIOD_PRESETS[PRESET_FLAGS.indexOf(named)] as PeriodPreset | undefined;
  if (!preset) throw new UsageError(`--period must be one of ${PRESET_FLAGS.join(', ')}, got ${named}`);
  const days = presetPeriod(preset, zone);
  return { from: startOfDayIso(zone, days.from), to: startOfDayIso(zone, addDays(days.to, 1)) };
}

function csvFormatFlag(args: ParsedArgs): CsvFormat | undefined {
  const value = stringFlag(args, 'csv-format');
  if (value === undefined) return undefined;
  if (!(CSV_FORMATS as readonly string[]).includes(value)) throw new UsageError(`--csv-format must be ${CSV_FORMATS.join(' or ')}, got ${value}`);
  return value as CsvFormat;
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
  const zone = companyTimeZone(ctx.sqlite);
  const csvOptions = () => {
    const resolved = resolveLanguage(lang, readSettings(ctx.db).language);
    return { labels: labelsFor(resolved), format: csvFormatFlag(args) ?? defaultCsvFormat(resolved) };
  };
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
      const period = periodFlags(args, zone);
      const filter = ticketFilter.parse({ createdFrom: period.from, createdTo: period.to });
      const file = await exportTicketsCsv(ctx, filter, csvOptions());
      say(`Wrote ${writeOut(out, file.bytes)}`);
      return;
    }
    case 'work-orders-csv': {
      const out = requireFlag(args, 'out');
      const field = dateField(args);
      const period = periodFlags(args, zone);
      const filter = workOrderFilter.parse({ ...period, ...(field ? { dateField: field } : {}) });
      const file = await exportWorkOrdersCsv(ctx, filter, csvOptions());
      say(`Wrote ${writeOut(out, file.bytes)}`);
      return;
    }
    case 'batch': {
      const { from, to } = periodFlags(args, zone);
      if (!from || !to) throw new UsageError(`report batch needs --from and --to, or --period\n${USAGE}`);
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
    // No login on the command line: report reads need no actor (filters like assignedTo "me" do, and say so); the data folder
    // holds the OT photos the PDFs print.
    const ctx: ServiceContext = { db: backend.database.db, sqlite: backend.database.sqlite, actor: null, clock: systemClock, events: backend.events, dataDir };
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
