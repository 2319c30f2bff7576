// Layering as an allow-list, as VS Code does it: each folder names what it may import, and anything else is an error
// (a deny-list let services → ipc, db → services and preload → better-sqlite3 through). One ESLint rule,
// `layers/allowed-imports`, used by eslint.config.js; tests/contract/layering.test.ts shows it firing.
import { builtinModules } from 'node:module';
import path from 'node:path';

/** Node's built-ins, bare (`fs`) or prefixed (`node:fs`). */
export const NODE = 'node built-ins';

/**
 * Each layer: its folder (relative to the repository), the layers or paths it may import, and the packages it may use
 * (a package name also allows its subpaths: `drizzle-orm` allows `drizzle-orm/sqlite-core`). A file imports its own
 * layer freely, except inside services (see SERVICES below). Files in no layer (scripts, tests, build) are not checked.
 */
export const LAYERS = [
  // Pure enums: nothing at all, so every layer (and the renderer bundle) can load them.
  { name: 'shared', folder: 'shared', may: [], packages: [] },
  // The IPC contract: pure TypeScript shared with the renderer (DESIGN: "no Node, no drizzle").
  { name: 'contract', folder: 'electron/contract', may: ['shared'], packages: ['zod'] },
  // Opening, migrating and checking the database file (db/pg: the central hub's PostgreSQL); errors are the contract's.
  { name: 'db', folder: 'db', may: ['shared', 'contract'], packages: [NODE, 'better-sqlite3', 'drizzle-orm', 'pg'] },
  // The domain: plain Node, never electron, never the router or the shell.
  {
    name: 'services',
    folder: 'electron/services',
    // electron/workers/spawn: the job worker's client starts its thread (plain worker_threads, no electron).
    may: ['shared', 'contract', 'db', 'electron/workers/spawn'],
    packages: [NODE, 'better-sqlite3', 'drizzle-orm', 'pg', 'zod', 'argon2', '@zxcvbn-ts', 'uuid', 'pdfkit', 'csv-parse', 'csv-stringify', 'yazl', 'bonjour-service', 'sharp'],
  },
  // The transport-agnostic router and browser mode's HTTP server: sessions and transports, no electron.
  // electron/workers/spawn: the engine worker's host starts its thread (plain worker_threads, no electron).
  { name: 'ipc', folder: 'electron/ipc', may: ['shared', 'contract', 'db', 'services', 'electron/workers/spawn'], packages: [NODE, 'zod', 'ws'] },
  // The sandboxed preload bridge: electron's ipcRenderer and the channel names, nothing of Node or the database.
  { name: 'preload', folder: 'electron/preload', may: ['contract', 'electron/ipc/electron-channels'], packages: ['electron'] },
  // The Electron shell: lifecycle, window, protocol; wires the backend together.
  { name: 'main', folder: 'electron/main', may: ['shared', 'contract', 'db', 'services', 'ipc'], packages: [NODE, 'electron'] },
  // The sandboxed UI: talks only to the contract through window.emerald.
  {
    name: 'renderer',
    folder: 'renderer',
    may: ['shared', 'contract'],
    packages: ['react', 'react-dom', 'zustand', 'i18next', 'react-i18next', 'lucide-react', '@tanstack/react-virtual', 'uplot', 'zod'],
  },
];

/** Inside services, one module (a folder of electron/services) reaches another only through its index.ts. */
const SERVICES = 'electron/services';

const nodeBuiltins = new Set(builtinModules.filter((m) => !m.startsWith('_')));
const inFolder = (file, folder) => file === folder || file.startsWith(`${folder}/`) || file.startsWith(`${folder}.`);
const layerOf = (file) => LAYERS.find((layer) => inFolder(file, layer.folder)) ?? null;
const packageOf = (specifier) => {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
};
const toPosix = (p) => p.split(path.sep).join('/');

/** Why `from` (repository path) may not import `specifier`, or null when it may. */
export function layerProblem(from, specifier) {
  const layer = layerOf(from);
  if (!layer) return null;
  const bare = specifier.replace(/[?#].*$/, '');
  if (!bare.startsWith('.') && !bare.startsWith('/')) {
    if (bare.startsWith('node:') || nodeBuiltins.has(packageOf(bare))) {
      return layer.packages.includes(NODE) ? null : `${layer.name} may not use Node's built-ins (${bare})`;
    }
    const name = packageOf(bare);
    // A scope (`@zxcvbn-ts`) allows its packages.
    const allowed = layer.packages.some((p) => p !== NODE && (name === p || name.split('/')[0] === p));
    return allowed ? null : `${layer.name} may not use the package '${name}' (not in its list in lint/layers.js)`;
  }
  const target = toPosix(path.posix.normalize(path.posix.join(path.posix.dirname(from), bare)));
  if (target.startsWith('..')) return `${layer.name} may not import from outside the repository (${bare})`;
  const targetLayer = layerOf(target);
  if (targetLayer === layer) return servicesProblem(from, target);
  if (targetLayer && layer.may.includes(targetLayer.name)) return null;
  if (layer.may.some((allowed) => allowed.includes('/') && inFolder(target, allowed))) return null;
  return `${layer.name} may not import ${targetLayer ? targetLayer.name : target} (${bare}); it may import: ${layer.may.join(', ') || 'nothing'}`;
}

/** Inside services: another module's files only through its index (`../users` or `../users/index`). */
function servicesProblem(from, target) {
  if (!inFolder(from, SERVICES)) return null;
  const moduleOf = (file) => {
    const rest = file.slice(SERVICES.length + 1).split('/');
    return rest.length > 1 ? rest[0] : null;
  };
  const source = moduleOf(from);
  const rest = target.slice(SERVICES.length + 1).split('/');
  // A top-level file (context.ts, ids.ts) or a module folder itself (../users → users/index.ts).
  if (rest.length === 1) return null;
  const [targetModule, ...inside] = rest;
  if (targetModule === source || (inside.length === 1 && inside[0] === 'index')) return null;
  return `services/${source ?? path.posix.basename(from)} may reach services/${targetModule} only through its index.ts (not ${inside.join('/')})`;
}

/** The ESLint rule: every import, export-from and literal dynamic import is checked against LAYERS. */
export function layersPlugin(repoRoot) {
  const rule = {
    meta: { type: 'problem', schema: [], messages: { layer: '{{problem}}' } },
    create(context) {
      const file = toPosix(path.relative(repoRoot, context.filename));
      if (!layerOf(file)) return {};
      const check = (node, source) => {
        if (!source || typeof source.value !== 'string') return;
        const problem = layerProblem(file, source.value);
        if (problem) context.report({ node, messageId: 'layer', data: { problem } });
      };
      return {
        ImportDeclaration: (node) => check(node, node.source),
        ExportNamedDeclaration: (node) => check(node, node.source),
        ExportAllDeclaration: (node) => check(node, node.source),
        ImportExpression: (node) => check(node, node.source.type === 'Literal' ? node.source : null),
      };
    },
  };
  return { rules: { 'allowed-imports': rule } };
}
