/**
 * How a brand's slot, its cost and its scheduling problems are said: in plain
 * words a brand manager reads ("that time has passed", "needs 0.7 s of radio
 * time, loaded onto the bands 2 minutes before your slot"), never a raw figure
 * like "218515678.2 s too soon". The controller's answers and the console's
 * brand editor both say it from here, so the two never drift apart.
 */

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A length of time as a person says it: "0.7 s", "45 s", "2 minutes", "1 minute 30 s", "3 hours 5 minutes". */
export function spokenDuration(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 10) return `${Math.round(s * 10) / 10} s`;
  if (s < 60) return `${Math.round(s)} s`;
  const totalMin = Math.floor(s / 60);
  if (totalMin < 60) {
    const rest = Math.round(s - totalMin * 60);
    return rest === 0 || totalMin >= 10 ? plural(Math.round(s / 60), 'minute') : `${plural(totalMin, 'minute')} ${rest} s`;
  }
  const hours = Math.floor(totalMin / 60);
  const min = totalMin - hours * 60;
  if (hours >= 48) return plural(Math.round(hours / 24), 'day');
  return min === 0 ? plural(hours, 'hour') : `${plural(hours, 'hour')} ${plural(min, 'minute')}`;
}

/** A wall-clock time as "2026-12-04 21:30:05 UTC": the controller answers in UTC, the one zone every reader shares. */
export function spokenClock(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export interface SlotWords {
  kind: 'wallClock' | 'showTime' | 'cue';
  /** Wall-clock ms, show ms, or 0 for a cue slot (it starts when the cue is GOne). */
  fromMs: number;
  untilMs: number;
  /** The cue a cue slot hangs on: its number and label, as the operator knows it. */
  cue?: { id: string; number?: number; label?: string };
}

/** A slot as its start and its length: "starts on cue 4 “Chorus”, lasts 12 s". */
export function slotText(slot: SlotWords): string {
  const lasts = `lasts ${spokenDuration(slot.untilMs - slot.fromMs)}`;
  if (slot.kind === 'wallClock') return `${spokenClock(slot.fromMs)}, ${lasts}`;
  if (slot.kind === 'showTime') return `starts ${spokenDuration(slot.fromMs)} into the show, ${lasts}`;
  const c = slot.cue;
  const name = c ? `${c.number !== undefined ? `cue ${c.number}` : `cue ${c.id}`}${c.label ? ` “${c.label}”` : ''}` : 'its cue';
  return `starts on ${name}, ${lasts}`;
}

/** What a logo costs on air, in a sentence: the radio time its preload takes and how long before the slot it starts. */
export function preloadCostText(radioMs: number, leadMs: number): string {
  return `needs ${spokenDuration(radioMs)} of radio time, loaded onto the bands ${spokenDuration(leadMs)} before your slot`;
}

/**
 * Why a slot is refused for a preload that cannot finish: the slot's start is
 * past, or it is too close for the logo to reach the bands first.
 * `startsInMs` is from now to the slot's start (negative: it has passed).
 */
export function preloadTooLateText(leadMs: number, startsInMs: number): string {
  if (startsInMs <= 0) return 'that time has passed: pick a time later than now';
  return `that is too soon: the logo is loaded onto the bands ${spokenDuration(leadMs)} before the slot, and this slot starts in ${spokenDuration(startsInMs)}; pick a time at least ${spokenDuration(leadMs)} from now`;
}
