// Versioned schema migrations (`mw server migrate`). Each file migrations/NNNN_name.sql is applied
// once, in order, in a transaction of its own that also records it in mw.schema_migrations with
// the file's SHA-256; a file changed after it was applied, a gap in the numbers, or a database
// newer than these files is refused before anything runs. Concurrent runs wait on an advisory lock.
// After the migrations, grants.sql re-asserts what the application's role may do.
//
// It runs as the role that owns schema mw (not a superuser: the SECURITY DEFINER functions run as
// the owner, and a superuser's would bypass every policy). The application's role must be another
// role, neither superuser nor BYPASSRLS: the policies hold only for such a role.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { ClientBase } from 'pg';

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
const GRANTS_FILE = fileURLToPath(new URL('./grants.sql', import.meta.url));
/** pg_advisory_xact_lock key of the migrator ('mwmigrat' as a number). */
const LOCK_KEY = 0x6d776d6967726174n;

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  readonly sha256: string;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** The migration files, in order; their numbers must run 1, 2, 3… without a gap. */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
  return files.map((file, index) => {
    const match = /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(file);
    if (!match) throw new MigrationError(`${file}: a migration is named NNNN_name.sql (four digits, lower-case name).`);
    const version = Number(match[1]);
    if (version !== index + 1) throw new MigrationError(`${file}: expected migration ${String(index + 1).padStart(4, '0')} here; the numbers must run without a gap.`);
    const sql = readFileSync(join(dir, file), 'utf8');
    return { version, name: match[2] as string, sql, sha256: createHash('sha256').update(sql).digest('hex') };
  });
}

export interface MigrateOptions {
  /** The role the server connects as (default mw_app). */
  readonly appRole: string;
  readonly migrations?: readonly Migration[];
  readonly log?: (line: string) => void;
}

export interface MigrateResult {
  readonly applied: readonly number[];
  readonly version: number;
}

interface RoleFacts {
  me: string;
  super: boolean;
  schemaOwner: string | null;
}

async function checkRoles(client: ClientBase, appRole: string): Promise<RoleFacts> {
  const me = await client.query<{ me: string; super: boolean; owner: string | null }>(
    "SELECT current_user AS me, r.rolsuper AS super, (SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'mw') AS owner FROM pg_roles r WHERE r.rolname = current_user",
  );
  const facts = me.rows[0];
  if (!facts) throw new MigrationError('cannot read the connecting role from pg_roles.');
  if (facts.super) throw new MigrationError(`"${facts.me}" is a superuser: migrate as the database's owner role instead (docs/server.md "Install"), so that no function of the schema runs with a superuser's rights.`);
  if (facts.owner !== null && facts.owner !== facts.me) throw new MigrationError(`schema mw belongs to "${facts.owner}": migrate as that role, not "${facts.me}".`);
  const app = await client.query<{ rolsuper: boolean; rolbypassrls: boolean }>('SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1', [appRole]);
  const appFacts = app.rows[0];
  if (!appFacts) throw new MigrationError(`the application's role "${appRole}" does not exist: create it first (CREATE ROLE ${appRole} LOGIN PASSWORD '…'), or name it with --app-role.`);
  if (appRole === facts.me) throw new MigrationError(`the application's role must not be the schema's owner "${facts.me}": row-level security would hold it only by FORCE, and the owner may switch that off.`);
  if (appFacts.rolsuper || appFacts.rolbypassrls) throw new MigrationError(`the application's role "${appRole}" is a superuser or has BYPASSRLS: row-level security would not hold it.`);
  return { me: facts.me, super: facts.super, schemaOwner: facts.owner };
}

async function inTransaction<T>(client: ClientBase, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY.toString()]);
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

async function appliedMigrations(client: ClientBase): Promise<Map<number, string>> {
  const rows = await client.query<{ version: number; sha256: string }>('SELECT version, sha256 FROM mw.schema_migrations ORDER BY version');
  return new Map(rows.rows.map((r) => [r.version, r.sha256]));
}

function checkHistory(applied: Map<number, string>, migrations: readonly Migration[]): void {
  const latest = migrations.at(-1)?.version ?? 0;
  for (const [version, sha256] of applied) {
    const file = migrations[version - 1];
    if (!file) throw new MigrationError(`the database is at migration ${version}, newer than this server's migrations (up to ${latest}): run the newer server.`);
    if (file.sha256 !== sha256) throw new MigrationError(`migration ${String(version).padStart(4, '0')}_${file.name}.sql changed after it was applied (SHA-256 ${sha256.slice(0, 12)}… then, ${file.sha256.slice(0, 12)}… now): add a new migration instead of editing an applied one.`);
  }
}

export async function migrate(client: ClientBase, options: MigrateOptions): Promise<MigrateResult> {
  const migrations = options.migrations ?? readMigrations();
  const log = options.log ?? (() => undefined);
  await checkRoles(client, options.appRole);
  await inTransaction(client, async () => {
    await client.query('CREATE SCHEMA IF NOT EXISTS mw');
    await client.query('CREATE TABLE IF NOT EXISTS mw.schema_migrations (version integer PRIMARY KEY, name text NOT NULL, sha256 text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
  });
  checkHistory(await appliedMigrations(client), migrations);

  const applied: number[] = [];
  for (const migration of migrations) {
    const done = await inTransaction(client, async () => {
      // Read again under the lock: another migrator may have applied it meanwhile.
      const now = await appliedMigrations(client);
      checkHistory(now, migrations);
      if (now.has(migration.version)) return false;
      await client.query(migration.sql);
      await client.query('INSERT INTO mw.schema_migrations (version, name, sha256) VALUES ($1, $2, $3)', [migration.version, migration.name, migration.sha256]);
      return true;
    });
    if (done) {
      applied.push(migration.version);
      log(`applied ${String(migration.version).padStart(4, '0')}_${migration.name}`);
    }
  }
  await inTransaction(client, async () => {
    await client.query(readFileSync(GRANTS_FILE, 'utf8').replaceAll('{{app}}', pg.escapeIdentifier(options.appRole)));
  });
  return { applied, version: migrations.at(-1)?.version ?? 0 };
}

/** The highest migration applied (the table exists once `migrate` has run). */
export async function schemaVersion(client: Pick<ClientBase, 'query'>): Promise<number> {
  const result = await client.query<{ version: number }>('SELECT coalesce(max(version), 0) AS version FROM mw.schema_migrations');
  return result.rows[0]?.version ?? 0;
}
