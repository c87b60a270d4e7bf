/**
 * Test helpers: write expected engine output as (time, text) pairs and turn
 * them into TestScheduler marbles, so cue timing reads as numbers in ms.
 */
import type { Look } from '@crowdcue/protocol';
import type { LooksFrame, ZoneLookState } from './engine-types';

/** Marbles for values at absolute frames (run mode: 1 frame = 1 ms). Same-frame values form a group. */
export function marblesAt(events: ReadonlyArray<readonly [number, string]>): { marbles: string; values: Record<string, string> } {
  const byTime = new Map<number, string[]>();
  for (const [t, v] of events) byTime.set(t, [...(byTime.get(t) ?? []), v]);
  const keys = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  const values: Record<string, string> = {};
  let marbles = '';
  let cursor = 0;
  let k = 0;
  for (const t of [...byTime.keys()].sort((a, b) => a - b)) {
    const vs = byTime.get(t) ?? [];
    if (t < cursor) throw new Error(`marblesAt: value at ${t} overlaps the group before it (ends at ${cursor})`);
    if (t > cursor) marbles += ` ${t - cursor}ms `;
    const ks = vs.map((v) => {
      const key = keys[k++];
      values[key] = v;
      return key;
    });
    marbles += ks.length === 1 ? ks[0] : `(${ks.join('')})`;
    cursor = t + (ks.length === 1 ? 1 : ks.length + 2);
  }
  return { marbles, values };
}

export function lookText(look: Look): string {
  if (look.kind === 'off') return 'off';
  if (look.kind === 'color') return look.color.map((c) => c.toString(16).padStart(2, '0')).join('');
  return `${look.shape}/${look.period}`;
}

/** `source:from>to@start+fade` */
export function zoneText(s: ZoneLookState): string {
  return `${s.source}:${lookText(s.fromLook)}>${lookText(s.look)}@${s.startMs}+${s.fadeMs}`;
}

/** The changed zones of a frame: `0=cue:off>ff0000@0+100 1=...`; a frame with none reads `-`. */
export function frameText(frame: LooksFrame): string {
  if (frame.changed.length === 0) return '-';
  return frame.changed.map((z) => `${z}=${zoneText(frame.zones.find((s) => s.zone === z) as ZoneLookState)}`).join(' ');
}
