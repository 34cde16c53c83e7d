// The storage feature's i18n namespace (its texts are in ./i18n.ts).
export const STORAGE_NS = 'storage';
