// Doyensec's electronegativity over electron/: no finding unless justified in build/electronegativity-justified.json.
// A known-insecure canary file is scanned too, so an empty report can never pass by scanning nothing.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const ELECTRON_VERSION = '45.5.0';
const CANARY = 'zz-electronegativity-canary.ts';

interface Finding {
  issue: string;
  severity: string;
  confidence: string;
  filename: string;
  location: string;
  description: string;
}

interface Justification {
  rule: string;
  file: string;
  reason: string;
}

let workDir: string;
let findings: Finding[];
let rawCsv: string;

beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'emerald-electronegativity-'));
  const input = path.join(workDir, 'electron');
  cpSync(path.join(repoRoot, 'electron'), input, { recursive: true, filter: (source) => !source.endsWith('.test.ts') });
  writeFileSync(
    path.join(input, CANARY),
    "import { BrowserWindow } from 'electron';\nexport const bad = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\n",
  );
  const output = path.join(workDir, 'report.csv');
  const cli = path.join(repoRoot, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js');
  // It exits 0 whatever it finds (and tries the network for release data, failing fast offline): only the CSV counts.
  await promisify(execFile)(process.execPath, [cli, '-i', input, '-e', ELECTRON_VERSION, '-r', '-o', output], { cwd: workDir, timeout: 120_000 });
  expect(existsSync(output), 'electronegativity wrote no report').toBe(true);
  rawCsv = readFileSync(output, 'utf8');
  findings = parse(rawCsv, { columns: true, trim: true, skip_empty_lines: true }) as Finding[];
}, 150_000);

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('electronegativity', () => {
  it('produced a real report: the canary window is flagged', () => {
    expect(rawCsv.trim().length).toBeGreaterThan(0);
    const canaryRules = findings.filter((finding) => finding.filename.endsWith(CANARY)).map((finding) => finding.issue);
    expect(canaryRules).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'AUXCLICK_JS_CHECK']));
  });

  it('finds nothing in electron/ beyond the justified findings, and every justification is still needed', () => {
    const justified = JSON.parse(readFileSync(path.join(repoRoot, 'build', 'electronegativity-justified.json'), 'utf8')) as Justification[];
    for (const entry of justified) expect(entry.reason.length, `${entry.rule}: a justification needs a reason`).toBeGreaterThan(20);
    const real = findings.filter((finding) => !finding.filename.endsWith(CANARY));
    const isJustified = (finding: Finding) => justified.some((entry) => entry.rule === finding.issue && entry.file === finding.filename);
    const unjustified = real.filter((finding) => !isJustified(finding)).map((finding) => `${finding.issue} ${finding.filename}:${finding.location} ${finding.description}`);
    expect(unjustified).toEqual([]);
    const unused = justified.filter((entry) => !real.some((finding) => finding.issue === entry.rule && finding.filename === entry.file));
    expect(unused, 'remove justifications that no longer match a finding').toEqual([]);
  });
});
