// Local recording of the mediator's room, only with the consent of everyone in it: each is asked
// on their own screen; one "no" (or no answer within a minute) and nothing is recorded. The room's
// pictures are drawn side by side and the voices mixed into one file, which goes into the blob
// store and, by its hash, into the case's ledger; everyone sees that recording is on.
import { App, Button } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../shared/domain/model';
import type { VideoSession } from '../../../shared/sessions/model';
import { useServices } from '../../app/services';
import { useErrorText } from '../../kit/useErrorText';
import { openedFileFromBrowserFile } from '../../platform/browser';
import type { CallSession, CallSnapshot } from './call/call-session';
import { appendSessionLog, addRecording } from './store';
import { ERROR_NAMESPACES } from './useMinutes';

const ANSWER_TIMEOUT_MS = 60_000;
const WIDTH = 1280;
const HEIGHT = 720;
const FPS = 15;

type Phase = { kind: 'idle' } | { kind: 'asking'; waiting: Set<string>; asked: ReadonlySet<string> } | { kind: 'recording'; startedAt: string; consented: ReadonlySet<string> } | { kind: 'saving' };

/** Draws the given streams in a grid on a canvas and mixes their audio: one stream to record. */
function composite(streams: () => MediaStream[]): { stream: MediaStream; stop(): void } {
  const canvas = document.createElement('canvas');
  canvas.width = WIDTH;
  canvas.height = HEIGHT;
  const context = canvas.getContext('2d')!;
  const audio = new AudioContext();
  const mix = audio.createMediaStreamDestination();
  const videos = new Map<MediaStream, HTMLVideoElement>();
  const sources = new Map<MediaStream, MediaStreamAudioSourceNode>();
  const timer = setInterval(() => {
    const current = streams();
    for (const s of current) {
      if (!videos.has(s)) {
        const v = document.createElement('video');
        v.muted = true;
        v.playsInline = true;
        v.srcObject = s;
        void v.play().catch(() => undefined);
        videos.set(s, v);
      }
      if (!sources.has(s) && s.getAudioTracks().length > 0) {
        const source = audio.createMediaStreamSource(s);
        source.connect(mix);
        sources.set(s, source);
      }
    }
    context.fillStyle = '#000';
    context.fillRect(0, 0, WIDTH, HEIGHT);
    const columns = Math.ceil(Math.sqrt(current.length || 1));
    const rows = Math.ceil((current.length || 1) / columns);
    current.forEach((s, i) => {
      const v = videos.get(s);
      if (!v || v.readyState < 2) return;
      context.drawImage(v, (i % columns) * (WIDTH / columns), Math.floor(i / columns) * (HEIGHT / rows), WIDTH / columns, HEIGHT / rows);
    });
  }, 1000 / FPS);
  const stream = new MediaStream([...canvas.captureStream(FPS).getVideoTracks(), ...mix.stream.getAudioTracks()]);
  return {
    stream,
    stop() {
      clearInterval(timer);
      for (const v of videos.values()) v.srcObject = null;
      for (const source of sources.values()) source.disconnect();
      void audio.close();
      for (const track of stream.getTracks()) track.stop();
    },
  };
}

