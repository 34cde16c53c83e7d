// The ledger worker thread's entry (./examine.ts): like cli/bin/mw.mjs, it has tsx compile the
// TypeScript on the fly — a worker does not inherit the main thread's loader. The packages are
// loaded first, by Node itself: through tsx's loader thread, zod's hundred-odd modules would take
// three times as long, and the worker's start-up is time the main thread verifies alone.
import 'zod';
import 'canonicalize';
import '@noble/hashes/sha2.js';
import '@noble/hashes/utils.js';
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
