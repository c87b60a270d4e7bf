/**
 * The seat map with the logo on it: the crowd shows the logo as the bands
 * would (the controller's preview), and a box over it is the logo's place,
 * dragged to move and by its corner to scale. In zone mode a click on the
 * seats adds or removes that seat's zone from the logo's zones.
 */
import type { LogoPlacement } from '@crowdcue/protocol';
import type { CrowdView as View } from '@crowdcue/simulator/renderer';
import { useCallback, useEffect, useMemo, useRef, useState, type PointerEvent } from 'react';
import { CrowdView } from '../crowd/crowd-view';
import type { ShowCrowd } from '../crowd/show-crowd';
import { coveredBounds, fitScreenMap, logoBox, moveTo, scaleToCorner, type AxisMap, type SeatPoints } from './logo-box';
import { PREVIEW_AT_MS } from './preview-crowd';

export type StageMode = 'move' | 'zones';

interface Props {
  /** The crowd drawn: the preview's (logo on the seats) or the bare venue's while it loads. */
  shown: ShowCrowd;
  seats: SeatPoints;
  placement: LogoPlacement;
  logoUrl: string;
  mode: StageMode;
  ready: boolean;
  onChange: (p: LogoPlacement) => void;
  onPickZone: (zone: number) => void;
}

type Drag = { kind: 'move' | 'scale'; dx: number; dy: number; id: number };

export function LogoStage({ shown, seats, placement, logoUrl, mode, ready, onChange, onPickZone }: Props) {
  const frameRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<View | null>(null);
  const [screen, setScreen] = useState<{ x: AxisMap; y: AxisMap } | null>(null);
  const drag = useRef<Drag | null>(null);

  // The renderer's venue-to-screen map, in the frame's own pixels; again whenever the frame is resized.
  const refit = useCallback(() => {
    const view = viewRef.current;
    const frame = frameRef.current;
    if (!view || !frame) return;
    const r = frame.getBoundingClientRect();
    setScreen(fitScreenMap(seats, (i) => {
      const [x, y] = view.clientPointOf(i);
      return [x - r.left, y - r.top];
    }));
  }, [seats]);
  useEffect(() => {
    const frame = frameRef.current;
    if (!frame) return;
    const ro = new ResizeObserver(() => requestAnimationFrame(refit));
    ro.observe(frame);
    return () => ro.disconnect();
  }, [refit]);
  useEffect(() => {
    requestAnimationFrame(refit);
  }, [shown, refit]);

  const bounds = useMemo(() => coveredBounds(seats, placement.zones), [seats, placement.zones]);
  const box = bounds ? logoBox(bounds, placement) : null;
  const rect =
    box && screen
      ? (() => {
          const xs = [box.cx - box.w / 2, box.cx + box.w / 2].map((v) => v * screen.x.scale + screen.x.offset);
          const ys = [box.cy - box.h / 2, box.cy + box.h / 2].map((v) => v * screen.y.scale + screen.y.offset);
          return { left: Math.min(...xs), top: Math.min(...ys), width: Math.abs(xs[1] - xs[0]), height: Math.abs(ys[1] - ys[0]) };
        })()
      : null;

  const toVenue = (e: PointerEvent): [number, number] | null => {
    const frame = frameRef.current;
    if (!frame || !screen) return null;
    const r = frame.getBoundingClientRect();
    return [(e.clientX - r.left - screen.x.offset) / screen.x.scale, (e.clientY - r.top - screen.y.offset) / screen.y.scale];
  };
  const start = (kind: Drag['kind']) => (e: PointerEvent<HTMLDivElement>) => {
    e.stopPropagation();
    e.preventDefault();
    const v = toVenue(e);
    if (!v || !box) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    // Grab offset: the box moves with the pointer from where it was taken, not from its centre.
    drag.current = { kind, dx: v[0] - box.cx, dy: v[1] - box.cy, id: e.pointerId };
  };
  const move = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d || d.id !== e.pointerId || !bounds) return;
    const v = toVenue(e);
    if (!v) return;
    onChange(d.kind === 'move' ? moveTo(placement, bounds, v[0] - d.dx, v[1] - d.dy) : scaleToCorner(placement, bounds, v[0], v[1]));
  };
  const end = (e: PointerEvent<HTMLDivElement>) => {
    if (drag.current?.id === e.pointerId) drag.current = null;
  };

  return (
    <figure className={`logo-stage mode-${mode}`} data-testid="brand-preview" data-ready={ready ? 'yes' : 'no'}>
      <div className="logo-stage-frame" ref={frameRef}>
        <CrowdView
          crowd={shown.crowd}
          positions={shown.positions}
          seatLabel={shown.seatLabel}
          clock={() => PREVIEW_AT_MS}
          redrawKey={shown}
          interactive={false}
          testId="brand-preview-canvas"
          onView={(v) => {
            viewRef.current = v;
            requestAnimationFrame(refit);
          }}
          onBandClick={(band) => {
            if (mode !== 'zones') return;
            const z = seats.zone[band];
            if (z !== undefined) onPickZone(z);
          }}
          pickRadiusPx={10}
        >
          {rect && (
            <div
              className="logo-box"
              data-testid="brand-logo-box"
              style={{ left: rect.left, top: rect.top, width: rect.width, height: rect.height, transform: `rotate(${placement.rotation}deg)` }}
              onPointerDown={mode === 'move' ? start('move') : undefined}
              onPointerMove={move}
              onPointerUp={end}
              onPointerCancel={end}
              title="Drag to move the logo; drag the corner to scale it"
            >
              <img src={logoUrl} alt="" draggable={false} style={{ objectFit: placement.fit === 'fit' ? 'contain' : 'cover' }} />
            </div>
          )}
          {rect && mode === 'move' && (
            // The corner handle stays inside the map even when the logo runs past its edge, so it can always be taken.
            <div
              className="logo-handle"
              data-testid="brand-logo-handle"
              style={{
                left: Math.max(12, Math.min(rect.left + rect.width, (frameRef.current?.clientWidth ?? Infinity) - 12)),
                top: Math.max(12, Math.min(rect.top + rect.height, (frameRef.current?.clientHeight ?? Infinity) - 12)),
              }}
              onPointerDown={start('scale')}
              onPointerMove={move}
              onPointerUp={end}
              onPointerCancel={end}
            />
          )}
        </CrowdView>
      </div>
      <figcaption className="muted small-text">
        {mode === 'move' ? 'Drag the logo to move it, its corner to scale it. The seats show it as the bands will.' : 'Click the seats of a zone to add it to the logo or take it away.'}
      </figcaption>
    </figure>
  );
}
