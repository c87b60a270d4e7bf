/**
 * The one owner of how a live warning reads: the message in the show's words
 * (what an operator calls things: parade, cue, transmitter, bands), and the
 * technical path behind it as `detail`, which the console shows on demand.
 */
import type { LateCue } from '../planner/late-reports';

export interface WarningWords {
  message: string;
  detail?: string;
}

/** `parade 'Stadium wave' in cue 4 "Wave"`, naming the playback when the show runs more than one. */
export function paradeWords(name: string, cue: string | null, playback: string | null): string {
  if (cue === null) return `parade '${name}' on the show timeline`;
  return `parade '${name}' in ${cue}${playback !== null ? ` of playback '${playback}'` : ''}`;
}

/** `parade 'Stadium wave' in cue 4 went on air 365 ms late` */
export function lateWords(late: LateCue): WarningWords {
  const what = late.purpose === 'busk' ? 'a busk' : late.cue;
  return {
    message: `${what} went on air ${Math.round(late.lateByMs)} ms late`,
    detail:
      `planner late report: '${late.cue}'${late.step !== undefined ? `, step '${late.step}'` : ''} (${late.purpose}); ` +
      `last packet landed ${late.lateByMs.toFixed(1)} ms after its time (controller ${late.atMs.toFixed(0)} ms)`,
  };
}

export function transmitterDownWords(id: string, reason: string): WarningWords {
  return { message: `transmitter '${id}' is off air: the bands it covers get no new cues`, detail: `transmitter ${id} down: ${reason}` };
}

export function transmitterBackWords(id: string): WarningWords {
  return { message: `transmitter '${id}' is back on air` };
}
