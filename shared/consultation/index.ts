// The consultation register of a legal-service desk (issue 18): the record, its topics, channels,
// outcomes and statute titles, the form's validator, search keys, "seen before" and retention.
// The opinion PDF (./opinion.ts) is imported on its own, so that pdf-lib loads only where it prints.
export * from './topics';
export * from './statutes';
export * from './model';
export * from './names';
export * from './intake';
export * from './search';
export * from './seen-before';
export * from './retention';
