// Backups, restore and health checks of the database file (used by the shell, the CLI and the backup channels).
export * from './backup';
export * from './check';
export * from './errors';
export * from './files';
export * from './inspect';
export * from './restore';
