// One reading of the server's refusal body for every call the workstation makes (joining, signing
// in, syncing, referrals): its Problem with its params and items, or the bare HTTP status.
import { describe, expect, it } from 'vitest';
import { serverRefusal } from '../../../renderer/features/center/join';
import { SyncRefusedError } from '../../../renderer/features/center/sync';

const body = { problem: { key: 'server.private_key_in_clear', params: { field: 'body.key' }, items: [{ key: 'server.field_invalid', params: { field: 'body.key' } }] } };

describe("the server's refusals", () => {
  it('carry the same Problem however the workstation called', () => {
    for (const error of [serverRefusal(422, body), new SyncRefusedError(422, body)]) {
      expect({ code: error.code, params: error.params, items: error.items }).toEqual({ code: 'server.private_key_in_clear', params: { field: 'body.key' }, items: [{ key: 'server.field_invalid', params: { field: 'body.key' } }] });
    }
  });

  it('say the HTTP status when the body carries no Problem', () => {
    for (const error of [serverRefusal(502, '<html>Bad Gateway</html>'), new SyncRefusedError(502, null)]) {
      expect({ code: error.code, params: error.params }).toEqual({ code: 'center.http_status', params: { status: 502 } });
    }
  });
});
