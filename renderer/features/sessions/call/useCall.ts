// React's view of a CallSession: created for one token and local stream, disposed when the
// component goes away (a page closing keeps the seat for the server's grace period).
import { useEffect, useState, useSyncExternalStore } from 'react';
import { CallSession, type CallOptions, type CallSnapshot } from './call-session';

const IDLE: CallSnapshot = {
  phase: 'connecting',
  end: null,
  you: null,
  participants: [],
  peers: new Map(),
  local: { stream: null, audio: false, video: false, screen: false },
  recordingActive: false,
  recordingRequest: null,
  signatureRequest: null,
  notice: null,
};

const noop = () => () => {};

export function useCall(options: CallOptions | null): { call: CallSession | null; snapshot: CallSnapshot } {
  const [call, setCall] = useState<CallSession | null>(null);
  useEffect(() => {
    if (!options) return;
    const session = new CallSession(options);
    setCall(session);
    return () => {
      session.dispose();
      setCall(null);
    };
    // The options object is built once per join by the caller (useMemo); a new one is a new call.
  }, [options]);
  const snapshot = useSyncExternalStore(call?.subscribe ?? noop, call?.getSnapshot ?? (() => IDLE));
  return { call, snapshot };
}
