// The statistics dashboard's pure side (issue 19 item 1): the aggregate's shape and how a case
// and a change of a case update it (./aggregate.ts), the figures computed from it under a filter
// (./figures.ts), the periods (./period.ts) and where a click on a figure leads (./links.ts).
export * from './aggregate';
export * from './figures';
export * from './links';
export * from './period';
