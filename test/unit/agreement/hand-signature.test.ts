// Hand signatures: the stored form refuses what a pad cannot produce (oversized, non-finite,
// outside the area, time running backwards), the pad's samples become that form, the drawing is
// judged a signature or told what is missing, its SVG paths fit any signature block without
// distortion, and its canonical bytes do not depend on how the object was built.
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { LineCapStyle, PDFDocument, drawSvgPath, rgb } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import {
  HAND_SIGNATURE_LIMITS,
  SIGNATURE_PEN_WIDTH,
  captureStrokes,
  handSignatureBytes,
  handSignatureSchema,
  signatureProblem,
  signatureSvgPaths,
  type HandSignature,
  type SignaturePoint,
  type SignatureStroke,
} from '../../../shared/agreement/hand-signature';
import { utf8ToBytes } from '../../../shared/ledger/hash';

const AREA = { width: 600, height: 240 };

/** A wavy line from (x0, y0) to (x1, y0), `n` samples 8 ms apart from `t0`, as a mouse gives it. */
function wave(x0: number, x1: number, y0: number, n: number, t0 = 0): SignaturePoint[] {
  return Array.from({ length: n }, (_, i): SignaturePoint => {
    const f = n === 1 ? 0 : i / (n - 1);
    return [x0 + (x1 - x0) * f, y0 + 20 * Math.sin(f * Math.PI * 3), t0 + i * 8, 0.5];
  });
}

/** A signature in stored form: three strokes, the middle one a dot, over most of the area. */
function signature(overrides: Partial<HandSignature> = {}): HandSignature {
  const strokes = captureStrokes(
    [
      { pointerType: 'mouse', points: wave(60, 260, 110, 40, 1_000) },
      { pointerType: 'mouse', points: [[300, 80, 1_500, 0.5]] },
      { pointerType: 'mouse', points: wave(320, 540, 150, 50, 2_000) },
    ],
    AREA,
  );
  return { version: 1, signerId: 'p-1', signerRole: 'party', signerName: '张三', capturedAt: '2026-03-02T08:30:00.000Z', ...AREA, strokes, ...overrides };
}

const valid = (value: unknown) => handSignatureSchema.safeParse(value).success;

function withPoint(stroke: number, point: number, value: SignaturePoint): HandSignature {
  const sig = structuredClone(signature());
  (sig.strokes[stroke] as SignatureStroke).points[point] = value;
  return sig;
}

