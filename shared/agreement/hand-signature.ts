// A hand signature drawn on screen (design.md §5): the pointer strokes as captured, which go into
// the evidence ledger as canonical JSON, and their rendering as SVG path data for the signature
// blocks of the agreement PDF. Pure: the same code runs in the workstation, on a party's own
// device and in verifiers.
import canonicalize from 'canonicalize';
import { z } from 'zod';
import { instantSchema } from '../domain/model';
import { codePointLength } from '../domain/text';
import { utf8ToBytes } from '../ledger/hash';

export const HAND_SIGNATURE_LIMITS = {
  strokes: 300,
  points: 20_000,
  /** Largest side of the drawing area, CSS px. */
  side: 10_000,
  /** A signature's last point at most a day after its first (ms). */
  duration: 86_400_000,
} as const;

/**
 * The pen's width on screen in CSS px. The PDF uses the same width at the drawing's scale, so
 * the printed signature looks as it did on screen.
 */
export const SIGNATURE_PEN_WIDTH = 3;

export const POINTER_KINDS = ['pen', 'touch', 'mouse'] as const;
export type PointerKind = (typeof POINTER_KINDS)[number];

/** Round to 2 decimals, the precision stored: canonical bytes must not depend on float noise. */
export function round2(value: number): number {
  // `+ 0` turns -0 into 0, which canonical JSON would otherwise write as "0" but compare unequal.
  return Math.round(value * 100) / 100 + 0;
}

// Idempotent for values produced by round2, so captured data always passes.
const twoDecimals = (v: number) => round2(v) === v;

const measure = (max: number) => z.number().min(0).max(max).refine(twoDecimals, 'at most 2 decimals');

const pointSchema = z.tuple([
  measure(HAND_SIGNATURE_LIMITS.side), // x, CSS px from the left edge of the area
  measure(HAND_SIGNATURE_LIMITS.side), // y, CSS px from the top edge
  measure(HAND_SIGNATURE_LIMITS.duration), // t, ms since the first point of the signature
  measure(1), // pressure, 0..1 (a mouse reports 0.5 while pressed)
]);

const strokeSchema = z.strictObject({
  pointerType: z.enum(POINTER_KINDS),
  points: z.array(pointSchema).min(1).max(HAND_SIGNATURE_LIMITS.points),
});

export const handSignatureSchema = z
  .strictObject({
    version: z.literal(1),
    /** The party's id (party, agent) or the user's id (mediator). */
    signerId: z.string().min(1).max(100),
    signerRole: z.enum(['party', 'agent', 'mediator']),
    signerName: z.string().min(1).refine((s) => codePointLength(s) <= 100, 'at most 100 characters'),
    /** When the signer confirmed. */
    capturedAt: instantSchema,
    /** The drawing area, CSS px. */
    width: measure(HAND_SIGNATURE_LIMITS.side).positive(),
    height: measure(HAND_SIGNATURE_LIMITS.side).positive(),
    strokes: z.array(strokeSchema).min(1).max(HAND_SIGNATURE_LIMITS.strokes),
  })
  .superRefine((sig, ctx) => {
    let total = 0;
    let previous = 0;
    sig.strokes.forEach((stroke, s) => {
      total += stroke.points.length;
      stroke.points.forEach(([x, y, t], p) => {
        const path = ['strokes', s, 'points', p];
        if (x > sig.width || y > sig.height) ctx.addIssue({ code: 'custom', message: 'point outside the drawing area', path });
        if (s === 0 && p === 0 && t !== 0) ctx.addIssue({ code: 'custom', message: 'times count from the first point', path });
        if (t < previous) ctx.addIssue({ code: 'custom', message: 'time goes backwards', path });
        previous = t;
      });
    });
    if (total > HAND_SIGNATURE_LIMITS.points) ctx.addIssue({ code: 'custom', message: `more than ${HAND_SIGNATURE_LIMITS.points} points`, path: ['strokes'] });
  });

export type HandSignature = z.infer<typeof handSignatureSchema>;
export type SignatureStroke = HandSignature['strokes'][number];
/** [x, y, t, pressure]. */
export type SignaturePoint = SignatureStroke['points'][number];
export interface Size {
  width: number;
  height: number;
}