export function Recorder({ call, snapshot, session, user, onRecorded }: { call: CallSession; snapshot: CallSnapshot; session: VideoSession; user: User; onRecorded(): void }) {
  const { t } = useTranslation('sessions');
  const { data, platform } = useServices();
  const errorText = useErrorText(ERROR_NAMESPACES);
  const { message } = App.useApp();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const snapshotRef = useRef(snapshot);
  useEffect(() => {
    snapshotRef.current = snapshot;
  }, [snapshot]);
  const active = useRef<{ recorder: MediaRecorder; composite: ReturnType<typeof composite>; chunks: Blob[]; startedAt: string } | null>(null);
  const stopRef = useRef<() => Promise<void>>(async () => undefined);

  const connected = () => [...snapshot.peers.values()].filter((p) => p.state === 'connected').map((p) => p.id);

  const begin = (consented: ReadonlySet<string>) => {
    // Only those who agreed are recorded: someone entering the room later is not (and stops it, below).
    const mix = composite(() => {
      const current = snapshotRef.current;
      const remote = [...current.peers.values()].flatMap((p) => (p.stream && consented.has(p.id) ? [p.stream] : []));
      return current.local.stream ? [current.local.stream, ...remote] : remote;
    });
    const mimeType = ['video/webm;codecs=vp8,opus', 'video/webm'].find((m) => MediaRecorder.isTypeSupported(m)) ?? '';
    const recorder = new MediaRecorder(mix.stream, mimeType ? { mimeType } : {});
    const chunks: Blob[] = [];
    recorder.ondataavailable = (event) => {
      if (event.data.size > 0) chunks.push(event.data);
    };
    recorder.start(1000);
    const startedAt = new Date().toISOString();
    active.current = { recorder, composite: mix, chunks, startedAt };
    setPhase({ kind: 'recording', startedAt, consented });
    call.sendToAll({ type: 'recording', active: true });
    void appendSessionLog(data, user, session.id, [{ at: startedAt, event: 'recording_started', participantId: null, name: null, room: snapshot.you?.room ?? null }]);
  };

  const stop = async () => {
    const current = active.current;
    if (!current) return;
    const { startedAt } = current;
    active.current = null;
    setPhase({ kind: 'saving' });
    await new Promise<void>((resolve) => {
      current.recorder.onstop = () => resolve();
      current.recorder.stop();
    });
    current.composite.stop();
    call.sendToAll({ type: 'recording', active: false });
    const stoppedAt = new Date().toISOString();
    const mediaType = current.recorder.mimeType || 'video/webm';
    const file = new File(current.chunks, `recording-${session.id}.webm`, { type: mediaType });
    await appendSessionLog(data, user, session.id, [{ at: stoppedAt, event: 'recording_stopped', participantId: null, name: null, room: snapshot.you?.room ?? null }]);
    const result = await addRecording(data, platform, user, session.id, { file: openedFileFromBrowserFile(file), mediaType, startedAt, stoppedAt });
    setPhase({ kind: 'idle' });
    if (result.ok) {
      void message.success(t('recording.saved'));
      onRecorded();
    } else {
      void message.error(t('recording.saveFailed', { detail: errorText(result.error.code, result.error.params) }));
    }
  };

  // Nobody answering within a minute is a "no"; answers do not restart the minute.
  const asking = phase.kind === 'asking';
  useEffect(() => {
    if (!asking) return;
    const timeout = setTimeout(() => {
      setPhase({ kind: 'idle' });
      void message.warning(t('recording.noAnswer'));
    }, ANSWER_TIMEOUT_MS);
    return () => clearTimeout(timeout);
  }, [asking, message, t]);

  // Answers to the request: everyone yes → record; anyone no → not.
  useEffect(() => {
    if (phase.kind !== 'asking') return;
    const unsubscribe = call.onPeerMessage((from, msg) => {
      if (!phase.waiting.has(from.id)) return;
      if (msg.type === 'recording-declined') {
        setPhase({ kind: 'idle' });
        void message.warning(t('recording.declined', { name: from.name }));
      } else if (msg.type === 'consent' && msg.kind === 'recording') {
        const waiting = new Set(phase.waiting);
        waiting.delete(from.id);
        if (waiting.size === 0) begin(phase.asked);
        else setPhase({ kind: 'asking', waiting, asked: phase.asked });
      }
    });
    return unsubscribe;
    // begin reads the latest snapshot through its ref.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [phase, call, message, t]);

  useEffect(() => {
    stopRef.current = stop;
  });

  // Someone who did not consent is now in the room (admitted, moved, the mediator changed rooms):
  // the recording stops and is stored as it is; a new one asks everyone again.
  const inRoom = [...snapshot.peers.values()].filter((p) => p.state === 'connected').map((p) => p.id);
  const strangerPresent = phase.kind === 'recording' && inRoom.some((id) => !phase.consented.has(id));
  useEffect(() => {
    if (strangerPresent) {
      void message.warning(t('recording.stoppedForNewcomer'));
      void stopRef.current();
    }
  }, [strangerPresent, message, t]);
  // Leaving the view while recording still stores what was recorded.
  useEffect(() => () => void stopRef.current(), []);

  if (typeof MediaRecorder === 'undefined') return null;
  if (phase.kind === 'recording') {
    return (
      <Button danger onClick={() => void stop()}>
        {t('recording.stop')}
      </Button>
    );
  }
  return (
    <Button
      loading={phase.kind === 'asking' || phase.kind === 'saving'}
      disabled={phase.kind !== 'idle'}
      onClick={() => {
        const waiting = new Set(connected());
        if (waiting.size === 0) return void message.info(t('recording.nobody'));
        setPhase({ kind: 'asking', waiting, asked: new Set(waiting) });
        call.sendToAll({ type: 'recording-request', statement: t('recording.statement') });
      }}
    >
      {phase.kind === 'asking' ? t('recording.asking', { count: phase.waiting.size }) : phase.kind === 'saving' ? t('recording.saving') : t('recording.start')}
    </Button>
  );
}