describe('handSignatureSchema', () => {
  it('accepts a captured signature and points on the edges of the area', () => {
    expect(handSignatureSchema.parse(signature())).toEqual(signature());
    expect(valid(withPoint(0, 1, [600, 240, 8, 0.5]))).toBe(true);
    expect(valid(withPoint(0, 1, [0, 0, 8, 1]))).toBe(true);
    expect(valid(signature({ signerName: '𠀀'.repeat(100) }))).toBe(true);
  });

  it('refuses more strokes or points than the limits', () => {
    const dot = (t: number): SignatureStroke => ({ pointerType: 'pen', points: [[10, 10, t, 0.5]] });
    const strokes = (n: number) => Array.from({ length: n }, (_, i) => dot(i));
    expect(valid(signature({ strokes: strokes(HAND_SIGNATURE_LIMITS.strokes) }))).toBe(true);
    expect(valid(signature({ strokes: strokes(HAND_SIGNATURE_LIMITS.strokes + 1) }))).toBe(false);

    const points = (n: number, t0: number): SignaturePoint[] => Array.from({ length: n }, (_, i) => [i % 600, 100, t0 + i, 0.5]);
    const half = HAND_SIGNATURE_LIMITS.points / 2;
    expect(valid(signature({ strokes: [{ pointerType: 'pen', points: points(half, 0) }, { pointerType: 'pen', points: points(half, half) }] }))).toBe(true);
    expect(valid(signature({ strokes: [{ pointerType: 'pen', points: points(half, 0) }, { pointerType: 'pen', points: points(half + 1, half) }] }))).toBe(false);
    expect(valid(signature({ strokes: [{ pointerType: 'pen', points: points(HAND_SIGNATURE_LIMITS.points + 1, 0) }] }))).toBe(false);
    expect(valid(signature({ width: HAND_SIGNATURE_LIMITS.side + 1 }))).toBe(false);
    expect(valid(signature({ signerName: '张'.repeat(101) }))).toBe(false);
  });

  it('refuses non-finite numbers, points outside the area and pressures beyond 0..1', () => {
    for (const point of [
      [Number.NaN, 10, 8, 0.5],
      [10, Number.POSITIVE_INFINITY, 8, 0.5],
      [10, 10, Number.NaN, 0.5],
      [10, 10, 8, Number.NaN],
      [600.01, 10, 8, 0.5],
      [10, 240.01, 8, 0.5],
      [-0.01, 10, 8, 0.5],
      [10, 10, 8, 1.01],
      [10, 10, 8, -0.5],
    ] satisfies SignaturePoint[]) {
      expect(valid(withPoint(0, 1, point)), JSON.stringify(point)).toBe(false);
    }
    expect(valid(signature({ width: 0 }))).toBe(false);
    expect(valid(signature({ height: Number.NaN }))).toBe(false);
  });

  it('refuses time that goes backwards, within a stroke or between strokes, and a first time other than 0', () => {
    const sig = signature();
    const [first, , third] = sig.strokes as [SignatureStroke, SignatureStroke, SignatureStroke];
    const [x, y, t] = first.points[5] as SignaturePoint;
    expect(valid(withPoint(0, 6, [x + 1, y, t - 0.01, 0.5]))).toBe(false);
    expect(valid(withPoint(0, 6, [x + 1, y, t, 0.5]))).toBe(true);
    const lastOfFirst = first.points.at(-1) as SignaturePoint;
    const [tx, ty] = third.points[0] as SignaturePoint;
    expect(valid(withPoint(2, 0, [tx, ty, lastOfFirst[2] - 1, 0.5]))).toBe(false);
    const [fx, fy] = first.points[0] as SignaturePoint;
    expect(valid(withPoint(0, 0, [fx, fy, 1, 0.5]))).toBe(false);
  });

  it('refuses more than two decimals, unknown fields, an empty drawing and a wrong version', () => {
    expect(valid(withPoint(0, 1, [10.123, 10, 8, 0.5]))).toBe(false);
    expect(valid({ ...signature(), extra: 1 })).toBe(false);
    const sig = structuredClone(signature());
    (sig.strokes[0] as SignatureStroke & { colour?: string }).colour = 'red';
    expect(valid(sig)).toBe(false);
    expect(valid(signature({ strokes: [] }))).toBe(false);
    expect(valid(signature({ strokes: [{ pointerType: 'pen', points: [] }] }))).toBe(false);
    expect(valid({ ...signature(), version: 2 })).toBe(false);
    expect(valid(signature({ capturedAt: 'yesterday' }))).toBe(false);
  });
});

