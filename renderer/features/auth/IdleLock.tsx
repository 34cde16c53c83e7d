// Connects the idle timer (./idle.ts) to the window's input events while a user is signed in.
import { useEffect, useRef } from 'react';
import { createIdleTimer, watchActivity } from './idle';

export function IdleLock({ minutes, locked, onIdle }: { minutes: number; locked: boolean; onIdle: () => void }) {
  const onIdleRef = useRef(onIdle);
  useEffect(() => {
    onIdleRef.current = onIdle;
  }, [onIdle]);

  useEffect(() => {
    if (locked) return undefined;
    const timer = createIdleTimer({ minutes, onIdle: () => onIdleRef.current() });
    const detach = watchActivity(window, timer);
    return () => {
      detach();
      timer.stop();
    };
    // A changed period restarts the count, which is what a user who just changed it expects.
  }, [minutes, locked]);

  return null;
}
