/**
 * The simulator's crowd renderer as a React component. The view is mounted
 * once per canvas; a new crowd is swapped in with setCrowd, and the live loop
 * runs while `running`. `clock` is read once per frame (the live page drains
 * its packet feed there, so packets land exactly before the frame that needs them).
 */
import { mountCrowdView, type BandPositions, type CrowdLike, type CrowdView as View, type SeatLabel } from '@crowdcue/simulator/renderer';
import { useEffect, useRef, type PointerEvent as ReactPointerEvent, type ReactNode } from 'react';

export interface CrowdViewProps {
  crowd: CrowdLike | null;
  positions?: BandPositions;
  seatLabel?: (i: number) => SeatLabel | undefined;
  clock?: () => number;
  running?: boolean;
  /** Redraw once now (static views: call after changing colours). */
  redrawKey?: unknown;
  /** A click (not a drag) on a band, or within `pickRadiusPx` of one (fingers are wider than dots). */
  onBandClick?: (band: number, e: ReactPointerEvent<HTMLCanvasElement>) => void;
  pickRadiusPx?: number;
  onView?: (view: View | null) => void;
  interactive?: boolean;
  testId?: string;
  className?: string;
  children?: ReactNode;
  emptyText?: string;
}

/** The band drawn nearest a client point, within `radius` CSS pixels, or -1. */
function nearestBand(view: View, count: number, x: number, y: number, radius: number): number {
  let best = -1;
  let bestD = radius * radius;
  for (let i = 0; i < count; i++) {
    const [px, py] = view.clientPointOf(i);
    const d = (px - x) ** 2 + (py - y) ** 2;
    if (d <= bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

export function CrowdView(props: CrowdViewProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const viewRef = useRef<View | null>(null);
  const clockRef = useRef(props.clock);
  clockRef.current = props.clock;
  const down = useRef<{ x: number; y: number } | null>(null);
  const { crowd, positions, seatLabel, running, redrawKey, onView, interactive } = props;

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !crowd) return;
    let view = viewRef.current;
    if (!view) {
      view = mountCrowdView(canvas, {
        crowd,
        positions,
        seatLabel,
        interactive: interactive ?? true,
        clock: () => (clockRef.current ? clockRef.current() : performance.now()),
      });
      viewRef.current = view;
      onView?.(view);
    } else {
      view.setCrowd(crowd, { positions, seatLabel });
    }
    view.render();
  }, [crowd, positions, seatLabel, interactive, onView]);

  useEffect(() => {
    const view = viewRef.current;
    if (!view || !crowd) return;
    if (running) view.start();
    else {
      view.stop();
      view.render();
    }
  }, [running, crowd]);

  useEffect(() => {
    const view = viewRef.current;
    if (view && !view.running) view.render();
  }, [redrawKey]);

  useEffect(
    () => () => {
      viewRef.current?.destroy();
      viewRef.current = null;
      onView?.(null);
    },
    // Mount once: the view outlives prop changes, which the effects above apply.
    [],
  );

  return (
    <div className={`crowd-view ${props.className ?? ''}`}>
      <canvas
        ref={canvasRef}
        data-testid={props.testId ?? 'crowd-view'}
        onPointerDown={(e) => (down.current = { x: e.clientX, y: e.clientY })}
        onPointerUp={(e) => {
          const d = down.current;
          down.current = null;
          if (!d || !props.onBandClick || !viewRef.current) return;
          // A drag pans the view; only a click picks.
          if (Math.hypot(e.clientX - d.x, e.clientY - d.y) > 5) return;
          const view = viewRef.current;
          let band = view.bandAt(e.clientX, e.clientY);
          if (band < 0 && crowd) band = nearestBand(view, crowd.count, e.clientX, e.clientY, props.pickRadiusPx ?? 16);
          if (band >= 0) props.onBandClick(band, e);
        }}
      />
      {!crowd && <div className="crowd-empty">{props.emptyText ?? 'No venue'}</div>}
      {props.children}
    </div>
  );
}
