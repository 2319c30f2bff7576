// Runs one CLI command in this process and reports its wall time and peak memory (max RSS) as a JSON last line on stderr.
import { performance } from 'node:perf_hooks';
import { runCli } from '../cli';

const started = performance.now();
const code = await runCli(process.argv.slice(2));
process.stderr.write(`\n${JSON.stringify({ code, ms: Math.round(performance.now() - started), peakMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
process.exitCode = code;
