// One participant's side of a video session: the signaling link, a simple-peer connection to each
// participant in the same room (a mesh: at most 6 people, 15 connections), the participant's own
// camera, microphone and screen, and per-peer connection quality from getStats. The mediator's
// view and the party's join page both drive this one engine; React reads it through
// subscribe/getSnapshot (useSyncExternalStore).
import {
  JOINT_ROOM,
  WAITING_ROOM,
  type ErrorCode,
  type IceServer,
  type ParticipantView,
  type RoomId,
  type ServerMessage,
} from '../../../../shared/protocol/signaling';
import type { HandSignature } from '../../../../shared/agreement/hand-signature';
import type { LogEvent } from '../../../../shared/sessions/model';
import { decodePeerMessage, encodePeerMessage, type PeerMessage } from '../../../../shared/sessions/peer-messages';
import { readQuality, type QualityReading, type StatsSample } from '../../../../shared/sessions/quality';
import { SignalLink, type LinkEnd, type LinkState } from './signal-link';
import { connectionOf, createPeer, type PeerInstance, type PeerSignal } from './simple-peer';

export type PeerFailure = 'ice' | 'setup';

export interface MediaState {
  audio: boolean;
  video: boolean;
  screen: boolean;
}

export interface PeerView {
  id: string;
  state: 'connecting' | 'connected' | 'failed';
  failure: PeerFailure | null;
  stream: MediaStream | null;
  /** What the other side says it sends; null until its data channel is open. */
  media: MediaState | null;
  quality: QualityReading | null;
  /** inbound-rtp video framesDecoded from the last getStats sample. */
  framesDecoded: number | null;
}

export type CallPhase = 'connecting' | 'waiting' | 'in_room' | 'reconnecting' | 'ended' | 'refused' | 'left';

export interface CallSnapshot {
  phase: CallPhase;
  end: LinkEnd | null;
  you: ParticipantView | null;
  /** Everyone this participant can see: all participants for the mediator, the same room for others. */
  participants: readonly ParticipantView[];
  peers: ReadonlyMap<string, PeerView>;
  local: MediaState & { stream: MediaStream | null };
  /** The mediator has started (true) or stopped a local recording of this room. */
  recordingActive: boolean;
  recordingRequest: { from: string; statement: string } | null;
  /** The mediator asks this participant to sign a document by hand on their own screen. */
  signatureRequest: { from: string; document: string; statement: string; signer: { id: string; role: 'party' | 'agent'; name: string } } | null;
  /** The last refusal that did not end the call (e.g. a move the server did not allow). */
  notice: { code: ErrorCode; message: string; at: number } | null;
}

export type CallEvent =
  | { type: 'log'; event: LogEvent; participant: ParticipantView | null; room: RoomId | null }
  | { type: 'peer-message'; from: ParticipantView; message: PeerMessage }
  | { type: 'peer-failed'; participant: ParticipantView; failure: PeerFailure };

export interface CallOptions {
  signalUrl: string;
  token: string;
  localStream: MediaStream | null;
  /** ICE servers of this workstation, used in addition to those the server hands out. */
  iceServers?: readonly IceServer[];
  /** Sent to every participant as soon as the connection with them opens (the party's consent). */
  greetings?: readonly PeerMessage[];
  onEvent?: (event: CallEvent) => void;
  statsIntervalMs?: number;
  connectTimeoutMs?: number;
}

interface PeerEntry {
  peer: PeerInstance;
  initiator: boolean;
  gotOffer: boolean;
  sentVideo: MediaStreamTrack | null;
  lastSample: StatsSample | null;
  view: PeerView;
}

const ICE_FAILURE_CODES = new Set(['ERR_ICE_CONNECTION_FAILURE', 'ERR_CONNECTION_FAILURE']);
/** Loopback connects in under a second and a slow mobile network in a few; 20 s without media is a failure. */
const CONNECT_TIMEOUT_MS = 20_000;

export class CallSession {
  private snapshot: CallSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly messageListeners = new Set<(from: ParticipantView, message: PeerMessage) => void>();
  private readonly link: SignalLink;
  private readonly peers = new Map<string, PeerEntry>();
  private participants = new Map<string, ParticipantView>();
  private iceServers: IceServer[] = [];
  /** What is sent: the camera's audio and video, or the screen in place of the camera's video. */
  private readonly outgoing: MediaStream | null;
  private cameraVideo: MediaStreamTrack | null;
  private screenTrack: MediaStreamTrack | null = null;
  private readonly statsTimer: ReturnType<typeof setInterval>;
  private disposed = false;

