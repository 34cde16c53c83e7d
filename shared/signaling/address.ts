// Remote addresses and the host's own addresses, as plain strings: which ones are this machine
// (loopback), how a connection's address is counted for the per-address limit, and which base
// URLs parties on the LAN can open.

/** `::ffff:192.0.2.1` (an IPv4 peer on a dual-stack socket) is `192.0.2.1`. */
export function normalizeAddress(address: string | undefined): string {
  if (!address) return 'unknown';
  const lower = address.toLowerCase();
  return lower.startsWith('::ffff:') && lower.includes('.') ? lower.slice(7) : lower;
}

/** 127.0.0.0/8 and ::1: only a process on this machine. */
export function isLoopbackAddress(address: string | undefined): boolean {
  const normalized = normalizeAddress(address);
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(normalized) || normalized === '::1';
}

/**
 * The key a connection counts under for the per-address limit: the address itself for IPv4,
 * its /64 for IPv6 (one subscriber gets a whole /64, so single addresses would be free).
 */
export function addressKey(address: string | undefined): string {
  const normalized = normalizeAddress(address);
  if (!normalized.includes(':')) return normalized;
  const [head = '', tail] = normalized.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array<string>(Math.max(0, 8 - headGroups.length - tailGroups.length)).fill('0'), ...tailGroups];
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/**
 * With a trusted reverse proxy in front, the client's address is the last one the proxy
 * appended to X-Forwarded-For; without one, that header is anybody's say and is ignored.
 */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trustProxy: boolean): string {
  if (!trustProxy || forwardedFor === undefined) return normalizeAddress(socketAddress);
  const last = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor).split(',').map((s) => s.trim()).filter(Boolean).at(-1);
  return normalizeAddress(last ?? socketAddress);
}

/** A host for a URL: IPv6 literals in brackets. */
export function urlHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

const WILDCARDS = new Set(['0.0.0.0', '::', '']);

/**
 * The base URLs parties open the join page under, best first: every LAN IPv4 address the server
 * listens on, then 127.0.0.1 (this machine only) last. A server bound to loopback has only that.
 */
export function joinBasesFor(bindHost: string, port: number, lanIPv4: readonly string[]): string[] {
  const loopback = `http://127.0.0.1:${port}/`;
  if (isLoopbackAddress(bindHost) || bindHost === 'localhost') return [loopback];
  const reachable = WILDCARDS.has(bindHost) ? lanIPv4 : lanIPv4.filter((a) => a === bindHost);
  return [...new Set(reachable.map((address) => `http://${urlHost(address)}:${port}/`)), loopback];
}
