// The fonts of the agreement PDF: shipped with the app (build/fonts), never a system font, so the
// document is the same on every machine. Chinese comes from a TrueType face covering all of CJK
// Unified Ideographs and Extension A (堃 喆 䶮), Latin from a second face; each character is printed
// in the first face that has it. Subsetting uses upstream fontkit 2 through a small adapter:
// pdf-lib's own fork (@pdf-lib/fontkit) drops glyphs of this face when subsetting (design.md §10).
import * as fontkit from 'fontkit';
import type { PDFDocument } from 'pdf-lib';

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];

export interface AgreementFontFiles {
  /** DroidSansFallbackFull.ttf */
  cjk: Uint8Array;
  /** DejaVuSans.ttf */
  latin: Uint8Array;
}

type FontkitFont = fontkit.Font;

/** pdf-lib expects the fork's streaming subset encoder; upstream fontkit encodes in one call. */
type PdfLibSubset = ReturnType<FontkitFont['createSubset']> & {
  encodeStream(): { on(event: string, handler: (value?: unknown) => void): unknown };
};

const parsed = new WeakMap<Uint8Array, FontkitFont>();

function open(bytes: Uint8Array): FontkitFont {
  let font = parsed.get(bytes);
  if (!font) {
    const created = fontkit.create(bytes);
    if (!('createSubset' in created)) throw new Error('A font collection was given where one face is needed.');
    font = created;
    parsed.set(bytes, font);
  }
  return font;
}

function withStreamingSubset(font: FontkitFont): FontkitFont {
  // A view of the parsed font whose subsets also speak the fork's encodeStream(); the parsed
  // font itself (shared by every document) stays untouched.
  return new Proxy(font, {
    get(target, property, receiver) {
      if (property !== 'createSubset') return Reflect.get(target, property, receiver) as unknown;
      return () => {
        const subset = target.createSubset() as PdfLibSubset;
        subset.encodeStream = () => {
          const handlers: Record<string, (value?: unknown) => void> = {};
          queueMicrotask(() => {
            try {
              handlers.data?.(subset.encode());
              handlers.end?.();
            } catch (error) {
              handlers.error?.(error);
            }
          });
          const emitter = {
            on(event: string, handler: (value?: unknown) => void) {
              handlers[event] = handler;
              return emitter;
            },
          };
          return emitter;
        };
        return subset;
      };
    },
  });
}

/** The adapter handed to pdf-lib's registerFontkit; parsed faces are reused across documents. */
export const fontkitForPdfLib: Fontkit = {
  create: (data: Uint8Array) => withStreamingSubset(open(data)) as unknown as ReturnType<Fontkit['create']>,
};

export interface FontCoverage {
  latin(codePoint: number): boolean;
  cjk(codePoint: number): boolean;
  /** Whether any shipped face prints this character. */
  any(codePoint: number): boolean;
}

export function fontCoverage(files: AgreementFontFiles): FontCoverage {
  const cjk = open(files.cjk);
  const latin = open(files.latin);
  const memo = new Map<number, number>();
  const bits = (cp: number) => {
    let v = memo.get(cp);
    if (v === undefined) {
      v = (latin.hasGlyphForCodePoint(cp) ? 1 : 0) | (cjk.hasGlyphForCodePoint(cp) ? 2 : 0);
      memo.set(cp, v);
    }
    return v;
  };
  return { latin: (cp) => (bits(cp) & 1) !== 0, cjk: (cp) => (bits(cp) & 2) !== 0, any: (cp) => bits(cp) !== 0 };
}
