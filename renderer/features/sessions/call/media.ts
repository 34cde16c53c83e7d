// The participant's own camera and microphone. Each way getUserMedia can fail is told apart, so
// the screen can say what happened and what to do (permission denied, no device, device busy)
// rather than show a black square.
export type MediaProblem = 'denied' | 'no_device' | 'busy' | 'insecure' | 'unsupported' | 'other';

export class MediaAccessError extends Error {
  constructor(
    readonly problem: MediaProblem,
    message: string,
  ) {
    super(message);
    this.name = 'MediaAccessError';
  }
}

/** 640×480 is enough to see a face and read a document held up, and light on a phone's uplink. */
export const CAMERA_CONSTRAINTS: MediaStreamConstraints = {
  audio: { echoCancellation: true, noiseSuppression: true },
  video: { width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 24, max: 30 } },
};

export function problemOf(error: unknown): MediaProblem {
  const name = (error as { name?: string } | null)?.name;
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
    case 'PermissionDeniedError':
      return 'denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'no_device';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'busy';
    default:
      return 'other';
  }
}

/**
 * Opens camera and microphone. Without a camera, a microphone alone is still a way to take part,
 * so a missing camera falls back to audio only; only when neither works is it an error.
 */
export async function openCamera(devices: MediaDevices | undefined = globalThis.navigator?.mediaDevices): Promise<MediaStream> {
  if (globalThis.isSecureContext === false) throw new MediaAccessError('insecure', 'Camera and microphone need a secure (https) page.');
  if (!devices?.getUserMedia) throw new MediaAccessError('unsupported', 'This browser cannot use a camera.');
  try {
    return await devices.getUserMedia(CAMERA_CONSTRAINTS);
  } catch (error) {
    const problem = problemOf(error);
    if (problem === 'no_device' || problem === 'busy') {
      try {
        return await devices.getUserMedia({ audio: CAMERA_CONSTRAINTS.audio, video: false });
      } catch {
        // Neither works: report the camera's problem, which is what the user sees missing.
      }
    }
    throw new MediaAccessError(problem, (error as Error)?.message ?? String(error));
  }
}

export async function openScreen(devices: MediaDevices | undefined = globalThis.navigator?.mediaDevices): Promise<MediaStreamTrack> {
  if (!devices?.getDisplayMedia) throw new MediaAccessError('unsupported', 'This browser cannot share the screen.');
  try {
    const stream = await devices.getDisplayMedia({ video: { frameRate: { ideal: 5, max: 15 } }, audio: false });
    const [track] = stream.getVideoTracks();
    if (!track) throw new MediaAccessError('other', 'No screen was chosen.');
    // A document on screen is read, not watched: keep text sharp rather than motion smooth.
    track.contentHint = 'detail';
    return track;
  } catch (error) {
    if (error instanceof MediaAccessError) throw error;
    throw new MediaAccessError(problemOf(error), (error as Error)?.message ?? String(error));
  }
}

export function stopStream(stream: MediaStream | null | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}
