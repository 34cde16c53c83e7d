// What every route of the server is given: the database pool (connected as the application's
// role), the clocks, the password parameters and the sign-in limiters.
import type { Pool } from 'pg';
import type { SignInLimiters } from './auth/limits';
import type { ScryptParams } from './auth/passwords';
import type { FileStore } from './files/store';

export interface ServerDeps {
  readonly pool: Pool;
  /** Wall-clock time: sessions' and locks' expiry, records' times. */
  readonly now: () => Date;
  readonly passwordParams: ScryptParams;
  readonly limiters: SignInLimiters;
  /** Behind a TLS proxy: the client's address is the last X-Forwarded-For entry. */
  readonly trustProxy: boolean;
  readonly log: (line: string) => void;
  /** The file folder; null when the server keeps no files (the file routes refuse). */
  readonly files: FileStore | null;
}
