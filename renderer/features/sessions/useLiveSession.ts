// The live session's controller: the mediator's token minted for the call, the camera and
// microphone, the call itself, what the call reports (the sitting's log, consents, hand signatures
// sent from a party's screen) stored as it arrives, and the session ended when the call ends.
import { App } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandSignature } from '../../../shared/agreement/hand-signature';
import type { CenterApplication } from '../../../shared/confirmation/center-record';
import type { User } from '../../../shared/domain/model';
import { MAX_TOKEN_TTL_SECONDS, type ParticipantView } from '../../../shared/protocol/signaling';
import type { LogEntry, VideoSession } from '../../../shared/sessions/model';
import { useServices } from '../../app/services';
import { useErrorText } from '../../kit/useErrorText';
import { addApplicationSignature, readApplications } from '../confirmation';
import type { CallEvent, CallOptions } from './call/call-session';
import { useCall } from './call/useCall';
import { useLocalMedia } from './join/DeviceCheck';
import type { SignalingTarget } from './signaling-target';
import { appendSessionLog, endSession, recordConsent } from './store';

const SIGNATURE_ERROR_NAMESPACES: readonly string[] = ['confirmation', 'signatures', 'sessions'];

/** The mediator's token for the call, or why it could not be minted. */
function useMediatorToken(session: VideoSession, target: SignalingTarget): { token: string | null; problem: string | null } {
  const [token, setToken] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const mediator = session.participants.find((p) => p.role === 'mediator')!;
  useEffect(() => {
    let cancelled = false;
    target
      .mint({ session: session.id, ttlSeconds: Math.min(12 * 3600, MAX_TOKEN_TTL_SECONDS), participants: [{ role: 'mediator', name: mediator.name, id: mediator.id }] })
      .then((response) => {
        if (!cancelled) setToken(response.tokens[0]?.token ?? null);
      })
      .catch((error: unknown) => {
        if (!cancelled) setProblem((error as Error)?.message ?? String(error));
      });
    return () => {
      cancelled = true;
    };
  }, [session.id, mediator.id, mediator.name, target]);
  return { token, problem };
}

/**
 * The application for judicial confirmation awaiting the parties' hand signatures, if any: a party
 * in the session can sign it on their own screen, and their signature is stored as it arrives.
 */
function useRemoteSigning(session: VideoSession, user: User) {
  const { t } = useTranslation(['sessions']);
  const { data } = useServices();
  const { message } = App.useApp();
  const signatureError = useErrorText(SIGNATURE_ERROR_NAMESPACES);
  const [application, setApplication] = useState<CenterApplication | null>(null);
  const loadApplication = useCallback(async () => {
    const latest = (await readApplications(data, session.caseId)).at(-1) ?? null;
    setApplication(latest && latest.application === null && latest.built === null ? latest : null);
  }, [data, session.caseId]);
  useEffect(() => {
    void loadApplication();
  }, [loadApplication]);

  const storeRemoteSignature = useCallback(
    async (from: ParticipantView, signature: HandSignature) => {
      const invited = session.participants.find((p) => p.id === from.id);
      const latest = (await readApplications(data, session.caseId)).at(-1);
      // Only the party this participant was invited as may sign, as themself.
      if (!invited?.partyId || signature.signerId !== invited.partyId || signature.signerRole !== 'party' || !latest) return void message.error(t('sessions:remoteSigning.mismatch', { name: from.name }));
      const stored = await addApplicationSignature(data, user, latest.id, null, signature);
      if (!stored.ok) return void message.error(signatureError(stored.error.code, stored.error.params));
      void message.success(t('sessions:remoteSigning.signed', { name: from.name }));
      await loadApplication();
    },
    [data, user, session.caseId, session.participants, message, t, signatureError, loadApplication],
  );
  return { application, storeRemoteSignature };
}

export function useLiveSession({ session, user, target, onEnded, onChanged }: { session: VideoSession; user: User; target: SignalingTarget; onEnded(): void; onChanged(): void }) {
  const { t } = useTranslation(['sessions']);
  const { data } = useServices();
  const { message } = App.useApp();
  const media = useLocalMedia();
  const { token, problem } = useMediatorToken(session, target);
  const { application, storeRemoteSignature } = useRemoteSigning(session, user);

  const onEvent = useCallback(
    (event: CallEvent) => {
      const at = new Date().toISOString();
      if (event.type === 'peer-message' && event.message.type === 'signature') return void storeRemoteSignature(event.from, event.message.signature);
      if (event.type === 'peer-message' && event.message.type === 'signature-declined') return void message.info(t('sessions:remoteSigning.declined', { name: event.from.name }));
      if (event.type === 'log') {
        const entry: LogEntry = { at, event: event.event, participantId: event.participant?.id ?? null, name: event.participant?.name ?? null, room: event.room };
        void appendSessionLog(data, user, session.id, [entry]);
      } else if (event.type === 'peer-failed') {
        void appendSessionLog(data, user, session.id, [{ at, event: 'connection_failed', participantId: event.participant.id, name: event.participant.name, room: event.participant.room }]);
      } else if (event.message.type === 'consent') {
        const { kind, statement, givenAt } = event.message;
        void recordConsent(data, user, session.id, { participantId: event.from.id, name: event.from.name, role: event.from.role, kind, statement, givenAt, receivedAt: at }).then((result) => {
          if (result.ok) onChanged();
        });
      }
    },
    [data, user, session.id, onChanged, storeRemoteSignature, message, t],
  );

  // The call lives as long as the token and camera: a new handler (the list reloading after a
  // consent) must not start a new call, so the call reaches the handler through a ref.
  const onEventRef = useRef(onEvent);
  useEffect(() => {
    onEventRef.current = onEvent;
  }, [onEvent]);
  const options = useMemo<CallOptions | null>(
    () => (token && !media.opening ? { signalUrl: target.signalUrl, token, localStream: media.stream, iceServers: target.iceServers, onEvent: (event) => onEventRef.current(event) } : null),
    [token, media.opening, media.stream, target],
  );
  const { call, snapshot } = useCall(options);
  const { phase } = snapshot;

  useEffect(() => {
    if (phase === 'ended') {
      void endSession(data, user, session.id).then(() => onEnded());
    }
  }, [phase, data, user, session.id, onEnded]);

  useEffect(() => {
    if (snapshot.notice) void message.warning(t(`sessions:refusal.${snapshot.notice.code}`, { defaultValue: t('sessions:refusal.other') }));
  }, [snapshot.notice, message, t]);

  /** Ends the session; without the server (network down) it still ends here. */
  const end = () => {
    if (!call?.end()) void endSession(data, user, session.id).then(() => onEnded());
  };

  return { media, problem, call, snapshot, application, end };
}
