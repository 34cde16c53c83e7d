// A stand-in center server for the link's tests: HTTPS on a loopback port with a self-signed
// certificate made with node-forge (as an institution makes its own), JSON routes under /api/v1,
// and a WebSocket nudge route. It records every request it saw, so a test can show that nothing
// reached it when the pin did not match.
import { X509Certificate, generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import forge from 'node-forge';
import { WebSocketServer, type WebSocket } from 'ws';

export interface SelfSigned {
  readonly certPem: string;
  readonly keyPem: string;
  /** Node's form: upper-case hex pairs joined by colons, computed from the DER independently. */
  readonly fingerprint: string;
}

export function selfSigned(commonName = 'center.test'): SelfSigned {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 365 * 86_400_000);
  const attrs = [{ name: 'commonName', value: commonName }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] }]);
  cert.sign(forge.pki.privateKeyFromPem(keyPem), forge.md.sha256.create());
  const certPem = forge.pki.certificateToPem(cert);
  return { certPem, keyPem, fingerprint: new X509Certificate(certPem).fingerprint256 };
}

export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly authorization: string | undefined;
  readonly body: string;
}

export interface FakeCenter {
  readonly address: string;
  readonly cert: SelfSigned;
  readonly seen: SeenRequest[];
  /** Upgrade requests of the nudge route. */
  readonly upgrades: SeenRequest[];
  /** The latest change the server says it has (its hello names it). */
  head: number;
  /** A change: the head moves on and every open nudge socket is told. */
  nudge(): void;
  /** Ends every nudge socket as an ended session does. */
  endSessions(): void;
  close(): Promise<void>;
}

export async function startFakeCenter(cert = selfSigned()): Promise<FakeCenter> {
  const seen: SeenRequest[] = [];
  const upgrades: SeenRequest[] = [];
  const sockets = new Set<WebSocket>();
  const server: Server = createServer({ cert: cert.certPem, key: cert.keyPem }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body });
      if (req.url === '/api/v1/health') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', schemaVersion: 1 }));
      } else if (req.url === '/api/v1/echo') {
        res.writeHead(201, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ method: req.method, body: body === '' ? null : JSON.parse(body), authorization: req.headers.authorization ?? null }));
      } else if (req.url === '/api/v1/html') {
        res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>hello</h1>');
      } else if (req.url === '/api/v1/big') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ pad: 'x'.repeat(17 * 1024 * 1024) }));
      } else {
        res.writeHead(404, { 'content-type': 'text/html' }).end('<p>not found</p>');
      }
    });
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    upgrades.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body: '' });
    if (req.url !== '/api/v1/sync/nudge') {
      socket.end('HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.send(JSON.stringify({ type: 'hello', seq: fake.head }));
      ws.on('close', () => sockets.delete(ws));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const fake: FakeCenter = {
    address: `https://127.0.0.1:${port}`,
    cert,
    seen,
    upgrades,
    head: 0,
    nudge() {
      fake.head += 1;
      sockets.forEach((ws) => ws.send(JSON.stringify({ type: 'changed', seq: fake.head })));
    },
    endSessions: () => sockets.forEach((ws) => ws.close(4401, 'session ended')),
    async close() {
      sockets.forEach((ws) => ws.terminate());
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}