describe('captureStrokes', () => {
  it('counts time from the first sample, rounds to 2 decimals, clamps into the area and drops repeats', () => {
    const strokes = captureStrokes(
      [
        {
          pointerType: 'pen',
          points: [
            [10.123456, 20.987654, 5_000.4567, 0.333333],
            [10.124, 20.988, 5_004, 0.4], // the same spot once rounded
            [-5, 250, 5_008.25, 1.5], // a captured pointer outside the area
            [Number.NaN, 30, 5_010, 0.5],
            [40, 30, 5_008, Number.NaN], // a coalesced sample a hair early, no pressure reported
          ],
        },
        { pointerType: 'touch', points: [[Number.NaN, 1, 5_100, 0.5]] },
        { pointerType: 'touch', points: [[50, 60, 5_200, 0.5]] },
      ],
      { width: 599.996, height: 240 },
    );
    expect(strokes).toEqual([
      {
        pointerType: 'pen',
        points: [
          [10.12, 20.99, 0, 0.33],
          [0, 240, 7.79, 1],
          [40, 30, 7.79, 0.5],
        ],
      },
      { pointerType: 'touch', points: [[50, 60, 199.54, 0.5]] },
    ]);
    expect(valid({ ...signature(), width: 600, strokes })).toBe(true);
  });

  it('produces what the schema accepts for any samples inside a laid-out area', () => {
    const sample = fc.tuple(fc.double({ min: -50, max: 700, noNaN: true }), fc.double({ min: -50, max: 300, noNaN: true }), fc.double({ min: 0, max: 10, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }));
    fc.assert(
      fc.property(fc.array(fc.array(sample, { minLength: 1, maxLength: 30 }), { minLength: 1, maxLength: 8 }), (raw) => {
        let clock = 123_456.789;
        const samples = raw.map((points): SignatureStroke => ({ pointerType: 'touch', points: points.map(([x, y, dt, p]): SignaturePoint => [x, y, (clock += dt), p]) }));
        const strokes = captureStrokes(samples, AREA);
        expect(handSignatureSchema.safeParse({ ...signature(), strokes }).error).toBeUndefined();
      }),
    );
  });
});

describe('signatureProblem', () => {
  const judge = (strokes: SignatureStroke[], area = AREA) => signatureProblem({ strokes, ...area });
  const mouse = (points: SignaturePoint[]): SignatureStroke => ({ pointerType: 'mouse', points });

  it('calls nothing drawn empty', () => {
    expect(judge([])).toBe('signature.empty');
    expect(judge([mouse([])])).toBe('signature.empty');
  });

  it('calls a tap or a jiggle on one spot a dot', () => {
    expect(judge([mouse([[100, 100, 0, 0.5]])])).toBe('signature.dot');
    expect(judge([mouse([[100, 100, 0, 0.5], [103, 102, 8, 0.5], [105, 104, 16, 0.5], [101, 100, 24, 0.5], [102, 101, 32, 0.5], [104, 103, 40, 0.5], [100, 101, 48, 0.5], [103, 100, 56, 0.5], [102, 102, 64, 0.5]])])).toBe('signature.dot');
  });

  it('calls a quick flick of a few samples too few points', () => {
    expect(judge([mouse(wave(100, 300, 100, 5))])).toBe('signature.too_few_points');
    expect(judge([mouse(wave(100, 300, 100, 8))])).toBeNull();
  });

  it('calls a scribble smaller than a centimetre too small, but only relative to a pad big enough', () => {
    const scribble = [mouse(wave(100, 130, 100, 30).map(([x, y, t, p]): SignaturePoint => [x, 100 + (y - 100) / 4, t, p]))];
    expect(judge(scribble)).toBe('signature.too_small');
    expect(judge(scribble, { width: 110, height: 110 })).toBeNull();
  });

  it('accepts a real signature and refuses one beyond the limits', () => {
    expect(signatureProblem(signature())).toBeNull();
    const many = Array.from({ length: HAND_SIGNATURE_LIMITS.strokes + 1 }, (_, i) => mouse(wave(10, 500, 30 + (i % 150), 2, i * 100)));
    expect(judge(many)).toBe('signature.too_complex');
  });
});

/** The coordinate pairs of path data made of M, L and Q commands. */
function coordinates(path: string): [number, number][] {
  expect(path).toMatch(/^M-?\d+(\.\d)? -?\d+(\.\d)?([QL](-?\d+(\.\d)? ?)+)*$/);
  const numbers = [...path.matchAll(/-?\d+(?:\.\d+)?/g)].map((m) => Number(m[0]));
  expect(numbers.length % 2).toBe(0);
  return Array.from({ length: numbers.length / 2 }, (_, i) => [numbers[2 * i] as number, numbers[2 * i + 1] as number]);
}

function boundsOf(pairs: [number, number][]) {
  const xs = pairs.map(([x]) => x);
  const ys = pairs.map(([, y]) => y);
  return { minX: Math.min(...xs), maxX: Math.max(...xs), minY: Math.min(...ys), maxY: Math.max(...ys) };
}

