// The steps of signing an agreement, shown as progress (kept apart from signing.ts so that the
// case screen does not load the PDF and signature code before it is needed).
export const SIGNING_STEPS = ['render', 'mediator', 'institution', 'verify', 'record', 'checkpoint'] as const;
export type SigningStep = (typeof SIGNING_STEPS)[number];
