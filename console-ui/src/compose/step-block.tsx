/**
 * One effect block on the timeline. Drag the middle to move it (also to
 * another track), drag an edge to resize; Shift places it off the grid.
 */
import type { ParadeStep } from '@crowdcue/protocol';
import { useRef, useState, type PointerEvent } from 'react';
import { toHex } from '../ui/colour';
import { dragBlock, dragRow, grabMode, type BlockSpan, type DragMode, type TimelineScale } from './timeline-drag';

interface Props {
  step: ParadeStep;
  row: number;
  rows: number;
  rowPx: number;
  scale: TimelineScale;
  selected: boolean;
  invalid: boolean;
  disabled: boolean;
  onSelect: () => void;
  onCommit: (span: BlockSpan, row: number) => void;
}

interface Drag {
  mode: DragMode;
  x: number;
  y: number;
  moved: boolean;
}

function blockBackground(step: ParadeStep): string {
  if (step.kind === 'RAINBOW') return 'linear-gradient(90deg, #c33, #cc3, #3c3, #3cc, #33c, #c3c)';
  const [a, b] = step.colors;
  if (!a) return '#444';
  if (!b || step.kind === 'COLOR') return toHex(a);
  return `linear-gradient(90deg, ${toHex(a)} 0%, ${toHex(a)} 35%, ${toHex(b)} 100%)`;
}

export function StepBlock({ step, row, rows, rowPx, scale, selected, invalid, disabled, onSelect, onCommit }: Props) {
  const drag = useRef<Drag | null>(null);
  const [ghost, setGhost] = useState<{ span: BlockSpan; row: number } | null>(null);
  const span = ghost?.span ?? { at: step.at, duration: step.duration };
  const shownRow = ghost?.row ?? row;

  const down = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.stopPropagation();
    onSelect();
    if (disabled) return;
    const r = e.currentTarget.getBoundingClientRect();
    drag.current = { mode: grabMode(e.clientX - r.left, r.width), x: e.clientX, y: e.clientY, moved: false };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const move = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d) return;
    const dx = e.clientX - d.x;
    const dy = e.clientY - d.y;
    if (!d.moved && Math.hypot(dx, dy) < 3) return;
    d.moved = true;
    const next = dragBlock({ at: step.at, duration: step.duration }, d.mode, dx, scale, e.shiftKey);
    setGhost({ span: next, row: d.mode === 'move' ? dragRow(row, dy, rowPx, rows) : row });
  };
  const up = () => {
    const d = drag.current;
    drag.current = null;
    if (d?.moved && ghost) onCommit(ghost.span, ghost.row);
    setGhost(null);
  };

  return (
    <div
      className={`step-block ${selected ? 'selected' : ''} ${invalid ? 'invalid' : ''} ${ghost ? 'dragging' : ''}`}
      data-testid={`step-${step.id}`}
      data-at={span.at}
      data-duration={span.duration}
      style={{
        left: span.at * scale.pxPerMs,
        width: Math.max(6, span.duration * scale.pxPerMs),
        top: shownRow * rowPx + 4,
        height: rowPx - 8,
        background: blockBackground(step),
      }}
      onPointerDown={down}
      onPointerMove={move}
      onPointerUp={up}
      onPointerCancel={() => {
        drag.current = null;
        setGhost(null);
      }}
      title={`${step.kind} ${step.id}: ${span.at} ms + ${span.duration} ms`}
    >
      <span className="edge left" />
      <span className="step-label">
        <strong>{step.kind}</strong> {step.id}
      </span>
      <span className="edge right" />
    </div>
  );
}