/**
 * The strokes in stored form from pointer samples: `t` of the samples may be on any millisecond
 * clock (PointerEvent.timeStamp) and becomes the time since the first sample; coordinates are
 * clamped into the area (a captured pointer goes on reporting outside it); numbers are rounded to
 * 2 decimals; a sample that does not move the pen after rounding, or is not a finite position, is
 * dropped; a pressure the device did not report sensibly counts as 0.5.
 */
export function captureStrokes(samples: readonly SignatureStroke[], area: Size): SignatureStroke[] {
  const width = round2(area.width);
  const height = round2(area.height);
  const clamp = (v: number, max: number) => Math.min(max, Math.max(0, round2(v)));
  let start: number | null = null;
  let last = 0;
  const strokes: SignatureStroke[] = [];
  for (const stroke of samples) {
    const points: SignaturePoint[] = [];
    for (const [rawX, rawY, rawT, rawPressure] of stroke.points) {
      if (!Number.isFinite(rawX) || !Number.isFinite(rawY)) continue;
      const x = clamp(rawX, width);
      const y = clamp(rawY, height);
      const previous = points[points.length - 1];
      if (previous && previous[0] === x && previous[1] === y) continue;
      if (Number.isFinite(rawT)) {
        start ??= rawT;
        // Coalesced samples can carry a time a hair before the event that delivered them.
        last = Math.max(last, clamp(rawT - start, HAND_SIGNATURE_LIMITS.duration));
      }
      points.push([x, y, last, Number.isFinite(rawPressure) ? clamp(rawPressure, 1) : 0.5]);
    }
    if (points.length > 0) strokes.push({ pointerType: stroke.pointerType, points });
  }
  return strokes;
}

interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

function boundsOf(strokes: readonly SignatureStroke[]): Box | null {
  let box: Box | null = null;
  for (const stroke of strokes) {
    for (const [x, y] of stroke.points) {
      if (!box) box = { minX: x, minY: y, maxX: x, maxY: y };
      else {
        box.minX = Math.min(box.minX, x);
        box.minY = Math.min(box.minY, y);
        box.maxX = Math.max(box.maxX, x);
        box.maxY = Math.max(box.maxY, y);
      }
    }
  }
  return box;
}

/** Below this extent (CSS px, about 1.5 mm) the ink is one spot: a tap, not writing. */
const DOT_EXTENT = 6;
/** Fewer samples than this cannot be a name, even one quick stroke of it. */
const MIN_POINTS = 8;
/** The ink's larger side must reach this (CSS px, about 1 cm), or a quarter of a smaller pad. */
const MIN_EXTENT = 40;

export type SignatureProblem = 'signature.empty' | 'signature.too_complex' | 'signature.dot' | 'signature.too_few_points' | 'signature.too_small';

/**
 * Why a drawing is not yet a signature, as a code, or null when it is one. The thresholds refuse
 * taps and slips of the pen, not handwriting: any name written legibly passes.
 */
export function signatureProblem(sig: Pick<HandSignature, 'strokes' | 'width' | 'height'>): SignatureProblem | null {
  const points = sig.strokes.reduce((n, stroke) => n + stroke.points.length, 0);
  const box = boundsOf(sig.strokes);
  if (!box || points === 0) return 'signature.empty';
  if (sig.strokes.length > HAND_SIGNATURE_LIMITS.strokes || points > HAND_SIGNATURE_LIMITS.points) return 'signature.too_complex';
  const extent = Math.max(box.maxX - box.minX, box.maxY - box.minY);
  if (extent < DOT_EXTENT) return 'signature.dot';
  if (points < MIN_POINTS) return 'signature.too_few_points';
  if (extent < Math.min(MIN_EXTENT, Math.min(sig.width, sig.height) / 4)) return 'signature.too_small';
  return null;
}

const fmt = (v: number) => String(Math.round(v * 10) / 10 + 0);

/**
 * SVG path data of one stroke, each point mapped by `scale` then shifted by (dx, dy): quadratic
 * curves through the midpoints of successive samples with the samples as control points, so a
 * mouse's straight segments come out as a smooth line and every curve stays within the hull of the
 * samples. Numbers are rounded to 0.1. A stroke that does not move at this scale (a dot, as in 主
 * or 文) becomes a 0.1-long segment towards `towardsX`, which a round line cap draws as a disc; a
 * zero-length segment is pruned before stroking by the HTML canvas, and by viewers drawing through it.
 */
