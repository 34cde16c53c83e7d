// One import of simple-peer for the whole renderer: the package's prebuilt browser bundle, which
// carries the Buffer and stream shims simple-peer needs, so the rest of the app needs none.
import SimplePeerConstructor from 'simple-peer/simplepeer.min.js';
import type SimplePeerTypes from 'simple-peer';

export type PeerInstance = SimplePeerTypes.Instance;
export type PeerOptions = SimplePeerTypes.Options;
export type PeerSignal = SimplePeerTypes.SignalData;

export function createPeer(options: PeerOptions): PeerInstance {
  return new SimplePeerConstructor(options);
}

/** The RTCPeerConnection under a simple-peer instance, for getStats (simple-peer exposes no other way to the standard report). */
export function connectionOf(peer: PeerInstance): RTCPeerConnection | null {
  const pc = (peer as unknown as { _pc?: RTCPeerConnection })._pc;
  return pc ?? null;
}
