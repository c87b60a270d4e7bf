/**
 * Picking seats on the seat map: a box drawn on screen, or a click that takes
 * the whole section. Selections are a Uint8Array (1 = selected), one entry per
 * seat, so a 100,000-seat venue costs 100 kB, not 100,000 objects.
 */
import type { VenueMap } from '@crowdcue/simulator';

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The rectangle spanned by two corners in any order. */
export const rectOf = (ax: number, ay: number, bx: number, by: number): Rect => ({
  left: Math.min(ax, bx),
  right: Math.max(ax, bx),
  top: Math.min(ay, by),
  bottom: Math.max(ay, by),
});

export type SelectMode = 'replace' | 'add' | 'remove';

/** Marks every seat whose on-screen point lies in `rect`. */
export function selectInRect(selected: Uint8Array, pointOf: (i: number) => readonly [number, number], rect: Rect, mode: SelectMode): Uint8Array {
  const out = mode === 'replace' ? new Uint8Array(selected.length) : Uint8Array.from(selected);
  for (let i = 0; i < out.length; i++) {
    const [x, y] = pointOf(i);
    if (x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) out[i] = mode === 'remove' ? 0 : 1;
  }
  return out;
}

/** Selects (or toggles off) the section seat `i` belongs to. */
export function selectSection(selected: Uint8Array, venue: VenueMap, i: number, mode: SelectMode): Uint8Array {
  const out = mode === 'replace' ? new Uint8Array(selected.length) : Uint8Array.from(selected);
  const section = venue.seats[i]?.section;
  if (section === undefined) return out;
  const value = mode === 'remove' ? 0 : 1;
  venue.seats.forEach((s, k) => {
    if (s.section === section) out[k] = value;
  });
  return out;
}

export const countSelected = (selected: Uint8Array): number => {
  let n = 0;
  for (let i = 0; i < selected.length; i++) n += selected[i];
  return n;
};

/** Sections with at least one selected seat, in venue order. */
export function selectedSections(selected: Uint8Array, venue: VenueMap): string[] {
  const out = new Set<string>();
  venue.seats.forEach((s, i) => {
    if (selected[i]) out.add(s.section);
  });
  return [...out];
}
