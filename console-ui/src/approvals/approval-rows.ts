/**
 * Which brand sequences the Approvals page lists and in what order: by default
 * those of the live show and the show open for editing (all shows when neither
 * is set, or when asked), the ones still waiting for a yes first.
 */
import type { ApprovalView } from '@crowdcue/protocol';

export type { ApprovalView };
export type ApprovalScope = 'current' | 'all';

export interface CurrentShows {
  live: string | null;
  open: string | null;
}

export function approvalRows(list: readonly ApprovalView[], current: CurrentShows, scope: ApprovalScope): ApprovalView[] {
  const wanted = new Set([current.live, current.open].filter((s): s is string => !!s));
  const shown = scope === 'all' || wanted.size === 0 ? [...list] : list.filter((v) => wanted.has(v.show));
  const rank = (v: ApprovalView) => (v.sequence.approved ? 2 : v.sequence.schedule ? 0 : 1);
  return shown.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      Number(b.show === current.live) - Number(a.show === current.live) ||
      a.show.localeCompare(b.show) ||
      a.sequence.brand.localeCompare(b.sequence.brand) ||
      a.sequence.name.localeCompare(b.sequence.name),
  );
}

export type ApprovalStatus = 'approved' | 'awaiting' | 'no-slot';

export function approvalStatus(v: ApprovalView): ApprovalStatus {
  return v.sequence.approved ? 'approved' : v.sequence.schedule ? 'awaiting' : 'no-slot';
}

/** "zones 1–4, 7": runs of consecutive zones folded. */
export function zonesText(zones: readonly number[]): string {
  if (zones.length === 0) return 'none';
  const parts: string[] = [];
  let start = zones[0];
  let prev = zones[0];
  for (const z of [...zones.slice(1), Number.NaN]) {
    if (z === prev + 1) {
      prev = z;
      continue;
    }
    parts.push(start === prev ? `${start}` : `${start}–${prev}`);
    start = z;
    prev = z;
  }
  return parts.join(', ');
}

/** The preload in one line: packets, rounds, lead time and whether it fits the slot. */
export function preloadText(preload: ApprovalView['preload']): { text: string; tone: 'ok' | 'warn' | 'bad' | 'none' } {
  if (!preload) return { text: 'no logo to preload', tone: 'none' };
  const base = `${preload.copies} packets, ${preload.rounds} round${preload.rounds === 1 ? '' : 's'}, ${(preload.leadMs / 1000).toFixed(1)} s lead`;
  if (preload.feasible === true) return { text: `${base} · fits`, tone: 'ok' };
  if (preload.feasible === false) return { text: `${base} · ${(preload.shortByMs / 1000).toFixed(1)} s too late`, tone: 'bad' };
  return { text: `${base} · checked when the show runs`, tone: 'warn' };
}
