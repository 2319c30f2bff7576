// Doyensec's electronegativity over electron/: no finding unless justified in build/electronegativity-justified.json.
// A known-insecure canary is scanned with the tree, so an empty report can never pass because the scanner read nothing.
// Flake #19 was the CSV writer: dist/util/file.js fires the header (flag 'w') and the rows (flag 'a') as two unawaited fs.writeFile calls at once, so under load the header's truncating write lands after the rows and overwrites their first 76 bytes ("ted in the target application") or wipes them; the SARIF report is one fs.writeFile the CLI finishes before it exits.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Finding, parseSarifReport } from './electronegativity-report';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const ELECTRON_VERSION = '45.5.0';
const CANARY = 'zz-electronegativity-canary.ts';

interface Justification {
  rule: string;
  file: string;
  reason: string;
}

let workDir: string;
let findings: Finding[];
let canaryFindings: Finding[];
let rawReport: string;

/**
 * Runs the CLI on one folder into a fresh SARIF file and returns the raw report once the process has exited.
 * It exits 0 whatever it finds (and fails fast offline on release data): only the report counts.
 */
async function scan(input: string): Promise<{ output: string; raw: string }> {
  const cli = path.join(repoRoot, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js');
  const output = path.join(workDir, `report-${randomUUID()}.sarif`);
  if (existsSync(output)) throw new Error(`electronegativity report ${output} exists before the scan`);
  // execFile settles only after the child has exited and closed its pipes, so the report is final when we read it.
  const run = await promisify(execFile)(process.execPath, [cli, '-i', input, '-e', ELECTRON_VERSION, '-r', '-o', output], { cwd: workDir, timeout: 120_000 }).catch(
    (error: Error & { stdout?: string; stderr?: string }) => {
      throw new Error(`electronegativity failed on ${input}: ${error.message}\n${error.stdout ?? ''}\n${error.stderr ?? ''}`);
    },
  );
  if (!existsSync(output)) throw new Error(`electronegativity wrote no report for ${input}:\n${run.stdout}\n${run.stderr}`);
  return { output, raw: readFileSync(output, 'utf8') };
}

/** Copies the TypeScript sources of a live tree; a file another engineer is saving right now may vanish, and is skipped. */
function copySources(from: string, to: string): number {
  let copied = 0;
  for (const entry of readdirSync(from, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.tsx?$/.test(entry.name) || entry.name.endsWith('.test.ts')) continue;
    const source = path.join(entry.parentPath, entry.name);
    const target = path.join(to, path.relative(from, source));
    try {
      mkdirSync(path.dirname(target), { recursive: true });
      copyFileSync(source, target);
      copied++;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return copied;
}

beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'emerald-electronegativity-'));
  const input = path.join(workDir, 'electron');
  expect(copySources(path.join(repoRoot, 'electron'), input)).toBeGreaterThan(10);
  // The canary sits in the scanned tree: its findings prove the scanner read this tree.
  writeFileSync(
    path.join(input, CANARY),
    "import { BrowserWindow } from 'electron';\nexport const bad = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\n",
  );
  const report = await scan(input);
  rawReport = report.raw;
  const all = parseSarifReport(report.raw, report.output);
  canaryFindings = all.filter((finding) => finding.filename.endsWith(CANARY));
  findings = all.filter((finding) => !finding.filename.endsWith(CANARY));
}, 150_000);

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('electronegativity', () => {
  it('produced a real report: the canary window is flagged', () => {
    expect(rawReport.trim().length).toBeGreaterThan(0);
    const canaryRules = canaryFindings.filter((finding) => finding.filename.endsWith(CANARY)).map((finding) => finding.issue);
    expect(canaryRules).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'AUXCLICK_JS_CHECK']));
  });

  it('finds nothing in electron/ beyond the justified findings, and every justification is still needed', () => {
    const justified = JSON.parse(readFileSync(path.join(repoRoot, 'build', 'electronegativity-justified.json'), 'utf8')) as Justification[];
    for (const entry of justified) expect(entry.reason.length, `${entry.rule}: a justification needs a reason`).toBeGreaterThan(20);
    const real = findings;
    const isJustified = (finding: Finding) => justified.some((entry) => entry.rule === finding.issue && entry.file === finding.filename);
    const unjustified = real.filter((finding) => !isJustified(finding)).map((finding) => `${finding.issue} ${finding.filename}:${finding.location} ${finding.description}`);
    expect(unjustified).toEqual([]);
    const unused = justified.filter((entry) => !real.some((finding) => finding.issue === entry.rule && finding.filename === entry.file));
    expect(unused, 'remove justifications that no longer match a finding').toEqual([]);
  });
});
