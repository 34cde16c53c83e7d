// Connection quality of one peer, from two samples of its WebRTC statistics (getStats) a moment
// apart. Thresholds follow what people notice in a conversation: past ~300 ms of round trip
// people talk over each other, past ~5 % loss speech breaks up, under ~8 frames/s faces stutter.
export type Quality = 'good' | 'fair' | 'poor' | 'stalled' | 'unknown';

export interface StatsSample {
  /** ms since some fixed time, when the sample was taken. */
  at: number;
  framesDecoded: number | null;
  packetsReceived: number | null;
  packetsLost: number | null;
  /** Seconds, from the nominated candidate pair. */
  roundTripTime: number | null;
  /** Whether the remote side is sending video at all (camera off or audio only: no frames expected). */
  videoExpected: boolean;
}

export interface QualityReading {
  quality: Quality;
  framesPerSecond: number | null;
  lossPercent: number | null;
  roundTripMs: number | null;
}

export function readQuality(previous: StatsSample | null, current: StatsSample): QualityReading {
  const roundTripMs = current.roundTripTime === null ? null : Math.round(current.roundTripTime * 1000);
  if (!previous || current.at <= previous.at) return { quality: 'unknown', framesPerSecond: null, lossPercent: null, roundTripMs };
  const seconds = (current.at - previous.at) / 1000;
  const frames = current.framesDecoded !== null && previous.framesDecoded !== null ? current.framesDecoded - previous.framesDecoded : null;
  const framesPerSecond = frames === null ? null : Math.max(0, Math.round((frames / seconds) * 10) / 10);
  const received = current.packetsReceived !== null && previous.packetsReceived !== null ? current.packetsReceived - previous.packetsReceived : null;
  const lost = current.packetsLost !== null && previous.packetsLost !== null ? Math.max(0, current.packetsLost - previous.packetsLost) : null;
  const lossPercent = received === null || lost === null || received + lost === 0 ? null : Math.round((lost / (received + lost)) * 1000) / 10;

  let quality: Quality = 'good';
  const worse = (q: Quality) => {
    const order: Quality[] = ['good', 'fair', 'poor', 'stalled'];
    if (order.indexOf(q) > order.indexOf(quality)) quality = q;
  };
  if (current.videoExpected && framesPerSecond !== null && seconds >= 1) {
    if (framesPerSecond === 0) worse('stalled');
    else if (framesPerSecond < 8) worse('poor');
    else if (framesPerSecond < 15) worse('fair');
  }
  if (lossPercent !== null) {
    if (lossPercent > 10) worse('poor');
    else if (lossPercent > 3) worse('fair');
  }
  if (roundTripMs !== null) {
    if (roundTripMs > 600) worse('poor');
    else if (roundTripMs > 300) worse('fair');
  }
  return { quality, framesPerSecond, lossPercent, roundTripMs };
}
