// electron-builder configuration for `npm run dist` (scripts/dist.ts). Invariants are checked by tests/shell/packaging.test.ts.
/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'app.emerald.servicedesk',
  productName: 'Emerald',
  copyright: 'Emerald',
  electronVersion: '45.5.0',
  directories: { output: 'release', buildResources: 'build' },
  // Only the bundles and the built renderer; electron-builder adds the production node_modules itself.
  files: ['dist/**', 'dist-electron/**', 'package.json', '!**/*.map'],
  extraResources: [
    { from: 'db/migrations', to: 'migrations', filter: ['**/*'] },
    { from: 'build/fonts', to: 'fonts', filter: ['**/*'] },
    // The window icon on Linux (electron/main/paths.ts); the files come from build/icon.svg via scripts/make-icons.ts.
    { from: 'build/icons/512x512.png', to: 'icon.png' },
  ],
  icon: 'build/icon.png',
  asar: true,
  // Native addons cannot load from inside an asar archive.
  // sharp loads libvips (a shared library beside its addon) from node_modules/@img.
  asarUnpack: ['**/*.node', 'node_modules/better-sqlite3/**', 'node_modules/argon2/**', 'node_modules/sharp/**', 'node_modules/@img/**'],
  // scripts/dist.ts rebuilds better-sqlite3 for Electron and verifies its ABI first; a second rebuild here would skip that check.
  npmRebuild: false,
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
  },
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Office',
    executableName: 'emerald',
    maintainer: 'Emerald <emerald@example.invalid>',
    synopsis: 'Offline-first service desk',
    icon: 'build/icons',
  },
  win: { target: ['nsis'], icon: 'build/icon.ico' },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
  mac: { target: ['dmg'], category: 'public.app-category.business', hardenedRuntime: true, icon: 'build/icon.png' },
};
