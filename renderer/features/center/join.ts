// Joining a center server from Settings (issue 17 items 2 and 9). The administrator names the
// server's address; the workstation's host reads the certificate it presents, and the screen shows
// its SHA-256 fingerprint to compare with what the server's operator gave. Only then, on that
// pinned certificate, the administrator signs in with the server account of this workstation's
// own institution (its 统一社会信用代码): the server must answer that it is this institution, of
// the same kind, else joining is refused with why. Nothing is written before all of that holds.
import { institutionKindOf } from '../../../shared/domain/institution-kinds';
import type { User } from '../../../shared/domain/model';
import type { CenterServerLink } from '../../../shared/platform';
import type { Problem } from '../../../shared/problem';
import { CenterLinkError, type CenterPin } from '../../../shared/protocol/center-link';
import { API_PREFIX, errorResponseSchema, signInResponseSchema, type SignInResponse } from '../../../shared/server/api';
import type { DataStore } from '../../data';
import { asResult, StoreError, type StoreResult } from '../../kit/result';
import { saveCenterLink, type CenterLink } from './link';
import { makeVerifier, storeVerifier } from './offline';

/** The Problem a refusal's body carries (words in shared/server/problems.ts), or the bare HTTP status when it carries none. */
export function refusalProblem(status: number, body: unknown): { key: string; params: Record<string, unknown>; items: Problem[] } {
  const parsed = errorResponseSchema.safeParse(body);
  if (!parsed.success) return { key: 'center.http_status', params: { status }, items: [] };
  const { key, params, items } = parsed.data.problem;
  return { key, params: params ?? {}, items: items ?? [] };
}

/** A refusal of the server as a StoreError carrying its Problem. */
export function serverRefusal(status: number, body: unknown): StoreError {
  const { key, params, items } = refusalProblem(status, body);
  return new StoreError(key, `The center server refused (HTTP ${status}, ${key}).`, params, [], items);
}

/** A failure of the link (no relay, unreachable, another certificate…) as a StoreError the screen can word. */
export function linkRefusal(error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  if (error instanceof CenterLinkError) return new StoreError(`center.link_${error.code}`, error.message, { seen: error.seen ?? '' });
  return new StoreError('center.link_unreachable', error instanceof Error ? error.message : String(error));
}

/** Signs in through the pinned server; the server's answer, or its refusal. */
export async function signInThrough(link: CenterServerLink, pin: CenterPin, credentials: { creditCode: string; username: string; password: string }): Promise<SignInResponse> {
  let response;
  try {
    response = await link.request(pin, { method: 'POST', path: `${API_PREFIX}/sign-in`, body: { institution: credentials.creditCode, username: credentials.username, password: credentials.password } });
  } catch (error) {
    throw linkRefusal(error);
  }
  if (response.status !== 200) throw serverRefusal(response.status, response.body);
  const parsed = signInResponseSchema.safeParse(response.body);
  if (!parsed.success) throw new StoreError('center.bad_answer', 'The center server’s answer to the sign-in could not be read.');
  return parsed.data;
}

export interface JoinInput {
  readonly pin: CenterPin;
  readonly username: string;
  readonly password: string;
}

export function joinCenter(data: DataStore, link: CenterServerLink, actor: User, input: JoinInput, now = new Date()): Promise<StoreResult<{ link: CenterLink; signedIn: SignInResponse }>> {
  return asResult(async () => {
    if (actor.role !== 'admin') throw new StoreError('auth.forbidden', 'Only an administrator joins a center server.');
    const own = await data.institution.get();
    if (!own) throw new StoreError('institution.missing', 'Set up the institution first.');
    let signedIn: SignInResponse;
    try {
      signedIn = await signInThrough(link, input.pin, { creditCode: own.creditCode, username: input.username, password: input.password });
    } catch (error) {
      // The server names no reason (a wrong institution, username or password look alike): say which institution was asked for.
      if (error instanceof StoreError && error.code === 'server.sign_in_failed') {
        throw new StoreError('center.join_sign_in_failed', `The server has no administrator of ${own.name} (${own.creditCode}) with this username and password.`, { own: own.name, ownCode: own.creditCode });
      }
      throw error;
    }
    const theirs = signedIn.institution;
    if (theirs.creditCode.toUpperCase() !== own.creditCode.toUpperCase()) {
      throw new StoreError('center.institution_mismatch', `The server's institution (${theirs.name}, ${theirs.creditCode}) is not this workstation's (${own.name}, ${own.creditCode}).`, {
        own: own.name,
        ownCode: own.creditCode,
        theirs: theirs.name,
        theirsCode: theirs.creditCode,
      });
    }
    if (theirs.kind !== institutionKindOf(own)) {
      throw new StoreError('center.kind_mismatch', `The server holds this institution as ${theirs.kind}, this workstation is ${institutionKindOf(own)}.`, { theirs: theirs.kind, own: institutionKindOf(own) });
    }
    if (signedIn.account.role !== 'admin') throw new StoreError('center.join_needs_admin', 'Join with the server account of an administrator of the institution.');
    const verifier = await makeVerifier(signedIn.account, input.password, theirs.offlineGraceDays, now);
    const saved = await saveCenterLink(
      data,
      actor,
      {
        address: input.pin.address,
        fingerprint: input.pin.fingerprint,
        institutionId: theirs.id,
        institutionName: theirs.name,
        creditCode: theirs.creditCode,
        offlineGraceDays: theirs.offlineGraceDays,
        workstationId: crypto.randomUUID(),
        joinedAt: now.toISOString(),
        joinedBy: actor.id,
      },
      now,
    );
    if (!saved.ok) throw saved.error;
    await storeVerifier(data, verifier);
    return { link: saved.value, signedIn };
  });
}
