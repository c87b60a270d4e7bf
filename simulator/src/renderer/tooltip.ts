/**
 * The small hover card naming a band's seat, zone and colour. Fixed-position,
 * so it works whatever layout the host page gives the canvas.
 */
import type { SeatLabel } from './crowd-like';

export interface BandCard {
  index: number;
  seat?: SeatLabel;
  zone: number;
  rgba: [number, number, number, number];
}

const hex = (v: number) => v.toString(16).padStart(2, '0');

export function colorHex(r: number, g: number, b: number): string {
  return `#${hex(r)}${hex(g)}${hex(b)}`;
}

/** Lines of the card, as text (the DOM card and tests both use this). */
export function cardLines(card: BandCard): string[] {
  const [r, g, b] = card.rgba;
  const seat = card.seat
    ? `Section ${card.seat.section} · Row ${card.seat.row} · Seat ${card.seat.seat}`
    : `Band ${card.index}`;
  return [seat, `Zone ${card.zone}`, `${colorHex(r, g, b)}  rgb(${r}, ${g}, ${b})`];
}

export class Tooltip {
  readonly el: HTMLDivElement;
  private readonly swatch: HTMLSpanElement;
  private readonly lines: HTMLDivElement[];

  constructor(parent: HTMLElement) {
    const doc = parent.ownerDocument;
    this.el = doc.createElement('div');
    this.el.className = 'crowd-view-tooltip';
    Object.assign(this.el.style, {
      position: 'fixed',
      pointerEvents: 'none',
      zIndex: '10',
      display: 'none',
      padding: '6px 8px',
      borderRadius: '6px',
      background: 'rgba(20, 22, 28, 0.92)',
      color: '#e8e8ee',
      font: '12px/1.4 system-ui, sans-serif',
      boxShadow: '0 2px 8px rgba(0,0,0,0.5)',
      whiteSpace: 'nowrap',
    } satisfies Partial<CSSStyleDeclaration>);
    this.lines = [0, 1, 2].map(() => this.el.appendChild(doc.createElement('div')));
    this.swatch = doc.createElement('span');
    Object.assign(this.swatch.style, {
      display: 'inline-block',
      width: '10px',
      height: '10px',
      marginRight: '6px',
      borderRadius: '50%',
      verticalAlign: '-1px',
      border: '1px solid rgba(255,255,255,0.4)',
    } satisfies Partial<CSSStyleDeclaration>);
    parent.appendChild(this.el);
  }

  show(card: BandCard, clientX: number, clientY: number): void {
    const text = cardLines(card);
    this.lines[0].textContent = text[0];
    this.lines[1].textContent = text[1];
    this.lines[2].textContent = text[2];
    this.lines[2].prepend(this.swatch);
    this.swatch.style.background = colorHex(card.rgba[0], card.rgba[1], card.rgba[2]);
    this.el.style.left = `${clientX + 14}px`;
    this.el.style.top = `${clientY + 14}px`;
    this.el.style.display = 'block';
  }

  hide(): void {
    this.el.style.display = 'none';
  }

  destroy(): void {
    this.el.remove();
  }
}
