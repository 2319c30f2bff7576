// Parses electronegativity's SARIF report (`-o x.sarif`) into findings, or fails loudly with the raw report.
// Its writer (dist/util/file.js writeIssues) emits one run: tool.driver.name "Electronegativity", one rule per ruleId,
// one result per finding with the path (relative with -r) in artifactLocation.uri, or "file:///" for a finding without file.

export interface Finding {
  /** The check id, e.g. CONTEXT_ISOLATION_JS_CHECK (the CSV "issue" column). */
  issue: string;
  /** The scanned path as the scanner prints it (relative with -r), or "N/A" for a global finding, as in the CSV. */
  filename: string;
  /** "line:column", 1-based as SARIF has it; for messages only. */
  location: string;
  description: string;
  /** "warning", or "note" when the scanner asks for a manual review. */
  level: string;
}

/** How much of a malformed report goes into the failure message. */
export const RAW_EXCERPT_LIMIT = 4096;

/** A global finding (CSP_GLOBAL_CHECK) has no file: the CSV says "N/A", the SARIF writer says "file:///". */
const NO_FILE_URI = 'file:///';

export function rawExcerpt(raw: string, limit = RAW_EXCERPT_LIMIT): string {
  const head = raw.length > limit ? `${raw.slice(0, limit)}\n… (${raw.length - limit} more characters cut)` : raw;
  return `--- raw report, ${raw.length} characters ---\n${head}\n--- end of raw report ---`;
}

const malformed = (source: string, reason: string, raw: string) =>
  new Error(`electronegativity report ${source} is malformed: ${reason}\n${rawExcerpt(raw)}`);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function field(value: unknown, ...keys: string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** Every finding of the report; throws with the reason and the (truncated) raw text unless the whole report is well formed. */
export function parseSarifReport(raw: string, source = '(report)'): Finding[] {
  if (raw.trim() === '') throw malformed(source, 'the file is empty', raw);
  let report: unknown;
  try {
    report = JSON.parse(raw);
  } catch (error) {
    throw malformed(source, `not JSON (${(error as Error).message})`, raw);
  }
  if (field(report, 'version') !== '2.1.0') throw malformed(source, 'version is not SARIF "2.1.0"', raw);
  const runs = field(report, 'runs');
  if (!Array.isArray(runs) || runs.length !== 1) throw malformed(source, 'expected exactly one run', raw);
  const run: unknown = runs[0];
  if (field(run, 'tool', 'driver', 'name') !== 'Electronegativity') throw malformed(source, 'runs[0].tool.driver.name is not "Electronegativity"', raw);
  if (field(run, 'invocations', '0', 'executionSuccessful') === false) throw malformed(source, 'the run says executionSuccessful: false', raw);
  const rules = field(run, 'tool', 'driver', 'rules');
  const results = field(run, 'results');
  if (!Array.isArray(rules) || !Array.isArray(results)) throw malformed(source, 'runs[0] lacks tool.driver.rules[] or results[]', raw);
  const ruleIds = new Set(rules.map((rule) => field(rule, 'id')));

  return results.map((result: unknown, index): Finding => {
    const ruleId = field(result, 'ruleId');
    const text = field(result, 'message', 'text');
    const level = field(result, 'level');
    const locations = field(result, 'locations');
    const physical = Array.isArray(locations) ? field(locations[0], 'physicalLocation') : undefined;
    const uri = field(physical, 'artifactLocation', 'uri');
    const line = field(physical, 'region', 'startLine');
    const column = field(physical, 'region', 'startColumn');
    if (typeof ruleId !== 'string' || ruleId === '') throw malformed(source, `results[${index}] has no ruleId`, raw);
    if (!ruleIds.has(ruleId)) throw malformed(source, `results[${index}] names rule ${ruleId}, which tool.driver.rules does not declare`, raw);
    if (typeof text !== 'string' || typeof level !== 'string') throw malformed(source, `results[${index}] (${ruleId}) lacks message.text or level`, raw);
    if (typeof uri !== 'string' || uri === '' || typeof line !== 'number' || typeof column !== 'number')
      throw malformed(source, `results[${index}] (${ruleId}) lacks a physical location (uri, startLine, startColumn)`, raw);
    return { issue: ruleId, filename: uri === NO_FILE_URI ? 'N/A' : uri, location: `${line}:${column}`, description: text, level };
  });
}
