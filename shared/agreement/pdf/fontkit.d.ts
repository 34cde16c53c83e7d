// The part of fontkit 2 this code uses (the package ships no types; @types/fontkit describes the
// Node build and pulls Node's Buffer into the pure shared layer).
declare module 'fontkit' {
  export interface Subset {
    includeGlyph(glyph: number | object): number;
    encode(): Uint8Array;
  }
  export interface Font {
    readonly postscriptName: string | null;
    readonly unitsPerEm: number;
    hasGlyphForCodePoint(codePoint: number): boolean;
    createSubset(): Subset;
  }
  export interface FontCollection {
    readonly fonts: Font[];
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font | FontCollection;
}
