// The signature pad's controller: the ink canvas (laid out to its element at the screen's pixel
// ratio, the strokes drawn with the same path data the PDF gets) and the pointer handling that
// turns one pointer's movement at a time into strokes, with undo and clear.
import { useCallback, useLayoutEffect, useRef, useState, type PointerEvent as ReactPointerEvent, type RefObject } from 'react';
import {
  HAND_SIGNATURE_LIMITS,
  SIGNATURE_PEN_WIDTH,
  captureStrokes,
  round2,
  strokePath,
  type PointerKind,
  type SignaturePoint,
  type SignatureStroke,
  type Size,
} from '../../../shared/agreement/hand-signature';

// Black ink whatever the app's theme: what the printed agreement will show.
const INK = '#111111';

/** How the area (the coordinates strokes are stored in) sits on the canvas now. */
interface View {
  dpr: number;
  scale: number;
  offsetX: number;
  offsetY: number;
}

interface Ink {
  /** Finished strokes with area coordinates and PointerEvent times, unrounded. */
  strokes: RefObject<SignatureStroke[]>;
  active: RefObject<{ pointerId: number; stroke: SignatureStroke } | null>;
}

function pointerKind(type: string): PointerKind {
  return type === 'pen' || type === 'touch' ? type : 'mouse';
}

/** The canvas: its area, how the area sits on it, and drawing now or at the next frame. */
function useInkCanvas({ strokes, active }: Ink) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const area = useRef<Size | null>(null);
  const view = useRef<View | null>(null);
  const paths = useRef(new WeakMap<SignatureStroke, Path2D>());
  const frame = useRef(0);

  const draw = useCallback(() => {
    const canvas = canvasRef.current;
    const at = view.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !at || !context) return;
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.clearRect(0, 0, canvas.width, canvas.height);
    const k = at.dpr * at.scale;
    context.setTransform(k, 0, 0, k, at.dpr * at.offsetX, at.dpr * at.offsetY);
    context.lineWidth = SIGNATURE_PEN_WIDTH;
    context.lineCap = 'round';
    context.lineJoin = 'round';
    context.strokeStyle = INK;
    // The same path data as the PDF gets, so what the signer sees is what is printed.
    for (const stroke of strokes.current) {
      let path = paths.current.get(stroke);
      if (!path) paths.current.set(stroke, (path = new Path2D(strokePath(stroke.points))));
      context.stroke(path);
    }
    if (active.current) context.stroke(new Path2D(strokePath(active.current.stroke.points)));
  }, [strokes, active]);

  const schedule = useCallback(() => {
    if (frame.current !== 0) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      draw();
    });
  }, [draw]);

  const layout = useCallback(() => {
    const canvas = canvasRef.current;
    if (!canvas || canvas.clientWidth === 0 || canvas.clientHeight === 0) return;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    const dpr = window.devicePixelRatio || 1;
    // Until something is written the area follows the element. Then it stays, and the ink is
    // scaled into the new size (a phone turned, a window resized) rather than cut off.
    if (!area.current || (strokes.current.length === 0 && !active.current)) area.current = { width: round2(width), height: round2(height) };
    const scale = Math.min(width / area.current.width, height / area.current.height);
    view.current = { dpr, scale, offsetX: (width - area.current.width * scale) / 2, offsetY: (height - area.current.height * scale) / 2 };
    const pixelsWide = Math.round(width * dpr);
    const pixelsHigh = Math.round(height * dpr);
    if (canvas.width !== pixelsWide) canvas.width = pixelsWide;
    if (canvas.height !== pixelsHigh) canvas.height = pixelsHigh;
    // Resizing the bitmap has cleared it: draw now, not in a frame, so it never flashes empty.
    draw();
  }, [draw, strokes, active]);

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const observer = new ResizeObserver(layout);
    observer.observe(canvas);
    // A window moved to a screen of another pixel ratio keeps its CSS size: no resize is observed.
    let ratio: MediaQueryList | null = null;
    const watchRatio = () => {
      ratio?.removeEventListener('change', onRatio);
      ratio = window.matchMedia(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
      ratio.addEventListener('change', onRatio);
    };
    const onRatio = () => {
      layout();
      watchRatio();
    };
    watchRatio();
    layout();
    return () => {
      observer.disconnect();
      ratio?.removeEventListener('change', onRatio);
      cancelAnimationFrame(frame.current);
      frame.current = 0;
    };
  }, [layout]);

  /** Maps events to area coordinates; the canvas's box is read once per event delivered. */
  const mapper = (canvas: HTMLCanvasElement) => {
    const rect = canvas.getBoundingClientRect();
    const at = view.current as View;
    const size = area.current as Size;
    // The box is in transformed pixels (the modal's opening zoom, a CSS zoom), the view in layout pixels.
    const zoomX = rect.width > 0 ? canvas.clientWidth / rect.width : 1;
    const zoomY = rect.height > 0 ? canvas.clientHeight / rect.height : 1;
    const clamp = (v: number, max: number) => Math.min(max, Math.max(0, v));
    return (e: PointerEvent): SignaturePoint => [
      clamp(((e.clientX - rect.left) * zoomX - at.offsetX) / at.scale, size.width),
      clamp(((e.clientY - rect.top) * zoomY - at.offsetY) / at.scale, size.height),
      e.timeStamp,
      e.pressure,
    ];
  };

  return { canvasRef, area, view, schedule, layout, mapper };
}

