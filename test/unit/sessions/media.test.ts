// Why the camera could not be opened, told apart so the join page can say what to do; a missing
// or busy camera still lets a party take part by voice.
import { describe, expect, it } from 'vitest';
import { MediaAccessError, openCamera, problemOf } from '../../../renderer/features/sessions/call/media';

const named = (name: string) => Object.assign(new Error(name), { name });
const stream = { id: 'audio-only' } as unknown as MediaStream;

function devices(answers: Array<Error | MediaStream>): MediaDevices & { asked: MediaStreamConstraints[] } {
  const asked: MediaStreamConstraints[] = [];
  return {
    asked,
    getUserMedia: async (constraints: MediaStreamConstraints) => {
      asked.push(constraints);
      const answer = answers.shift();
      if (!answer || answer instanceof Error) throw answer ?? named('NotFoundError');
      return answer;
    },
  } as unknown as MediaDevices & { asked: MediaStreamConstraints[] };
}

describe('camera problems', () => {
  it('are named by what the user can do about them', () => {
    expect(problemOf(named('NotAllowedError'))).toBe('denied');
    expect(problemOf(named('NotFoundError'))).toBe('no_device');
    expect(problemOf(named('NotReadableError'))).toBe('busy');
    expect(problemOf(named('TypeError'))).toBe('other');
    expect(problemOf(null)).toBe('other');
  });

  it('fall back to the microphone when there is no camera', async () => {
    const media = devices([named('NotFoundError'), stream]);
    await expect(openCamera(media)).resolves.toBe(stream);
    expect(media.asked[1]).toMatchObject({ video: false });
  });

  it('report a refusal without a second prompt, and the camera problem when nothing works', async () => {
    const refused = devices([named('NotAllowedError')]);
    await expect(openCamera(refused)).rejects.toMatchObject({ problem: 'denied' });
    expect(refused.asked).toHaveLength(1);
    const busy = devices([named('NotReadableError'), named('NotReadableError')]);
    await expect(openCamera(busy)).rejects.toBeInstanceOf(MediaAccessError);
    await expect(openCamera(devices([named('NotReadableError'), named('NotReadableError')]))).rejects.toMatchObject({ problem: 'busy' });
    await expect(openCamera(undefined)).rejects.toMatchObject({ problem: 'unsupported' });
  });
});
