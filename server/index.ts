// The center server's door: what its host (`mw server …` in cli/) and its tests use.
export { ConfigError, DEFAULT_PORT, databaseUrl, resolveConfig, type ServerConfig } from './config';
export { migrate, MigrationError, readMigrations, schemaVersion, type MigrateResult } from './db/migrate';
export { checkDatabase, createDeps, createPool, ROUTES, startServer, StartError, type RunningServer } from './host';
export { createApiHandler } from './http/host';
export { attachNudge, type Nudge } from './sync/nudge';
export { createInstitution, type NewInstitution } from './institutions';
export { Refusal } from './refusal';
export { SCRYPT_PARAMS, hashPassword, verifyPassword } from './auth/passwords';