function inkBounds(sig: HandSignature) {
  return boundsOf(sig.strokes.flatMap((s) => s.points.map(([x, y]): [number, number] => [x, y])));
}

describe('signatureSvgPaths', () => {
  it('smooths a mouse stroke with quadratic curves and writes a dot as a short segment', () => {
    const { paths } = signatureSvgPaths(signature(), { width: 150, height: 50 });
    expect(paths).toHaveLength(3);
    expect(paths[0]).toMatch(/^M[^QL]+Q/);
    expect((paths[0]?.match(/Q/g) ?? []).length).toBe(signature().strokes[0]!.points.length - 2);
    const dot = coordinates(paths[1] as string);
    expect(dot).toHaveLength(2);
    expect(Math.abs((dot[1]?.[0] ?? 0) - (dot[0]?.[0] ?? 0))).toBeCloseTo(0.1, 5);
  });

  it('fits the ink, pen included, inside the box, centred, with its aspect ratio kept', () => {
    const sig = signature();
    const ink = inkBounds(sig);
    const inkRatio = (ink.maxX - ink.minX) / (ink.maxY - ink.minY);
    for (const box of [{ width: 150, height: 50 }, { width: 50, height: 150 }, { width: 200, height: 80 }, { width: 12, height: 10 }]) {
      const { paths, strokeWidth } = signatureSvgPaths(sig, box);
      const drawn = boundsOf(paths.flatMap(coordinates));
      const half = strokeWidth / 2;
      expect(drawn.minX - half, JSON.stringify(box)).toBeGreaterThanOrEqual(-0.05);
      expect(drawn.minY - half).toBeGreaterThanOrEqual(-0.05);
      expect(drawn.maxX + half).toBeLessThanOrEqual(box.width + 0.05);
      expect(drawn.maxY + half).toBeLessThanOrEqual(box.height + 0.05);
      // Fills the box in one direction, centred in both.
      const slackX = box.width - (drawn.maxX - drawn.minX) - strokeWidth;
      const slackY = box.height - (drawn.maxY - drawn.minY) - strokeWidth;
      expect(Math.min(slackX, slackY)).toBeLessThan(0.2);
      expect(Math.abs(drawn.minX - (box.width - drawn.maxX))).toBeLessThan(0.2);
      expect(Math.abs(drawn.minY - (box.height - drawn.maxY))).toBeLessThan(0.2);
      const ratio = (drawn.maxX - drawn.minX) / (drawn.maxY - drawn.minY);
      expect(Math.abs(ratio / inkRatio - 1)).toBeLessThan(box.width < 20 ? 0.1 : 0.01);
    }
  });

  it('keeps the pen as wide, relative to the writing, as on screen, within readable bounds', () => {
    const sig = signature();
    const ink = inkBounds(sig);
    const box = { width: 200, height: 80 };
    const { strokeWidth } = signatureSvgPaths(sig, box);
    const scale = Math.min(box.width / (ink.maxX - ink.minX + SIGNATURE_PEN_WIDTH), box.height / (ink.maxY - ink.minY + SIGNATURE_PEN_WIDTH));
    expect(strokeWidth).toBeCloseTo(SIGNATURE_PEN_WIDTH * scale, 6);
    expect(signatureSvgPaths(sig, { width: 4000, height: 4000 }).strokeWidth).toBeLessThan(SIGNATURE_PEN_WIDTH * 4000 / 480);
    expect(signatureSvgPaths(sig, { width: 4000, height: 4000 }).strokeWidth).toBeLessThanOrEqual(4000 / 15);
    expect(signatureSvgPaths(sig, { width: 20, height: 10 }).strokeWidth).toBeGreaterThanOrEqual(0.5);
  });

  it('keeps any drawing inside any box', () => {
    const point = fc.tuple(fc.integer({ min: 0, max: 60_000 }), fc.integer({ min: 0, max: 24_000 })).map(([x, y]): SignaturePoint => [x / 100, y / 100, 0, 0.5]);
    fc.assert(
      fc.property(
        fc.array(fc.array(point, { minLength: 1, maxLength: 20 }), { minLength: 1, maxLength: 6 }),
        fc.double({ min: 10, max: 800, noNaN: true }),
        fc.double({ min: 10, max: 800, noNaN: true }),
        (strokes, width, height) => {
          const sig = signature({ strokes: strokes.map((points) => ({ pointerType: 'pen', points })) });
          const { paths, strokeWidth } = signatureSvgPaths(sig, { width, height });
          expect(strokeWidth).toBeGreaterThan(0);
          for (const [x, y] of paths.flatMap(coordinates)) {
            expect(x).toBeGreaterThanOrEqual(0);
            expect(y).toBeGreaterThanOrEqual(0);
            expect(x).toBeLessThanOrEqual(width);
            expect(y).toBeLessThanOrEqual(height);
          }
        },
      ),
    );
  });

  it('refuses a box too small to show a name', () => {
    expect(() => signatureSvgPaths(signature(), { width: 9, height: 50 })).toThrow(RangeError);
    expect(() => signatureSvgPaths(signature(), { width: Number.NaN, height: 50 })).toThrow(RangeError);
  });

  it('gives paths pdf-lib draws as stroked curves', async () => {
    const { paths, strokeWidth } = signatureSvgPaths(signature(), { width: 150, height: 50 });
    const operators = paths.flatMap((path) =>
      drawSvgPath(path, { x: 100, y: 200, scale: undefined, color: undefined, borderWidth: strokeWidth, borderColor: rgb(0, 0, 0), borderLineCap: LineCapStyle.Round }).map((op) => op.toString().trim().split(/\s+/).at(-1)),
    );
    expect(operators.filter((op) => op === 'S')).toHaveLength(paths.length);
    // pdf-lib writes a quadratic segment as `v`; a stroke of n samples has n − 2 of them.
    expect(operators.filter((op) => op === 'v')).toHaveLength(signature().strokes.reduce((n, s) => n + Math.max(0, s.points.length - 2), 0));
    const pdf = await PDFDocument.create();
    const page = pdf.addPage([595, 842]);
    for (const path of paths) page.drawSvgPath(path, { x: 100, y: 200, borderWidth: strokeWidth, borderLineCap: LineCapStyle.Round });
    expect((await pdf.save()).length).toBeGreaterThan(0);
  });
});

