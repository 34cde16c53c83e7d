// The authenticated transport to the center server for other features (issue 18: referrals
// through the server): one API request of the signed-in session, its answer parsed with the
// route's schema (shared/server/api.ts), a refusal of the server as a StoreError carrying its
// Problem, a failure of the link as one too.
import type { z } from 'zod';
import { API_PREFIX } from '../../../shared/server/api';
import type { CenterServerLink, PlatformPort } from '../../../shared/platform';
import type { DataStore } from '../../data';
import { StoreError } from '../../kit/result';
import { centerConnectionOf } from './connection';
import { fetchFile } from './files';
import { readCenterLink } from './link';
import { serverRefusal } from './join';

export interface CenterCall {
  <S extends z.ZodType>(method: 'GET' | 'POST' | 'PUT', path: string, answer: S, body?: unknown): Promise<z.output<S>>;
}

/** Whether this store's workstation is signed in to its center server now (not offline, not local). */
export function centerSignedIn(data: DataStore, link: CenterServerLink): boolean {
  const state = centerConnectionOf(data, link).getState();
  return state.session && (state.phase === 'connected' || state.phase === 'syncing');
}

/** Whether this store's workstation has joined a center server (signed in or not). */
export async function centerJoined(data: DataStore): Promise<boolean> {
  return (await readCenterLink(data)) !== null;
}

/** Calls `path` under /api/v1 as the store's center session. */
export function centerCall(data: DataStore, link: CenterServerLink): CenterCall {
  const connection = centerConnectionOf(data, link);
  return async (method, path, answer, body) => {
    const response = await connection.request({ method, path: `${API_PREFIX}${path}`, ...(body === undefined ? {} : { body }) });
    if (response.status < 200 || response.status >= 300) throw serverRefusal(response.status, response.body);
    const parsed = answer.safeParse(response.body);
    if (!parsed.success) throw new StoreError('center.bad_answer', 'The center server’s answer could not be read.');
    return parsed.data;
  };
}

/**
 * Fetches a file another workstation of the institution put on the server (a ledger entry's, by
 * its SHA-256 and size) into this workstation's blob store, re-hashed and compared on arrival
 * (files.ts fetchFile): 'here' when it was here already. Refused when not signed in
 * (`center.not_signed_in`), when the server cannot be reached, and when the bytes do not match
 * (`center.file_mismatch`, nothing stored).
 */
export function fetchCenterFile(data: DataStore, platform: Pick<PlatformPort, 'centerServer' | 'blobs' | 'hashing'>, file: { sha256: string; size: number; title?: string }): Promise<'here' | 'fetched'> {
  const connection = centerConnectionOf(data, platform.centerServer, platform);
  return fetchFile({ blobs: platform.blobs, hashing: platform.hashing, request: (request) => connection.request(request) }, file);
}
