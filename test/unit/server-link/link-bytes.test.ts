// The center link's bytes (shared/protocol/center-link.ts `chunk` and `range`, node/server-link
// forward): what the contract refuses before anything is sent. The round trip of both against a
// real server is test/unit/center/files-transfer.test.ts.
import { describe, expect, it } from 'vitest';
import { CENTER_LINK_CHUNK_BYTES, CENTER_LINK_RANGE_BYTES, centerLinkOpSchema } from '../../../shared/protocol/center-link';
import { forward } from '../../../node/server-link/link';

const PIN = { address: 'https://127.0.0.1:9', fingerprint: Array.from({ length: 32 }, () => 'AB').join(':') };
const op = (request: Record<string, unknown>) => ({ op: 'request', pin: PIN, request: { path: '/api/v1/files/uploads/x', ...request } });

describe('the link’s bytes', () => {
  it('takes a chunk of at most CENTER_LINK_CHUNK_BYTES and a range of at most CENTER_LINK_RANGE_BYTES', () => {
    const base64 = (bytes: number) => Buffer.alloc(bytes, 7).toString('base64');
    expect(centerLinkOpSchema.safeParse(op({ method: 'PATCH', chunk: { offset: 0, base64: base64(CENTER_LINK_CHUNK_BYTES) } })).success).toBe(true);
    expect(centerLinkOpSchema.safeParse(op({ method: 'PATCH', chunk: { offset: 0, base64: base64(CENTER_LINK_CHUNK_BYTES + 3) } })).success).toBe(false);
    expect(centerLinkOpSchema.safeParse(op({ method: 'PATCH', chunk: { offset: 0, base64: 'not base64!' } })).success).toBe(false);
    expect(centerLinkOpSchema.safeParse(op({ method: 'GET', range: { start: 0, end: CENTER_LINK_RANGE_BYTES - 1 } })).success).toBe(true);
    expect(centerLinkOpSchema.safeParse(op({ method: 'GET', range: { start: 0, end: CENTER_LINK_RANGE_BYTES } })).success).toBe(false);
    expect(centerLinkOpSchema.safeParse(op({ method: 'GET', range: { start: 10, end: 9 } })).success).toBe(false);
  });

  it('refuses bytes other than in a PATCH, bytes with JSON, and a range other than with GET, before connecting', async () => {
    const chunk = { offset: 0, base64: 'AAAA' };
    await expect(forward(PIN, { method: 'POST', path: '/api/v1/files/uploads/x', chunk })).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(forward(PIN, { method: 'PATCH', path: '/api/v1/files/uploads/x', chunk, body: {} })).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(forward(PIN, { method: 'POST', path: '/api/v1/files/x', range: { start: 0, end: 9 } })).rejects.toMatchObject({ code: 'invalid_request' });
  });
});