describe('handSignatureBytes', () => {
  it('is the RFC 8785 form, whatever the order the object was built in', () => {
    const sig = signature();
    const bytes = handSignatureBytes(sig);
    expect(bytes).toEqual(utf8ToBytes(canonicalize(sig) as string));
    const reordered = Object.fromEntries(Object.entries(sig).reverse()) as HandSignature;
    expect(handSignatureBytes(reordered)).toEqual(bytes);
    expect(handSignatureBytes(JSON.parse(JSON.stringify(sig)) as HandSignature)).toEqual(bytes);
  });

  it('writes a small signature exactly', () => {
    const sig: HandSignature = {
      version: 1,
      signerId: 'u-7',
      signerRole: 'mediator',
      signerName: '王芳',
      capturedAt: '2026-03-02T08:30:00.000Z',
      width: 600,
      height: 240.5,
      strokes: [{ pointerType: 'pen', points: [[10.25, 20, 0, 0.5], [30, 40.1, 16.67, 0.75]] }],
    };
    expect(new TextDecoder().decode(handSignatureBytes(sig))).toBe(
      '{"capturedAt":"2026-03-02T08:30:00.000Z","height":240.5,"signerId":"u-7","signerName":"王芳","signerRole":"mediator","strokes":[{"pointerType":"pen","points":[[10.25,20,0,0.5],[30,40.1,16.67,0.75]]}],"version":1,"width":600}',
    );
  });

  it('refuses what is not a valid signature, so nothing unverifiable is hashed', () => {
    expect(() => handSignatureBytes({ ...signature(), width: 0 })).toThrow();
    expect(() => handSignatureBytes(withPoint(0, 1, [10.001, 10, 8, 0.5]))).toThrow();
  });
});
