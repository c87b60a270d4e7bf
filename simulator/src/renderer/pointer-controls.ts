/**
 * Pan (drag), zoom (wheel, trackpad pinch, two-finger pinch) and hover on the
 * view's canvas, with pointer events so mouse, pen and touch behave alike.
 */
import type { ViewTransform } from './view-transform';

export interface PointerCallbacks {
  /** The view moved: draw again. */
  changed(): void;
  /** The pointer rests at (clientX, clientY) with no button down. */
  hover(clientX: number, clientY: number): void;
  /** The pointer left or started dragging: hide the tooltip. */
  leave(): void;
  /** Double click: frame the whole venue again. */
  fit(): void;
}

/** Wheel delta → zoom factor; lines and pages count as pixels so all mice feel alike. */
function wheelFactor(e: WheelEvent): number {
  const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1;
  // Trackpad pinches arrive as ctrl+wheel with small deltas: zoom them faster.
  const k = e.ctrlKey ? 0.01 : 0.0015;
  return Math.exp(-e.deltaY * unit * k);
}

export function attachPointerControls(canvas: HTMLCanvasElement, view: ViewTransform, cb: PointerCallbacks): () => void {
  const down = new Map<number, { x: number; y: number }>();
  const local = (e: { clientX: number; clientY: number }): [number, number] => {
    const r = canvas.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  };

  const onDown = (e: PointerEvent) => {
    canvas.setPointerCapture?.(e.pointerId);
    down.set(e.pointerId, { x: e.clientX, y: e.clientY });
    cb.leave();
  };
  const onMove = (e: PointerEvent) => {
    const prev = down.get(e.pointerId);
    if (!prev) {
      if (down.size === 0) cb.hover(e.clientX, e.clientY);
      return;
    }
    if (down.size === 1) {
      view.panBy(e.clientX - prev.x, e.clientY - prev.y);
    } else if (down.size === 2) {
      const other = [...down.entries()].find(([id]) => id !== e.pointerId)?.[1];
      if (other) {
        const before = Math.hypot(prev.x - other.x, prev.y - other.y);
        const after = Math.hypot(e.clientX - other.x, e.clientY - other.y);
        const [mx, my] = local({ clientX: (e.clientX + other.x) / 2, clientY: (e.clientY + other.y) / 2 });
        // The moving finger drags the midpoint by half its own motion.
        view.panBy((e.clientX - prev.x) / 2, (e.clientY - prev.y) / 2);
        if (before > 0) view.zoomAt(after / before, mx, my);
      }
    }
    down.set(e.pointerId, { x: e.clientX, y: e.clientY });
    cb.changed();
  };
  const onUp = (e: PointerEvent) => {
    down.delete(e.pointerId);
  };
  const onWheel = (e: WheelEvent) => {
    e.preventDefault();
    const [px, py] = local(e);
    view.zoomAt(wheelFactor(e), px, py);
    cb.changed();
    cb.hover(e.clientX, e.clientY);
  };
  const onLeave = () => cb.leave();
  const onDouble = () => cb.fit();

  const prevTouchAction = canvas.style.touchAction;
  canvas.style.touchAction = 'none';
  canvas.addEventListener('pointerdown', onDown);
  canvas.addEventListener('pointermove', onMove);
  canvas.addEventListener('pointerup', onUp);
  canvas.addEventListener('pointercancel', onUp);
  canvas.addEventListener('pointerleave', onLeave);
  canvas.addEventListener('wheel', onWheel, { passive: false });
  canvas.addEventListener('dblclick', onDouble);
  return () => {
    canvas.style.touchAction = prevTouchAction;
    canvas.removeEventListener('pointerdown', onDown);
    canvas.removeEventListener('pointermove', onMove);
    canvas.removeEventListener('pointerup', onUp);
    canvas.removeEventListener('pointercancel', onUp);
    canvas.removeEventListener('pointerleave', onLeave);
    canvas.removeEventListener('wheel', onWheel);
    canvas.removeEventListener('dblclick', onDouble);
  };
}
