// The domain layer's public API: pure functions and data, no I/O.
export * from './model';
export * from './errors';
export * from './messages';
export * from './text';
export * from './money';
export * from './identifiers';
export * from './categories';
export * from './deadlines';
export * from './lifecycle';
export * from './case-number';
export * from './intake';
export * from './search';
export * from './permissions';
export * from './case-query';
export * from './settings';
export * from './institution-kinds';
