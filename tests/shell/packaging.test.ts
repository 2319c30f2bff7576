// Packaging invariants: electron-builder accepts the config, natives are unpacked, migrations shipped, fuses set,
// and the shell bundles only leave Electron and native modules outside.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildShell, MAIN_EXTERNALS, OPTIONAL_EXTERNALS } from '../../scripts/build-electron';
import { assertAddonAbi, betterSqliteBinary, electronAbi, readAddonAbi } from '../../scripts/native-abi';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const requireFromRepo = createRequire(path.join(repoRoot, 'package.json'));
const configFile = path.join(repoRoot, 'build', 'electron-builder.config.cjs');

interface BuilderConfig {
  files: string[];
  asarUnpack: string[];
  extraResources: Array<{ from: string; to: string }>;
  electronFuses: Record<string, boolean>;
  npmRebuild: boolean;
  linux: { target: string[] };
  win: { target: string[] };
  mac: { target: string[] };
  [key: string]: unknown;
}

// A copy: electron-builder's loader normalizes the cached module object in place.
const config = structuredClone(requireFromRepo(configFile)) as BuilderConfig;
const matchesAny = (file: string, patterns: string[]) => patterns.some((pattern) => !pattern.startsWith('!') && path.matchesGlob(file, pattern));

describe('electron-builder configuration', () => {
  it("passes electron-builder's own schema validation", async () => {
    const { getConfig, validateConfiguration } = requireFromRepo('app-builder-lib/out/util/config/config.js') as {
      getConfig(dir: string, file: string, extra: null): Promise<object>;
      validateConfiguration(config: object, logger: object): Promise<void>;
    };
    const { DebugLogger } = requireFromRepo('builder-util/out/DebugLogger.js') as { DebugLogger: new (enabled: boolean) => object };
    const loaded = await getConfig(repoRoot, configFile, null);
    await expect(validateConfiguration(loaded, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...loaded, notAnOption: true }, new DebugLogger(false))).rejects.toThrow();
  });

  it('ships the bundles and the renderer, and the package main is inside them', () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { main: string; productName: string };
    expect(config.productName).toBe('Emerald');
    expect(config.appId).toEqual(expect.any(String));
    expect(matchesAny(pkg.main, config.files)).toBe(true);
    expect(matchesAny('dist/index.html', config.files)).toBe(true);
    expect(matchesAny('dist-electron/preload.cjs', config.files)).toBe(true);
    expect(config.files).toContain('package.json');
  });

  it('unpacks every native addon from the asar', () => {
    for (const addon of ['node_modules/better-sqlite3/build/Release/better_sqlite3.node', 'node_modules/argon2/prebuilds/linux-x64/argon2.glibc.node', 'node_modules/some/other/addon.node']) {
      expect(matchesAny(addon, config.asarUnpack), addon).toBe(true);
    }
  });

  it('copies the migrations (and report fonts) next to the app as resources', () => {
    const migrations = config.extraResources.find((resource) => resource.to === 'migrations');
    expect(migrations?.from).toBe('db/migrations');
    expect(existsSync(path.join(repoRoot, 'db', 'migrations', 'meta', '_journal.json'))).toBe(true);
    expect(config.extraResources.find((resource) => resource.to === 'fonts')?.from).toBe('build/fonts');
  });

  it('sets the Electron fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('targets AppImage + deb, NSIS and DMG, and leaves native rebuilds to scripts/dist.ts', () => {
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.win.target).toContain('nsis');
    expect(config.mac.target).toContain('dmg');
    expect(config.npmRebuild).toBe(false);
  });
});

describe('native ABI check', () => {
  it("reads the installed better-sqlite3's NODE_MODULE_VERSION from the binary: Node's, since tests load it", () => {
    const abi = readAddonAbi(readFileSync(betterSqliteBinary(repoRoot)));
    expect(abi).toEqual({ kind: 'abi', version: Number(process.versions.modules) });
    expect(() => assertAddonAbi(betterSqliteBinary(repoRoot), Number(process.versions.modules), 'Node')).not.toThrow();
  });

  it("fails loudly when the binary does not match Electron's ABI, or cannot be read", () => {
    const { abi } = electronAbi(repoRoot);
    expect(Number.isInteger(abi)).toBe(true);
    expect(abi).not.toBe(Number(process.versions.modules));
    expect(() => assertAddonAbi(betterSqliteBinary(repoRoot), abi, 'Electron')).toThrow(/ABI CHECK FAILED/);
    expect(readAddonAbi(Buffer.from('no symbols here'))).toBeNull();
    expect(readAddonAbi(Buffer.from('\0napi_register_module_v1\0'))).toEqual({ kind: 'napi' });
  });
});

describe('shell bundles', () => {
  const outDir = mkdtempSync(path.join(repoRoot, 'node_modules', '.emerald-shell-build-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  const requiredModules = (file: string) => [...new Set([...readFileSync(file, 'utf8').matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1] as string))];
  const isBuiltin = (name: string) => name.startsWith('node:') || builtinModules.includes(name);

  it('bundles main and preload to CommonJS, leaving only Electron, native modules and Node built-ins outside', async () => {
    const { main, preload } = await buildShell(outDir);
    const mainRequires = requiredModules(main).filter((name) => !isBuiltin(name));
    expect(mainRequires.sort()).toEqual(expect.arrayContaining(['electron', 'better-sqlite3']));
    for (const name of mainRequires) expect([...MAIN_EXTERNALS, ...OPTIONAL_EXTERNALS] as string[], name).toContain(name);
    // An optional external must really be optional: every require of it sits in a try block.
    const mainText = readFileSync(main, 'utf8');
    for (const name of OPTIONAL_EXTERNALS) {
      for (const match of mainText.matchAll(new RegExp(`require\\("${name}"\\)`, 'g'))) {
        expect(mainText.slice(Math.max(0, (match.index ?? 0) - 120), match.index), name).toMatch(/try\s*\{[^}]*$/);
      }
    }
    // A sandboxed preload can require 'electron' and nothing from node_modules.
    expect(requiredModules(preload)).toEqual(['electron']);
    const preloadText = readFileSync(preload, 'utf8');
    // Exactly one thing is exposed, and it is the bridge, never ipcRenderer itself.
    expect(preloadText.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(preloadText).toMatch(/exposeInMainWorld\("emerald", createBridge\(/);
  });
});
