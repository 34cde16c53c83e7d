// A TLS connection to the center server whose certificate is the one the workstation pinned
// (issue 17 item 2). Institutions often run the server with a certificate of their own making,
// which no CA vouches for, so the chain is not what decides: the certificate's SHA-256
// fingerprint is, compared before the connection is handed to anyone who would write to it. Until
// this promise resolves nothing but the TLS handshake has crossed the wire, so a password or a
// token is never sent to a server with another certificate.
import { isIP } from 'node:net';
import { connect, type PeerCertificate, type TLSSocket } from 'node:tls';
import { CenterLinkError, type Fingerprint } from '../../shared/protocol/center-link';

export interface PinnedTarget {
  readonly hostname: string;
  readonly port: number;
}

export interface PinnedConnection {
  readonly socket: TLSSocket;
  readonly certificate: PeerCertificate;
}

/** How long the TCP connection and TLS handshake may take together. */
export const CONNECT_TIMEOUT_MS = 10_000;

function names(record: Record<string, unknown> | undefined): string {
  if (!record) return '';
  return Object.entries(record)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : String(value)}`)
    .join(', ');
}

/** The certificate's subject and issuer as one line each, for the user to read. */
export function describeCertificate(certificate: PeerCertificate): { subject: string; issuer: string } {
  return {
    subject: names(certificate.subject as unknown as Record<string, unknown>).slice(0, 1000),
    issuer: names(certificate.issuer as unknown as Record<string, unknown>).slice(0, 1000),
  };
}

/**
 * Connects and completes the TLS handshake; resolves once the server's certificate is known and,
 * when `pinned` is given, equal to it. `pinned` null is the probe of joining: the certificate is
 * only read, to be shown. Refusals are CenterLinkErrors: unreachable, timeout, fingerprint_mismatch.
 */
export function connectPinned(target: PinnedTarget, pinned: Fingerprint | null, options: { timeoutMs?: number } = {}): Promise<PinnedConnection> {
  return new Promise((resolve, reject) => {
    const socket = connect({
      host: target.hostname,
      port: target.port,
      ...(isIP(target.hostname) === 0 ? { servername: target.hostname } : {}),
      // The pin decides, not the chain: a self-made certificate is the usual case.
      rejectUnauthorized: false,
      ALPNProtocols: ['http/1.1'],
    });
    const fail = (error: CenterLinkError): void => {
      socket.destroy();
      reject(error);
    };
    const timer = setTimeout(() => fail(new CenterLinkError('timeout', `${target.hostname}:${target.port} did not complete a TLS connection within ${(options.timeoutMs ?? CONNECT_TIMEOUT_MS) / 1000} s.`)), options.timeoutMs ?? CONNECT_TIMEOUT_MS);
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      fail(new CenterLinkError('unreachable', `${target.hostname}:${target.port} could not be reached over TLS (${error.code ?? error.message}).`));
    });
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const certificate = socket.getPeerCertificate();
      const seen = certificate?.fingerprint256;
      if (!seen) return fail(new CenterLinkError('unreachable', `${target.hostname}:${target.port} presented no certificate.`));
      if (pinned !== null && seen !== pinned) {
        return fail(new CenterLinkError('fingerprint_mismatch', `${target.hostname}:${target.port} presented a certificate with fingerprint ${seen}, not the pinned ${pinned}; nothing was sent.`, seen));
      }
      resolve({ socket, certificate });
    });
  });
}
