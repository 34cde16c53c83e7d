// The hardened zip reader on hostile archives: each refused before any data is inflated or
// written, with a message naming the entry and the problem, in bounded memory (how fast is
// measured by `npm run bench -- archive`, never asserted here).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deflateSync } from 'fflate';
import { folderTarget } from '../../../cli/src/package/extract';
import { NODE_ZIP_HOOKS } from '../../../cli/src/package/zip-source';
import { blobSource, bytesSource, crc32 as portableCrc32, DEFAULT_ZIP_LIMITS, openZip, openZipBytes, PORTABLE_ZIP_HOOKS, StoredZipWriter, ZipRefusedError, type ZipHooks } from '../../../shared/archive';
import { crc32 as nativeCrc32 } from 'node:zlib';
import { manyEntries, rawZip, type RawEntry } from '../confirmation/raw-zip';

const dir = mkdtempSync(join(tmpdir(), 'mw-zip-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const text = (s: string) => new TextEncoder().encode(s);

async function refusal(zip: Uint8Array, limits = DEFAULT_ZIP_LIMITS, hooks: ZipHooks = PORTABLE_ZIP_HOOKS): Promise<string> {
  try {
    const archive = await openZip(bytesSource(zip), limits, hooks);
    await archive.hashAll();
  } catch (error) {
    expect(error).toBeInstanceOf(ZipRefusedError);
    return (error as Error).message;
  }
  throw new Error('the archive was accepted');
}

const ok: RawEntry = { name: 'evidence/ok.txt', data: text('fine') };

/** The portable hooks, counting the bytes they inflate: a bomb refused from its headers inflates none. */
function counting(): { hooks: ZipHooks; inflated: () => number } {
  let inflated = 0;
  const inflate: ZipHooks['inflate'] = async function* (compressed, size) {
    for await (const chunk of PORTABLE_ZIP_HOOKS.inflate(compressed, size)) {
      inflated += chunk.length;
      yield chunk;
    }
  };
  return { hooks: { ...PORTABLE_ZIP_HOOKS, inflate }, inflated: () => inflated };
}

describe('the zip reader', () => {
  it('reads stored and deflated entries, and hashes them natively', async () => {
    const big = text('调解协议 '.repeat(5000));
    const zip = rawZip([ok, { name: 'evidence/text.txt', data: big, method: 8 }, { name: 'identity/', mode: 0o040755 }]);
    const archive = await openZip(bytesSource(zip));
    expect(archive.files.map((e) => e.name)).toEqual(['evidence/ok.txt', 'evidence/text.txt']);
    expect(new TextDecoder().decode(await archive.read(archive.find('evidence/text.txt')!))).toBe('调解协议 '.repeat(5000));
    const hashed = await archive.hashAll();
    expect(hashed.get('evidence/text.txt')).toMatchObject({ size: big.length, crcOk: true });
  });

  it.each<[string, RawEntry[], string]>([
    ['a ../ path', [{ name: '../evil.txt', data: text('x') }], 'entry "../evil.txt": unsafe name: the path contains a . or .. segment'],
    ['a ../ path inside', [{ name: 'evidence/../../evil.txt', data: text('x') }], 'the path contains a . or .. segment'],
    ['an absolute path', [{ name: '/etc/cron.d/evil', data: text('x') }], 'entry "/etc/cron.d/evil": unsafe name: the path is absolute'],
    ['a drive letter', [{ name: 'C:/Windows/evil.dll', data: text('x') }], 'the path starts with a drive letter'],
    ['a backslash', [{ name: 'evidence\\..\\evil', data: text('x') }], 'the path contains a backslash'],
    ['a control character', [{ name: 'evidence/a\u0007.txt', data: text('x') }], 'control character'],
    ['a direction override', [{ name: 'evidence/invoice\u202Efdp.exe', data: text('x') }], 'direction-changing character'],
    ['a symbolic link', [ok, { name: 'evidence/link', data: text('/etc/passwd'), mode: 0o120777 }], 'entry "evidence/link": it is a symbolic link'],
    ['a named pipe', [{ name: 'evidence/fifo', mode: 0o010644 }], 'it is a device, socket or pipe'],
    ['a duplicate name', [ok, ok], 'ambiguous, so refused whatever it would mean: the name "evidence/ok.txt" appears twice in the archive'],
    ['names differing in case', [ok, { name: 'evidence/OK.txt', data: text('other') }], 'ambiguous, so refused whatever it would mean: "evidence/OK.txt" and "evidence/ok.txt" are one name once letter case is folded'],
    ['a file that is a folder too', [{ name: 'evidence', data: text('x') }, ok], '"evidence" is a file, so it cannot also be this entry\'s folder'],
    ['an encrypted entry', [{ name: 'evidence/secret.pdf', data: text('x'), flags: 0x0001 }], 'entry "evidence/secret.pdf": it is encrypted'],
    ['an unknown compression', [{ name: 'evidence/a.bz2', data: text('x'), method: 12 as 0 }], 'it uses compression method 12'],
    ['a stored entry with two sizes', [{ name: 'evidence/a', data: text('abc'), declaredSize: 1_000_000 }], 'it is stored uncompressed but claims 1000000 bytes from 3'],
    ['a local header naming another file', [{ name: 'evidence/a.txt', localName: 'evidence/b.txt', data: text('x') }], 'its local header names another file than the central directory'],
  ])('refuses %s, naming it', async (_, entries, message) => {
    expect(await refusal(rawZip(entries))).toContain(message);
  });

  it('refuses overlapping entries, unexplained bytes and a lying end record', async () => {
    // Entry b's whole local record hidden inside entry a's data: two files from the same bytes.
    const hidden = rawZip([{ name: 'evidence/b.txt', data: text('inner') }]).subarray(0, 30 + 14 + 5);
    const overlapping = rawZip([
      { name: 'evidence/a.txt', data: hidden },
      { name: 'evidence/b.txt', data: text('inner'), centralOnly: true, headerOffset: 30 + 14 },
    ]);
    expect(await refusal(overlapping)).toContain('entry "evidence/b.txt": it overlaps the entry before it');
    expect(await refusal(rawZip([ok], { prefix: text('MZ stub of a self-extractor') }))).toContain('unexplained bytes precede it');
    const fifty = Array.from({ length: 50 }, (_, i) => ({ name: `evidence/${i}.txt`, data: text(String(i)) }));
    expect(await refusal(rawZip(fifty, { countOverride: 10 }))).toContain('the central directory holds more than its end record counts');
  });

  it('refuses a zip bomb from its headers, without inflating it', async () => {
    const zeros = new Uint8Array(64 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    const bomb = rawZip([{ name: 'evidence/video.mp4', data: zeros, method: 8 }]);
    expect(bomb.length).toBeLessThan(128 * 1024);
    const counter = counting();
    const message = await refusal(bomb, DEFAULT_ZIP_LIMITS, counter.hooks);
    expect(message).toContain('entry "evidence/video.mp4": it would inflate');
    expect(message).toContain('a zip bomb');
    // A few KB claiming almost 4 GiB.
    const claim = rawZip([{ name: 'evidence/big.bin', compressed: bomb.subarray(30 + 18, 30 + 18 + 4096), method: 8, declaredSize: 0xfffffffe, declaredCrc: 0 }]);
    expect(await refusal(claim, DEFAULT_ZIP_LIMITS, counter.hooks)).toContain('a zip bomb');
    expect(counter.inflated()).toBe(0);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  it('stops inflating an entry that lies about its size as soon as it passes it', async () => {
    const zeros = new Uint8Array(16 * 1024 * 1024);
    // Under the ratio floor by what it declares, so only the inflation itself can show the lie.
    const liar = rawZip([{ name: 'evidence/small.txt', data: zeros, method: 8, declaredSize: 1000 }]);
    const counter = counting();
    expect(await refusal(liar, DEFAULT_ZIP_LIMITS, counter.hooks)).toContain('entry "evidence/small.txt": it inflates to more than the 1000 bytes it declares (a zip bomb)');
    // Inflating stops within a piece (64 KiB) of passing the size, not megabytes later.
    expect(counter.inflated()).toBeGreaterThan(1000);
    expect(counter.inflated()).toBeLessThan(1024 * 1024);
    const inMemory = openZipBytes(liar);
    expect(() => inMemory.read(inMemory.find('evidence/small.txt')!)).toThrow('it inflates to more than the 1000 bytes it declares');
  });

  it('refuses more than the total size allowed', async () => {
    const two = [
      { name: 'evidence/a.bin', data: new Uint8Array(700_000) },
      { name: 'evidence/b.bin', data: new Uint8Array(700_000) },
    ];
    expect(await refusal(rawZip(two), { ...DEFAULT_ZIP_LIMITS, maxTotalBytes: 1024 * 1024 })).toContain('entry "evidence/b.bin": the archive would unpack to more than');
  });

  it('refuses 100,000 entries at once', async () => {
    for (const zip64 of [false, true]) {
      const zip = manyEntries(100_000, zip64);
      expect(await refusal(zip)).toContain(zip64 ? 'the archive holds 100,000 entries; at most 10,000 are accepted' : 'the archive holds 65,535 entries');
    }
    // At the limit the same layout is read.
    expect((await openZip(bytesSource(manyEntries(10_000)))).files).toHaveLength(10_000);
  });

  it('refuses truncated archives and things that are not zips', async () => {
    const zip = rawZip([ok, { name: 'evidence/b.txt', data: text('b'.repeat(300)) }]);
    for (const length of [zip.length - 1, zip.length - 22, zip.length - 60, 200, 40, 4]) {
      expect(await refusal(zip.subarray(0, length))).toMatch(/truncated|too small|not a zip|does not end where/);
    }
    expect(await refusal(zip.subarray(0, zip.length - 1))).toContain('the zip is truncated: its end-of-central-directory record is missing');
    expect(await refusal(text('%PDF-1.7 '.repeat(20)))).toContain('this is not a zip archive');
  });

  it('extracts only into a new folder of its own', async () => {
    const zip = rawZip([ok, { name: 'identity/张堃.jpg', data: text('jpeg') }]);
    const target = join(dir, 'out');
    const archive = await openZip(bytesSource(zip));
    await archive.hashAll({ extractTo: await folderTarget(target) });
    expect(readFileSync(join(target, 'identity', '张堃.jpg'), 'utf8')).toBe('jpeg');
    expect(readdirSync(dir)).toEqual(['out']);
    await expect(folderTarget(target)).rejects.toThrow('already exists');
    expect(existsSync(join(dir, 'evil.txt'))).toBe(false);
  });

  it('reports a CRC-32 mismatch for the caller to name', async () => {
    const archive = await openZip(bytesSource(rawZip([{ ...ok, declaredCrc: 12345 }])));
    expect((await archive.hashAll()).get('evidence/ok.txt')?.crcOk).toBe(false);
  });
});

describe('the review findings', () => {
  it('refuses many small bombs, each under the per-entry ratio floor, by the ratio of all deflated entries together', async () => {
    // 3,000 entries of 1 MiB of zeros, ~1 KiB each packed: 3 GiB on --extract from a 3 MB zip.
    const zeros = new Uint8Array(1024 * 1024);
    const packed = deflateSync(zeros);
    const crc = nativeCrc32(zeros);
    const bombs = Array.from({ length: 3_000 }, (_, i): RawEntry => ({ name: `evidence/page-${i}.txt`, compressed: packed, method: 8, declaredSize: zeros.length, declaredCrc: crc }));
    const zip = rawZip(bombs);
    expect(zip.length).toBeLessThan(4 * 1024 * 1024);
    const counter = counting();
    const message = await refusal(zip, DEFAULT_ZIP_LIMITS, counter.hooks);
    expect(counter.inflated()).toBe(0);
    expect(message).toContain('its deflated entries together would inflate');
    expect(message).toContain('a zip bomb made of many small entries');
    // Pages of ordinary text (a few to one) are no threat, and still read.
    const words = ['调解', '协议', '申请人', '被申请人', '还款', '人民币', '元', '，', '。', '双方', '同意', '期限', '2026年', '第'];
    let seed = 7;
    const prose = Array.from({ length: 120_000 }, () => words[(seed = (seed * 1103515245 + 12345) & 0x7fffffff) % words.length]).join('');
    const fine = rawZip(Array.from({ length: 5 }, (_, i): RawEntry => ({ name: `evidence/note-${i}.txt`, data: text(prose), method: 8 })));
    expect((await (await openZip(bytesSource(fine))).hashAll()).size).toBe(5);
  });

  it('refuses a non-ASCII name without the UTF-8 flag, and reads an ASCII one', async () => {
    const message = await refusal(rawZip([{ name: 'identity/张堃.jpg', data: text('jpeg'), utf8: false }]));
    expect(message).toContain("entry 1's name has non-ASCII bytes");
    expect(message).toContain('not marked as UTF-8 (zip flag bit 11)');
    const ascii = await openZip(bytesSource(rawZip([{ name: 'identity/zhang.jpg', data: text('jpeg'), utf8: false }])));
    expect(ascii.files.map((e) => e.name)).toEqual(['identity/zhang.jpg']);
  });

  it('inflates alike with fflate (the browser) and zlib (the CLI), and refuses damaged deflate data with either', async () => {
    const big = text('人民调解协议书 '.repeat(40_000));
    const zip = rawZip([{ name: 'evidence/text.txt', data: big, method: 8 }]);
    for (const hooks of [PORTABLE_ZIP_HOOKS, NODE_ZIP_HOOKS]) {
      const archive = await openZip(bytesSource(zip), DEFAULT_ZIP_LIMITS, hooks);
      // Compared as a Buffer: vitest's deep equality takes seconds over a megabyte.
      expect(Buffer.compare(await archive.read(archive.find('evidence/text.txt')!), big)).toBe(0);
      expect((await archive.hashAll()).get('evidence/text.txt')?.crcOk).toBe(true);
    }
    const damaged = rawZip([{ name: 'evidence/text.txt', compressed: Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0x00, 0x11]), method: 8, declaredSize: 100, declaredCrc: 0 }]);
    for (const hooks of [PORTABLE_ZIP_HOOKS, NODE_ZIP_HOOKS]) expect(await refusal(damaged, DEFAULT_ZIP_LIMITS, hooks)).toMatch(/entry "evidence\/text.txt": (its compressed data is damaged|it inflates to)/);
  });

  it('reads a browser File through Blob.slice, and notices one that shrank', async () => {
    const zip = rawZip([ok, { name: 'identity/张堃.jpg', data: text('jpeg') }]);
    const archive = await openZip(blobSource(new Blob([zip as Uint8Array<ArrayBuffer>])));
    expect((await archive.hashAll()).get('identity/张堃.jpg')?.size).toBe(4);
    const shrinking = { size: zip.length, slice: (start: number, end: number) => new Blob([zip.subarray(start, Math.min(end, zip.length - 10)) as Uint8Array<ArrayBuffer>]) };
    await expect(openZip(blobSource(shrinking))).rejects.toThrow('it was changed or truncated while being read');
  });
});

describe('CRC-32', () => {
  it('the portable one equals zlib’s, in pieces and whole', () => {
    const bytes = Uint8Array.from({ length: 100_003 }, (_, i) => (i * 7919) & 0xff);
    expect(portableCrc32(bytes)).toBe(nativeCrc32(bytes));
    expect(portableCrc32(bytes.subarray(50_001), portableCrc32(bytes.subarray(0, 50_001)))).toBe(nativeCrc32(bytes));
    expect(portableCrc32(new Uint8Array(0))).toBe(0);
    // The writer's default is the portable one: its descriptors must carry zlib's value.
    const writer = new StoredZipWriter({ modified: new Date('2026-03-05T02:00:00Z') });
    writer.start('a', bytes.length);
    writer.data(bytes);
    expect(new DataView(writer.finish().buffer).getUint32(4, true)).toBe(nativeCrc32(bytes));
  });
});
