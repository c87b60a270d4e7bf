/**
 * An approved brand slot still ahead (or playing) in the live show, as the
 * live state carries it to the consoles: when it plays, which zones it takes,
 * and whether it will play, said before its time.
 */
export type BrandSlotWhen =
  | { kind: 'wallClock'; /** epoch ms */ atWall: number }
  | { kind: 'showTime'; /** show ms */ atShowMs: number }
  | { kind: 'cue'; cue: string; /** `cue 12 "Encore"` */ cueName: string };

/**
 * `will-play`: on its way; `waits`: held until the show runs on (paused);
 * `pre-empted`: something above brand slots in the mixer (blackout, a busk,
 * the safety clamp) covers its zones now; `will-not-play`: it cannot play as
 * things stand (the show is stopped); `playing`: under way.
 */
export type BrandSlotOutlook = 'will-play' | 'waits' | 'pre-empted' | 'will-not-play' | 'playing';

export interface UpcomingBrandSlot {
  sequence: string;
  name: string;
  brand: string;
  when: BrandSlotWhen;
  durationMs: number;
  zones: number[];
  outlook: BrandSlotOutlook;
  /** Why it will not play as planned, in the show's words. */
  reason?: string;
}
