// Which runtime a native addon was built for, read from the binary itself: no need to load it (or to have Electron).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type AddonAbi = { kind: 'abi'; version: number } | { kind: 'napi' };

/** A V8-API addon exports `node_register_module_v<NODE_MODULE_VERSION>`; an N-API addon `napi_register_module_v1`. */
export function readAddonAbi(binary: Buffer): AddonAbi | null {
  const text = binary.toString('latin1');
  const versioned = /node_register_module_v(\d+)/.exec(text);
  if (versioned?.[1]) return { kind: 'abi', version: Number(versioned[1]) };
  return text.includes('napi_register_module_v') ? { kind: 'napi' } : null;
}

export function betterSqliteBinary(repoRoot: string): string {
  return path.join(repoRoot, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
}

/** Electron's NODE_MODULE_VERSION, from the electron package and node-abi; they must agree. */
export function electronAbi(repoRoot: string): { electronVersion: string; abi: number } {
  const electronDir = path.join(repoRoot, 'node_modules', 'electron');
  const electronVersion = (JSON.parse(readFileSync(path.join(electronDir, 'package.json'), 'utf8')) as { version: string }).version;
  const fromPackage = Number(readFileSync(path.join(electronDir, 'abi_version'), 'utf8').trim());
  const nodeAbi = createRequire(path.join(repoRoot, 'package.json'))('node-abi') as { getAbi(target: string, runtime: string): string };
  const fromNodeAbi = Number(nodeAbi.getAbi(electronVersion, 'electron'));
  if (!Number.isInteger(fromPackage) || fromPackage !== fromNodeAbi) {
    throw new Error(`cannot tell Electron ${electronVersion}'s ABI: electron/abi_version says ${fromPackage}, node-abi says ${fromNodeAbi}`);
  }
  return { electronVersion, abi: fromPackage };
}

/** Throws, loudly, unless the addon at `file` was built for `expectedAbi`. */
export function assertAddonAbi(file: string, expectedAbi: number, runtime: string): void {
  const found = readAddonAbi(readFileSync(file));
  if (found === null) throw new Error(`ABI CHECK FAILED: ${file} has no module registration symbol; cannot verify it is built for ${runtime}`);
  if (found.kind === 'napi') return;
  if (found.version !== expectedAbi) {
    throw new Error(`ABI CHECK FAILED: ${file} is built for NODE_MODULE_VERSION ${found.version}, but ${runtime} needs ${expectedAbi}`);
  }
}
