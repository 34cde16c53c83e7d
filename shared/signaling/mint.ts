// Mints the tokens of one request: the same function behind POST /signal/tokens, the Electron
// IPC channel and the renderer's minting for an external server.
import { mintSessionToken, type TokenCrypto } from '../protocol/session-token';
import type { MintTokensRequest, MintTokensResponse } from '../protocol/signaling-host';

/** `now` in ms since 1970: every token of a request has the same `iat`. */
export function mintTokens(secret: Uint8Array, request: MintTokensRequest, now: number, crypto: TokenCrypto = {}): MintTokensResponse {
  return {
    tokens: request.participants.map((participant) => {
      const { token, payload } = mintSessionToken(
        secret,
        {
          session: request.session,
          role: participant.role,
          name: participant.name,
          ttlSeconds: request.ttlSeconds,
          now,
          ...(participant.id ? { id: participant.id } : {}),
          ...(request.host ? { host: request.host } : {}),
        },
        crypto,
      );
      return { role: payload.role, name: payload.name, id: payload.id, token, expiresAt: payload.exp };
    }),
  };
}