  constructor(private readonly options: CallOptions) {
    const stream = options.localStream;
    this.outgoing = stream ? new MediaStream(stream.getTracks()) : null;
    this.cameraVideo = stream?.getVideoTracks()[0] ?? null;
    this.snapshot = {
      phase: 'connecting',
      end: null,
      you: null,
      participants: [],
      peers: new Map(),
      local: { stream, audio: Boolean(stream?.getAudioTracks().length), video: Boolean(this.cameraVideo), screen: false },
      recordingActive: false,
      recordingRequest: null,
      signatureRequest: null,
      notice: null,
    };
    this.link = new SignalLink({
      url: options.signalUrl,
      token: options.token,
      onMessage: (message) => this.onServerMessage(message),
      onState: (state) => this.onLinkState(state),
      onEnd: (end) => this.onLinkEnd(end),
    });
    this.statsTimer = setInterval(() => void this.sampleStats(), options.statsIntervalMs ?? 1000);
  }

  // ---- React store ----
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): CallSnapshot => this.snapshot;

  private update(patch: Partial<CallSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }

  private publishPeers(): void {
    const peers = new Map<string, PeerView>();
    for (const [id, entry] of this.peers) peers.set(id, entry.view);
    this.update({ peers });
  }

  private publishParticipants(): void {
    this.update({ participants: [...this.participants.values()] });
  }

  /** Listens to what participants send over their data channels (consents, declines). */
  onPeerMessage(listener: (from: ParticipantView, message: PeerMessage) => void): () => void {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  private emit(event: CallEvent): void {
    try {
      this.options.onEvent?.(event);
      if (event.type === 'peer-message') for (const listener of this.messageListeners) listener(event.from, event.message);
    } catch (error) {
      console.error('A call event handler failed', error);
    }
  }

  // ---- actions ----
  setAudio(on: boolean): void {
    for (const track of this.outgoing?.getAudioTracks() ?? []) track.enabled = on;
    this.update({ local: { ...this.snapshot.local, audio: on && Boolean(this.outgoing?.getAudioTracks().length) } });
    this.broadcastMedia();
  }

  setVideo(on: boolean): void {
    if (this.cameraVideo) this.cameraVideo.enabled = on;
    this.update({ local: { ...this.snapshot.local, video: on && Boolean(this.cameraVideo) } });
    this.broadcastMedia();
  }

  /** Sends the screen in place of the camera until stopScreenShare or the user stops it in the browser. */
  startScreenShare(track: MediaStreamTrack): void {
    this.stopScreenShare();
    this.screenTrack = track;
    track.addEventListener('ended', () => {
      if (this.screenTrack === track) this.stopScreenShare();
    });
    this.switchVideo(track);
    this.update({ local: { ...this.snapshot.local, screen: true } });
    this.broadcastMedia();
  }

  stopScreenShare(): void {
    const track = this.screenTrack;
    if (!track) return;
    this.screenTrack = null;
    this.switchVideo(this.cameraVideo);
    track.stop();
    this.update({ local: { ...this.snapshot.local, screen: false } });
    this.broadcastMedia();
  }

  move(participant: string, room: RoomId): boolean {
    return this.link.send({ type: 'move', participant, room });
  }

  admit(participant: string): boolean {
    return this.link.send({ type: 'admit', participant });
  }

  /** Mediator: ends the session for everyone. */
  end(): boolean {
    return this.link.send({ type: 'end' });
  }

  /** Sends a message to everyone this participant has a connection with. */
  sendToAll(message: PeerMessage): void {
    const text = encodePeerMessage(message);
    for (const entry of this.peers.values()) this.sendOn(entry, text);
  }

  sendTo(participant: string, message: PeerMessage): void {
    const entry = this.peers.get(participant);
    if (entry) this.sendOn(entry, encodePeerMessage(message));
  }

  answerRecordingRequest(consented: PeerMessage | null): void {
    const request = this.snapshot.recordingRequest;
    if (!request) return;
    this.sendTo(request.from, consented ?? { type: 'recording-declined' });
    this.update({ recordingRequest: null });
  }

  /** Sends the signature drawn for the mediator's request (null: the participant declined). */
  answerSignatureRequest(signature: HandSignature | null): void {
    const request = this.snapshot.signatureRequest;
    if (!request) return;
    this.sendTo(request.from, signature ? { type: 'signature', signature } : { type: 'signature-declined' });
    this.update({ signatureRequest: null });
  }

  /**
   * Tries a failed connection with one participant again. The side that retries makes the offer
   * (whichever side made it before): the other side answers any new offer on a new connection.
   */
  retryPeer(participant: string): void {
    const you = this.snapshot.you;
    const other = this.participants.get(participant);
    this.destroyPeer(participant);
    if (you && other && other.room === you.room && you.room !== WAITING_ROOM && other.state === 'connected') this.createPeer(participant, true);
    this.publishPeers();
  }

  leave(): void {
    this.link.leave();
  }

  /** Stops everything (the camera stays with its owner, who opened it). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearInterval(this.statsTimer);
    this.link.dispose();
    for (const id of [...this.peers.keys()]) this.destroyPeer(id);
    this.screenTrack?.stop();
    this.listeners.clear();
    this.messageListeners.clear();
  }

  // ---- signaling ----
  private onLinkState(state: LinkState): void {
    if (state === 'reconnecting') {
      // Our own connection dropped: the others will see us come back as new, so start afresh.
      for (const id of [...this.peers.keys()]) this.destroyPeer(id);
      this.publishPeers();
      this.update({ phase: 'reconnecting' });
    }
  }

  private onLinkEnd(end: LinkEnd): void {
    for (const id of [...this.peers.keys()]) this.destroyPeer(id);
    clearInterval(this.statsTimer);
    this.screenTrack?.stop();
    this.update({ end, phase: end.kind === 'left' ? 'left' : end.kind === 'ended' ? 'ended' : 'refused', peers: new Map() });
  }

  private onServerMessage(message: ServerMessage): void {
    switch (message.type) {
      case 'joined': {
        for (const id of [...this.peers.keys()]) this.destroyPeer(id);
        this.iceServers = [...message.iceServers, ...(this.options.iceServers ?? [])];
        this.participants = new Map(message.participants.filter((p) => p.id !== message.you.id).map((p) => [p.id, p]));
        this.update({ you: message.you, phase: this.phaseFor(message.you.room) });
        this.publishParticipants();
        this.reconcile();
        return;
      }
      case 'peer-joined':
        this.participants.set(message.participant.id, message.participant);
        this.publishParticipants();
        this.emit({ type: 'log', event: 'joined', participant: message.participant, room: message.participant.room });
        this.reconcile();
        return;
      case 'peer-left': {
        const participant = this.participants.get(message.participant) ?? null;
        this.participants.delete(message.participant);
        this.destroyPeer(message.participant);
        this.publishParticipants();
        this.publishPeers();
        // Leaving the view because of a move is logged by the move itself (the mediator sees every room).
        if (message.reason !== 'moved') this.emit({ type: 'log', event: 'left', participant, room: participant?.room ?? null });
        return;
      }
      case 'peer-moved': {
        const participant = this.participants.get(message.participant);
        if (!participant) return;
        const moved = { ...participant, room: message.room };
        this.participants.set(moved.id, moved);
        this.publishParticipants();
        this.emit({ type: 'log', event: participant.room === WAITING_ROOM && message.room === JOINT_ROOM ? 'admitted' : 'moved', participant: moved, room: message.room });
        this.reconcile();
        return;
      }
      case 'reconnecting':
      case 'rejoined': {
        const participant = this.participants.get(message.participant);
        if (!participant) return;
        const changed = { ...participant, state: message.type === 'reconnecting' ? ('reconnecting' as const) : ('connected' as const) };
        this.participants.set(changed.id, changed);
        // Whoever comes back has a new page and new peer connections: ours to them start again.
        this.destroyPeer(changed.id);
        this.publishParticipants();
        this.emit({ type: 'log', event: message.type, participant: changed, room: changed.room });
        this.reconcile();
        return;
      }
      case 'moved': {
        const you = this.snapshot.you;
        if (!you) return;
        const moved = { ...you, room: message.room };
        this.participants = new Map(message.participants.filter((p) => p.id !== you.id).map((p) => [p.id, p]));
        this.update({ you: moved, phase: this.phaseFor(message.room) });
        this.publishParticipants();
        this.emit({ type: 'log', event: you.room === WAITING_ROOM ? 'admitted' : 'moved', participant: moved, room: message.room });
        this.reconcile();
        return;
      }
      case 'offer':
      case 'answer':
      case 'ice':
        this.onRelay(message);
        return;
      case 'ended':
        this.update({ phase: 'ended' });
        return;
      case 'error':
        this.update({ notice: { code: message.code, message: message.message, at: Date.now() } });
        return;
    }
  }

  private phaseFor(room: RoomId): CallPhase {
    return room === WAITING_ROOM ? 'waiting' : 'in_room';
  }

  /** Connects with exactly those in the same room, and with nobody while waiting. */
  private reconcile(): void {
    if (this.disposed) return;
    const you = this.snapshot.you;
    const wanted = new Set<string>();
    if (you && you.room !== WAITING_ROOM) {
      for (const p of this.participants.values()) if (p.room === you.room && p.state === 'connected') wanted.add(p.id);
    }
    for (const id of [...this.peers.keys()]) if (!wanted.has(id)) this.destroyPeer(id);
    for (const id of wanted) if (!this.peers.has(id) && you) this.createPeer(id, you.id < id);
    this.publishPeers();
  }

  private onRelay(message: Extract<ServerMessage, { type: 'offer' | 'answer' | 'ice' }>): void {
    let entry = this.peers.get(message.from);
    if (message.type === 'offer') {
      // A second offer to a connection that already had one means the other side started a new
      // connection (it reloaded, or retried after a failure): answer on a new one.
      if (entry && (entry.initiator || entry.gotOffer)) {
        this.destroyPeer(message.from);
        entry = undefined;
      }
      if (!entry) {
        const participant = this.participants.get(message.from);
        const you = this.snapshot.you;
        if (!participant || !you || participant.room !== you.room) return;
        entry = this.createPeer(message.from, false);
        this.publishPeers();
      }
      entry.gotOffer = true;
    }
    if (!entry) return;
    const signal: PeerSignal =
      message.type === 'ice'
        ? // simple-peer builds the RTCIceCandidate from this init itself; its typings ask for the built object.
          { type: 'candidate', candidate: message.candidate as unknown as RTCIceCandidate }
        : { type: message.type, sdp: message.sdp };
    try {
      entry.peer.signal(signal);
    } catch (error) {
      console.warn('Signal for a closed connection ignored', error);
    }
  }

  // ---- peers ----
  private createPeer(id: string, initiator: boolean): PeerEntry {
    const peer = createPeer({
      initiator,
      trickle: true,
      config: { iceServers: this.iceServers as RTCIceServer[] },
      streams: this.outgoing ? [this.outgoing] : [],
      // Receive audio and video even from a participant who sends none (audio only, camera denied).
      offerOptions: { offerToReceiveAudio: true, offerToReceiveVideo: true },
    });
    const entry: PeerEntry = {
      peer,
      initiator,
      gotOffer: false,
      sentVideo: this.outgoing?.getVideoTracks()[0] ?? null,
      lastSample: null,
      view: { id, state: 'connecting', failure: null, stream: null, media: null, quality: null, framesDecoded: null },
    };
    this.peers.set(id, entry);
    const current = () => this.peers.get(id) === entry;
    const setView = (patch: Partial<PeerView>) => {
      if (!current()) return;
      entry.view = { ...entry.view, ...patch };
      this.publishPeers();
    };
    // A network that lets no packet through may leave ICE checking for ever without ever saying
    // "failed": past the timeout the tile says what happened (a late connection still succeeds).
    const watchdog = setTimeout(() => {
      if (!current() || entry.view.state !== 'connecting') return;
      setView({ state: 'failed', failure: 'ice' });
      const participant = this.participants.get(id);
      if (participant) this.emit({ type: 'peer-failed', participant, failure: 'ice' });
    }, this.options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS);
    peer.on('close', () => clearTimeout(watchdog));
    peer.on('signal', (data: PeerSignal) => {
      if (!current()) return;
      if (data.type === 'offer' || data.type === 'answer') {
        if (data.sdp) this.link.send({ type: data.type, to: id, sdp: data.sdp });
      } else if ('candidate' in data && data.candidate) {
        const c = data.candidate;
        this.link.send({ type: 'ice', to: id, candidate: { candidate: c.candidate ?? '', sdpMid: c.sdpMid ?? null, sdpMLineIndex: c.sdpMLineIndex ?? null, usernameFragment: c.usernameFragment ?? null } });
      }
    });
    peer.on('stream', (stream: MediaStream) => setView({ stream }));
    peer.on('connect', () => {
      clearTimeout(watchdog);
      setView({ state: 'connected', failure: null });
      this.sendOn(entry, encodePeerMessage({ type: 'media', ...this.mediaState() }));
      for (const greeting of this.options.greetings ?? []) this.sendOn(entry, encodePeerMessage(greeting));
    });
    peer.on('data', (data: unknown) => {
      const message = decodePeerMessage(data);
      const from = this.participants.get(id);
      if (!message || !from || !current()) return;
      if (message.type === 'media') setView({ media: { audio: message.audio, video: message.video, screen: message.screen } });
      // Only the mediator records, so only the mediator says whether recording is on.
      else if (message.type === 'recording' && from.role === 'mediator') this.update({ recordingActive: message.active });
      else if (message.type === 'recording-request' && from.role === 'mediator') this.update({ recordingRequest: { from: id, statement: message.statement } });
      else if (message.type === 'signature-request' && from.role === 'mediator') this.update({ signatureRequest: { from: id, document: message.document, statement: message.statement, signer: message.signer } });
      this.emit({ type: 'peer-message', from, message });
    });
    peer.on('error', (error: Error & { code?: string }) => {
      if (!current()) return;
      const failure: PeerFailure = ICE_FAILURE_CODES.has(error.code ?? '') ? 'ice' : 'setup';
      setView({ state: 'failed', failure });
      const participant = this.participants.get(id);
      if (participant) this.emit({ type: 'peer-failed', participant, failure });
    });
    peer.on('close', () => {
      if (!current() || entry.view.state === 'failed') return;
      // The other side went away without the server saying so yet; if they are still in the
      // room, connect again.
      this.peers.delete(id);
      this.publishPeers();
      setTimeout(() => this.reconcile(), 1000);
    });
    return entry;
  }

  private destroyPeer(id: string): void {
    const entry = this.peers.get(id);
    if (!entry) return;
    this.peers.delete(id);
    try {
      entry.peer.destroy();
    } catch {
      // Already torn down.
    }
  }

  private sendOn(entry: PeerEntry, text: string): void {
    try {
      if (entry.peer.connected) entry.peer.send(text);
    } catch {
      // The channel closed meanwhile; the peer's close handler takes over.
    }
  }

  private mediaState(): MediaState {
    const { audio, video, screen } = this.snapshot.local;
    return { audio, video: video || screen, screen };
  }

  private broadcastMedia(): void {
    this.sendToAll({ type: 'media', ...this.mediaState() });
  }

  private switchVideo(track: MediaStreamTrack | null): void {
    const outgoing = this.outgoing;
    if (!outgoing || !track) return;
    for (const old of outgoing.getVideoTracks()) outgoing.removeTrack(old);
    outgoing.addTrack(track);
    for (const entry of this.peers.values()) {
      if (!entry.sentVideo || entry.sentVideo === track) continue;
      try {
        entry.peer.replaceTrack(entry.sentVideo, track, outgoing);
        entry.sentVideo = track;
      } catch (error) {
        console.warn('Could not switch the video sent to a participant', error);
      }
    }
  }

  private async sampleStats(): Promise<void> {
    for (const [id, entry] of this.peers) {
      const pc = connectionOf(entry.peer);
      if (!pc || entry.view.state !== 'connected') continue;
      let report: RTCStatsReport;
      try {
        report = await pc.getStats();
      } catch {
        continue;
      }
      if (this.peers.get(id) !== entry) continue;
      const sample = sampleOf(report, entry.view.media?.video ?? true);
      const quality = readQuality(entry.lastSample, sample);
      entry.lastSample = sample;
      entry.view = { ...entry.view, quality, framesDecoded: sample.framesDecoded };
    }
    if (this.peers.size > 0) this.publishPeers();
  }
}

/** The figures readQuality needs, from one getStats report. */
export function sampleOf(report: RTCStatsReport, videoExpected: boolean): StatsSample {
  let framesDecoded: number | null = null;
  let packetsReceived: number | null = null;
  let packetsLost: number | null = null;
  let roundTripTime: number | null = null;
  report.forEach((stat: Record<string, unknown>) => {
    if (stat.type === 'inbound-rtp') {
      if (stat.kind === 'video' && typeof stat.framesDecoded === 'number') framesDecoded = (framesDecoded ?? 0) + stat.framesDecoded;
      if (typeof stat.packetsReceived === 'number') packetsReceived = (packetsReceived ?? 0) + stat.packetsReceived;
      if (typeof stat.packetsLost === 'number') packetsLost = (packetsLost ?? 0) + stat.packetsLost;
    } else if (stat.type === 'candidate-pair' && stat.nominated === true && stat.state === 'succeeded' && typeof stat.currentRoundTripTime === 'number') {
      roundTripTime = stat.currentRoundTripTime;
    }
  });
  return { at: performance.now(), framesDecoded, packetsReceived, packetsLost, roundTripTime, videoExpected };
}