export function useSignaturePad({ onChange, disabled }: { onChange: (strokes: SignatureStroke[], size: Size) => void; disabled: boolean }) {
  const strokes = useRef<SignatureStroke[]>([]);
  const active = useRef<{ pointerId: number; stroke: SignatureStroke } | null>(null);
  const points = useRef(0);
  const { canvasRef, area, view, schedule, layout, mapper } = useInkCanvas({ strokes, active });
  const onChangeRef = useRef(onChange);
  const [count, setCount] = useState(0);
  const [writing, setWriting] = useState(false);
  const [full, setFull] = useState(false);

  useLayoutEffect(() => {
    onChangeRef.current = onChange;
  });

  // captureStrokes makes the stored form of the strokes at each change.
  const emit = () => {
    if (area.current) onChangeRef.current(captureStrokes(strokes.current, area.current), area.current);
  };

  const add = (stroke: SignatureStroke, point: SignaturePoint): boolean => {
    const last = stroke.points[stroke.points.length - 1];
    if (last && last[0] === point[0] && last[1] === point[1]) return true;
    if (points.current >= HAND_SIGNATURE_LIMITS.points) return false;
    stroke.points.push(point);
    points.current += 1;
    return true;
  };

  const onPointerDown = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    // One pointer at a time: a second finger or a resting palm does not write, and a mouse's other
    // buttons (context menu) or a pen's eraser end do not either.
    if (disabled || active.current || !view.current || e.button !== 0) return;
    if (strokes.current.length >= HAND_SIGNATURE_LIMITS.strokes || points.current >= HAND_SIGNATURE_LIMITS.points) {
      setFull(true);
      return;
    }
    // No text selection, no focus change, no emulated mouse events while writing.
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    const stroke: SignatureStroke = { pointerType: pointerKind(e.pointerType), points: [] };
    add(stroke, mapper(e.currentTarget)(e.nativeEvent));
    active.current = { pointerId: e.pointerId, stroke };
    setWriting(true);
    schedule();
  };

  const onPointerMove = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    const current = active.current;
    if (!current || e.pointerId !== current.pointerId) return;
    const native = e.nativeEvent;
    // A pen reports at up to a few hundred hertz, the event loop delivers at the frame rate: the
    // coalesced samples in between keep fast curves round. Older Safari has none.
    const coalesced = typeof native.getCoalescedEvents === 'function' ? native.getCoalescedEvents() : [];
    const map = mapper(e.currentTarget);
    for (const sample of coalesced.length > 0 ? coalesced : [native]) {
      if (!add(current.stroke, map(sample))) {
        setFull(true);
        break;
      }
    }
    schedule();
  };

  // Up, cancel (the system took the pointer) and a lost capture all end the stroke; what was
  // drawn stays, as the signer saw it, and can be undone.
  const onPointerEnd = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    const current = active.current;
    if (!current || e.pointerId !== current.pointerId) return;
    active.current = null;
    strokes.current.push(current.stroke);
    setCount(strokes.current.length);
    setWriting(false);
    emit();
    schedule();
  };

  const changed = () => {
    setCount(strokes.current.length);
    setFull(false);
    // An empty pad takes the element's size again.
    if (strokes.current.length === 0) layout();
    else schedule();
    emit();
  };

  const undo = () => {
    const removed = strokes.current.pop();
    if (removed) points.current -= removed.points.length;
    changed();
  };

  const clear = () => {
    strokes.current = [];
    points.current = 0;
    changed();
  };

  return { canvasRef, count, writing, full, handlers: { onPointerDown, onPointerMove, onPointerUp: onPointerEnd, onPointerCancel: onPointerEnd, onLostPointerCapture: onPointerEnd }, undo, clear };
}
