// The people's-mediation statistical report (issue 19 item 2): the layouts and their mappings of
// our 24 categories (mappings.ts), the period (period.ts), the figures from case rows
// (compute.ts), the columns as printed (columns.ts), filing and its file formats (filing.ts), a
// bureau's area summed on the center server (area.ts) and
// the PDF (pdf.ts, imported on its own: it brings pdf-lib and the fonts).
export * from './mappings';
export * from './period';
export * from './compute';
export * from './columns';
export * from './filing';
export * from './area';