export function strokePath(points: readonly SignaturePoint[], scale = 1, dx = 0, dy = 0, towardsX = Number.POSITIVE_INFINITY): string {
  if (points.length === 0) return '';
  const at = (i: number): [number, number] => {
    const point = points[i] as SignaturePoint;
    return [point[0] * scale + dx, point[1] * scale + dy];
  };
  const [x0, y0] = at(0);
  let spread = 0;
  for (let i = 1; i < points.length; i++) {
    const [x, y] = at(i);
    spread = Math.max(spread, Math.abs(x - x0), Math.abs(y - y0));
  }
  if (spread < 0.1) return `M${fmt(x0)} ${fmt(y0)}L${fmt(x0 + (towardsX < x0 ? -0.1 : 0.1))} ${fmt(y0)}`;
  let d = `M${fmt(x0)} ${fmt(y0)}`;
  for (let i = 1; i < points.length - 1; i++) {
    const [cx, cy] = at(i);
    const [nx, ny] = at(i + 1);
    d += `Q${fmt(cx)} ${fmt(cy)} ${fmt((cx + nx) / 2)} ${fmt((cy + ny) / 2)}`;
  }
  const [lx, ly] = at(points.length - 1);
  return `${d}L${fmt(lx)} ${fmt(ly)}`;
}

/** Smallest side of a signature block, in the box's units (pt): anything smaller cannot show a name. */
const MIN_BOX_SIDE = 10;
/** Thinnest pen in the box's units (pt); with MIN_BOX_SIDE it keeps half a pen's inset (≥ 0.25) larger than the 0.05 rounding error, so rounded paths stay inside the box. */
const THINNEST_PEN = 0.5;

/**
 * SVG path data of the strokes (y down, origin at the box's top-left corner), scaled uniformly so
 * that the ink, pen width included, fills `box` with the drawing's own bounding box centred, and
 * the pen width at that scale. One path per stroke. For pdf-lib:
 * `page.drawSvgPath(path, { x: left, y: top, borderWidth: strokeWidth, borderColor, borderLineCap:
 * LineCapStyle.Round })` — stroke only, no fill; round caps draw the dots.
 */
export function signatureSvgPaths(sig: HandSignature, box: Size): { paths: string[]; strokeWidth: number } {
  if (!(Number.isFinite(box.width) && Number.isFinite(box.height) && Math.min(box.width, box.height) >= MIN_BOX_SIDE)) {
    throw new RangeError(`A signature box needs finite sides of at least ${MIN_BOX_SIDE}; got ${box.width} × ${box.height}.`);
  }
  const ink = boundsOf(sig.strokes);
  if (!ink) return { paths: [], strokeWidth: 0 };
  const inkWidth = ink.maxX - ink.minX;
  const inkHeight = ink.maxY - ink.minY;
  // With the pen counted in the ink's size, (ink + pen)·scale = box: the ink fills the box and the
  // pen is as wide, relative to the writing, as it was on screen.
  let scale = Math.min(box.width / (inkWidth + SIGNATURE_PEN_WIDTH), box.height / (inkHeight + SIGNATURE_PEN_WIDTH));
  let strokeWidth = SIGNATURE_PEN_WIDTH * scale;
  const thickest = Math.min(box.width, box.height) / 15;
  if (strokeWidth < THINNEST_PEN || strokeWidth > thickest) {
    // A hair-thin or blotchy pen is clamped; the ink is then fitted again inside one pen width.
    strokeWidth = Math.min(thickest, Math.max(THINNEST_PEN, strokeWidth));
    scale = Math.min(inkWidth > 0 ? (box.width - strokeWidth) / inkWidth : Infinity, inkHeight > 0 ? (box.height - strokeWidth) / inkHeight : Infinity);
    // A dot has no extent to fit: any scale shows it.
    if (!Number.isFinite(scale)) scale = 1;
  }
  const dx = (box.width - inkWidth * scale) / 2 - ink.minX * scale;
  const dy = (box.height - inkHeight * scale) / 2 - ink.minY * scale;
  return { paths: sig.strokes.map((stroke) => strokePath(stroke.points, scale, dx, dy, box.width / 2)), strokeWidth };
}

/** The canonical bytes the ledger hashes (RFC 8785); the signature is validated first. */
export function handSignatureBytes(sig: HandSignature): Uint8Array {
  const text = canonicalize(handSignatureSchema.parse(sig));
  if (text === undefined) throw new TypeError('The signature has no JSON form.');
  return utf8ToBytes(text);
}
