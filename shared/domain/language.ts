// The languages of the app: the settings record (model.ts) and the labels of institution-kinds.ts
// both need them, so they live apart from either.
import { z } from 'zod';

export const LANGUAGES = ['zh-CN', 'en-US'] as const;
export const languageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof languageSchema>;
