// The extraction target of `mw package verify --extract`: a folder this code creates (refused if it
// exists), each entry written with 'wx' (never following or overwriting anything) at a path checked
// once more to land inside the folder.
import { mkdir, open, realpath, type FileHandle } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { detail } from '../../../shared/confirmation/check-detail';
import { ZipRefusedError, type EntrySink, type ExtractTarget } from '../../../shared/archive';

/** write() may write less than it was given; the rest is written until none is left. */
async function writeAll(file: FileHandle, chunk: Uint8Array): Promise<void> {
  for (let at = 0; at < chunk.length; ) at += (await file.write(chunk, at, chunk.length - at)).bytesWritten;
}

/** The entry's path inside root; the names were checked already, and this checks again where it lands. */
function targetIn(root: string, name: string): string {
  const target = resolve(root, join(...name.split('/')));
  const inside = relative(root, target);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) throw new ZipRefusedError(detail('zip.outside_folder'), name);
  return target;
}

/** A new, empty folder (refused if anything is there already) that receives the entries. */
export async function folderTarget(path: string): Promise<ExtractTarget> {
  try {
    await mkdir(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ZipRefusedError(code === 'EEXIST' ? detail('zip.target_exists', { path }) : detail('zip.target_failed', { path, reason: code ?? (error as Error).message }));
  }
  const root = await realpath(path);
  return {
    folder: async (name) => void (await mkdir(targetIn(root, name), { recursive: true })),
    file: async (name): Promise<EntrySink> => {
      const target = targetIn(root, name);
      await mkdir(resolve(target, '..'), { recursive: true });
      const file = await open(target, 'wx', 0o644);
      return { write: (chunk) => writeAll(file, chunk), close: () => file.close() };
    },
  };
}
