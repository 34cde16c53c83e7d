// The statistics dashboard's pure side (issue 19 item 1): the aggregate's shape and how a case
// and a change of a case update it (./aggregate.ts), the figures computed from it under a filter
// (./figures.ts), the periods (./period.ts), where a click on a figure leads (./links.ts), who sees
// which figures (./access.ts), the filter in the URL (./filter-params.ts) and the hotspots
// (./hotspots.ts) with the repeat disputes' index (./repeats.ts), the legal-service desk's
// consultations (./consultations.ts); the aggregate's stored form (./stored.ts).
export * from './aggregate';
export * from './figures';
export * from './links';
export * from './period';
export * from './access';
export * from './filter-params';
export * from './hotspots';
export * from './stored';
export * from './repeats';
export * from './consultations';
