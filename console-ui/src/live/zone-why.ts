/**
 * Why a zone shows what it shows, in the show's words. The mixer says it
 * (`ZoneState.why`); a server that does not gets the source alone, so the
 * tooltip never lies by omission.
 */
import type { LookSource, ZoneState } from '@crowdcue/protocol';

const SOURCE_WORDS: Record<LookSource, string> = {
  blackout: 'blackout',
  safety: 'the safety clamp',
  busk: 'a busk',
  brand: 'a brand slot',
  desk: 'the desk input',
  cue: 'a cue',
  parade: 'a parade',
};

export function zoneWhyText(zone: number, state: ZoneState | undefined): string {
  if (state?.why) return state.why.startsWith(`zone ${zone}`) ? state.why : `zone ${zone}: ${state.why}`;
  if (!state?.source) return `zone ${zone}: nothing plays here`;
  return `zone ${zone}: ${SOURCE_WORDS[state.source]}`;
}
