// The roles a user can have: model.ts (the user record) and institution-kinds.ts (the roles each
// kind offers) both need them, so they live apart from either.
import { z } from 'zod';

/** director (主任): sees every case and the institution's figures, changes nothing and administers nothing. */
export const ROLES = ['admin', 'mediator', 'lawyer', 'clerk', 'director'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;
