// The electronegativity report parser: a well-formed SARIF report maps to the CSV's rule/file semantics,
// and a garbled, truncated or foreign report fails with a clear message carrying the raw text (cut to a few KB).
import { describe, expect, it } from 'vitest';
import { parseSarifReport, RAW_EXCERPT_LIMIT } from './electronegativity-report';

const result = (ruleId: string, uri: string, text: string, locations = [{ physicalLocation: { artifactLocation: { uri }, region: { startLine: 2, startColumn: 81, charLength: 10 } } }]) => ({
  ruleId,
  level: 'warning',
  message: { text },
  locations,
});

/** The shape dist/util/file.js writeIssues writes with `-r -o x.sarif`. */
const sarif = (results: ReturnType<typeof result>[], name = 'Electronegativity', rules = [...new Set(results.map((r) => r.ruleId))].map((id) => ({ id }))) => ({
  $schema: 'http://json.schemastore.org/sarif-2.1.0',
  version: '2.1.0',
  runs: [
    {
      tool: { driver: { name, version: '1.10.3', rules } },
      results,
      invocations: [{ workingDirectory: { uri: 'file:////tmp/x/electron' }, executionSuccessful: true }],
    },
  ],
});

const good = JSON.stringify(
  sarif([result('CSP_GLOBAL_CHECK', 'file:///', 'No CSP has been detected in the target application'), result('CONTEXT_ISOLATION_JS_CHECK', 'main/window.ts', 'Review the use of the contextIsolation option')]),
  null,
  2,
);

describe('parseSarifReport', () => {
  it('maps results to rule, file (a file-less global finding is "N/A", as in the CSV), location and description', () => {
    expect(parseSarifReport(good)).toEqual([
      { issue: 'CSP_GLOBAL_CHECK', filename: 'N/A', location: '2:81', description: 'No CSP has been detected in the target application', level: 'warning' },
      { issue: 'CONTEXT_ISOLATION_JS_CHECK', filename: 'main/window.ts', location: '2:81', description: 'Review the use of the contextIsolation option', level: 'warning' },
    ]);
  });

  it('fails on the CSV garbled by the racing header write of #19, naming the report and quoting it', () => {
    const garbled =
      'issue, severity, confidence, filename, location, sample, description, url\nted in the target application",https://github.com/doyensec/electronegativity/wiki/CSP_GLOBAL_CHECK\n';
    expect(() => parseSarifReport(garbled, '/tmp/r.sarif')).toThrow(/^electronegativity report \/tmp\/r\.sarif is malformed: not JSON/);
    expect(() => parseSarifReport(garbled, '/tmp/r.sarif')).toThrow(/--- raw report, \d+ characters ---\nissue, severity[^]*ted in the target application/);
  });

  it('fails on a report cut short by an unfinished write', () => {
    expect(() => parseSarifReport(good.slice(0, good.length / 2))).toThrow(/is malformed: not JSON/);
  });

  it('fails on an empty report', () => {
    expect(() => parseSarifReport('\n')).toThrow(/is malformed: the file is empty/);
  });

  it('fails on well-formed JSON that is not a complete electronegativity run', () => {
    expect(() => parseSarifReport('{}')).toThrow(/version is not SARIF "2\.1\.0"/);
    expect(() => parseSarifReport(JSON.stringify(sarif([], 'Other')))).toThrow(/tool\.driver\.name is not "Electronegativity"/);
    const undeclared = sarif([result('SANDBOX_JS_CHECK', 'a.ts', 'x')], 'Electronegativity', []);
    expect(() => parseSarifReport(JSON.stringify(undeclared))).toThrow(/names rule SANDBOX_JS_CHECK, which tool\.driver\.rules does not declare/);
    const noLocation = sarif([result('SANDBOX_JS_CHECK', 'a.ts', 'x', [])]);
    expect(() => parseSarifReport(JSON.stringify(noLocation))).toThrow(/results\[0\] \(SANDBOX_JS_CHECK\) lacks a physical location/);
  });

  it('cuts a long raw report to a few KB in the message', () => {
    const huge = `garbage ${'x'.repeat(50_000)}`;
    let message = '';
    try {
      parseSarifReport(huge);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/is malformed: not JSON/);
    expect(message).toContain(`(${huge.length - RAW_EXCERPT_LIMIT} more characters cut)`);
    expect(message.length).toBeLessThan(RAW_EXCERPT_LIMIT + 1000);
  });
});
