// A ledger worker that fails as it starts (test/unit/ledger/parallel.test.ts): the main thread must
// then examine the entries the worker would have.
throw new Error('test: the ledger worker fails');
