// A center server behind a fake link (shared/platform.ts CenterServerLink), for the center
// feature's tests: sign-in of one institution's accounts, push (applied or conflicting by version,
// idempotent by mutation id), pull since a cursor, a nudge that answers when told; or the link
// failing as the host does when the server cannot be reached.
import type { CenterServerLink } from '../../../shared/platform';
import { CenterLinkError, type CenterPin, type CenterRequest, type CenterResponse, type CenterWaitResult } from '../../../shared/protocol/center-link';
import type { AccountView, InstitutionView } from '../../../shared/server/api';
import { pushRequestSchema, type MutationResult, type SyncChange } from '../../../shared/server/sync';

export const FINGERPRINT = Array.from({ length: 32 }, (_, i) => (i + 16).toString(16).toUpperCase()).join(':');
export const PIN: CenterPin = { address: 'https://center.example:8780', fingerprint: FINGERPRINT };
const AT = '2026-12-01T08:00:00.000Z';

export function institutionView(creditCode: string, patch: Partial<InstitutionView> = {}): InstitutionView {
  return {
    id: '6f1c1b2a-3d4e-4f50-8a61-7b8c9d0e1f20',
    kind: 'mediation',
    name: '芜湖市镜湖区人民调解委员会',
    creditCode,
    areaCode: '340202',
    address: '安徽省芜湖市镜湖区中山路1号',
    offlineGraceDays: 7,
    version: 1,
    ...patch,
  };
}

export function accountView(username: string, patch: Partial<AccountView> = {}): AccountView {
  return {
    id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    username,
    displayName: `${username} 的名字`,
    role: 'admin',
    licenseNo: null,
    active: true,
    lockedUntil: null,
    createdAt: AT,
    updatedAt: AT,
    version: 1,
    ...patch,
  };
}

const refusal = (status: number, key: string): CenterResponse => ({ status, body: { problem: { key, params: {} } } });

export class FakeCenter implements CenterServerLink {
  institution: InstitutionView;
  readonly accounts = new Map<string, { password: string; view: AccountView }>();
  readonly records = new Map<string, { version: number; body: unknown }>();
  readonly answered = new Map<string, MutationResult>();
  readonly log: SyncChange[] = [];
  /** While true the link fails as the host does for a server it cannot reach. */
  down = false;
  readonly requests: CenterRequest[] = [];
  private nudges: Array<(result: CenterWaitResult) => void> = [];

  constructor(creditCode: string) {
    this.institution = institutionView(creditCode);
  }

  addAccount(username: string, password: string, patch: Partial<AccountView> = {}): void {
    this.accounts.set(username, { password, view: accountView(username, patch) });
  }

  /** Another workstation's write, announced by a nudge. */
  writeElsewhere(kind: SyncChange['kind'], id: string, body: unknown): void {
    const key = `${kind}/${id}`;
    const version = (this.records.get(key)?.version ?? 0) + 1;
    this.records.set(key, { version, body });
    this.log.push({ seq: this.log.length + 1, kind, id, op: 'put', caseId: null, version, body, at: AT, by: null });
    this.nudge();
  }

  nudge(): void {
    const waiting = this.nudges;
    this.nudges = [];
    waiting.forEach((resolve) => resolve({ nudged: true, seq: this.log.length }));
  }

  async probe(address: string) {
    if (this.down) throw new CenterLinkError('unreachable', 'connect ECONNREFUSED');
    return { address, fingerprint: FINGERPRINT, subject: 'CN=center.example', issuer: 'CN=center.example', validFrom: AT, validTo: '2027-12-01T08:00:00.000Z' };
  }

  async request(pin: CenterPin, request: CenterRequest): Promise<CenterResponse> {
    if (this.down) throw new CenterLinkError('unreachable', 'connect ECONNREFUSED');
    if (pin.fingerprint !== FINGERPRINT) throw new CenterLinkError('fingerprint_mismatch', 'another certificate', FINGERPRINT);
    this.requests.push(request);
    const path = request.path;
    if (path === '/api/v1/sign-in') return this.signIn(request.body as { institution: string; username: string; password: string });
    if (path === '/api/v1/sign-out') return { status: 200, body: { signedOut: true } };
    if (request.token !== 'T'.repeat(48)) return refusal(401, 'server.unauthenticated');
    if (path === '/api/v1/sync/push') return this.push(request.body);
    if (path.startsWith('/api/v1/sync/pull')) {
      const since = Number(/since=(\d+)/.exec(path)?.[1] ?? 0);
      const changes = this.log.filter((c) => c.seq > since);
      return { status: 200, body: { changes, next: changes.at(-1)?.seq ?? since, more: false, head: this.log.length } };
    }
    return refusal(404, 'server.not_found');
  }

  waitForNudge(_pin: CenterPin, wait: { after: number }): Promise<CenterWaitResult> {
    if (this.down) return Promise.reject(new CenterLinkError('unreachable', 'connect ECONNREFUSED'));
    if (this.log.length > wait.after) return Promise.resolve({ nudged: true, seq: this.log.length });
    return new Promise((resolve) => this.nudges.push(resolve));
  }

  private signIn(body: { institution: string; username: string; password: string }): CenterResponse {
    const account = this.accounts.get(body.username);
    if (body.institution.toUpperCase() !== this.institution.creditCode.toUpperCase() || !account || account.password !== body.password) return refusal(401, 'server.sign_in_failed');
    if (!account.view.active) return refusal(403, 'server.account_inactive');
    return { status: 200, body: { token: 'T'.repeat(48), expiresAt: '2026-12-31T08:00:00.000Z', account: account.view, institution: this.institution } };
  }

  private push(raw: unknown): CenterResponse {
    const request = pushRequestSchema.parse(raw);
    const results = request.mutations.map((m): MutationResult => {
      const earlier = this.answered.get(m.mutationId);
      if (earlier) return earlier;
      const key = `${m.kind}/${m.id}`;
      const current = this.records.get(key) ?? null;
      if ((current?.version ?? null) !== m.baseVersion) return { status: 'conflict', mutationId: m.mutationId, kind: m.kind, id: m.id, baseVersion: m.baseVersion, current };
      const version = (current?.version ?? 0) + 1;
      this.records.set(key, { version, body: m.op === 'put' ? m.body : null });
      this.log.push({ seq: this.log.length + 1, kind: m.kind, id: m.id, op: m.op, caseId: null, version: m.op === 'put' ? version : null, body: m.op === 'put' ? m.body : null, at: AT, by: null });
      const result: MutationResult = { status: 'applied', mutationId: m.mutationId, kind: m.kind, id: m.id, version, seq: this.log.length, replayed: false };
      this.answered.set(m.mutationId, result);
      return result;
    });
    return { status: 200, body: { results, head: this.log.length } };
  }
}
