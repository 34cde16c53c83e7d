// What a court's request for supplementary materials (补正) may name as missing: the legal
// checklist's items (../checklist.ts) and anything else, described. Apart from supplement.ts so
// that the filing's schema does not carry the signing code with it (the app's first download).
export const SUPPLEMENT_ITEMS = ['application', 'agreement', 'identity', 'authority', 'property', 'service_address', 'statement', 'other'] as const;
