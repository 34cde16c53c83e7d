// One request, one transaction, one tenant: every query of a request runs inside a transaction
// that first tells PostgreSQL who is asking (set_config(…, true) is SET LOCAL: it ends with the
// transaction, so a pooled connection carries nothing to the next request). The row-level
// security policies of migrations/0001_foundation.sql read these settings; without them a query
// sees no tenant row at all.
import type { Pool, PoolClient } from 'pg';
import type { Role } from '../../shared/domain/roles';

export interface TenantContext {
  readonly institutionId: string;
  /** null before anyone is signed in (sign-in itself, the operator's commands). */
  readonly accountId: string | null;
  /** '' before anyone is signed in: no role-dependent policy admits anything. */
  readonly role: Role | '';
}

export type Db = Pick<PoolClient, 'query'>;

export async function setTenant(db: Db, context: TenantContext): Promise<void> {
  await db.query("SELECT set_config('app.institution', $1, true), set_config('app.account', $2, true), set_config('app.role', $3, true)", [
    context.institutionId,
    context.accountId ?? '',
    context.role,
  ]);
}

/** Runs `work` in one transaction as `context`; commits what it did, or rolls everything back on a throw. */
export async function inTenant<T>(pool: Pool, context: TenantContext, work: (db: Db) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  // The connection lost between two queries (PostgreSQL restarted) is said by the next query; the
  // event itself must not end the process.
  const lost = (): void => {
    broken = true;
  };
  client.on('error', lost);
  try {
    // One round trip for both (a request is mostly its round trips): the values go as literals,
    // quoted by the driver, since a query of two statements takes no parameters.
    const setting = (name: string, value: string) => `set_config('${name}', ${client.escapeLiteral(value)}, true)`;
    await client.query(`BEGIN; SELECT ${setting('app.institution', context.institutionId)}, ${setting('app.account', context.accountId ?? '')}, ${setting('app.role', context.role)}`);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    try {
      await client.query('ROLLBACK');
    } catch {
      // The connection itself failed: it is not given back to the pool.
      broken = true;
    }
    throw error;
  } finally {
    client.off('error', lost);
    client.release(broken);
  }
}
