/**
 * State feedback for OSC surfaces (Companion buttons, TouchOSC pages): the
 * live state as OSC messages. Addresses that a control also sends to (master,
 * blackout, a playback's level) carry the value in the form that control
 * sends, so a fader bound to `/crowdcue/master` follows the console. Like the
 * commands, the feedback addresses are one table that the docs are made from.
 */
import type { CueRef, LiveState } from '@crowdcue/protocol';
import type { OscArgInput } from 'osc-min';

export interface OscOut {
  address: string;
  args: OscArgInput[];
}

export interface FeedbackSource {
  state: LiveState;
  /** The incoming timecode as text (`HH:MM:SS:FF`), when the show has a timecode source. */
  timecode: string | null;
}

export interface OscFeedbackAddress {
  address: string;
  args: string;
  what: string;
  values(src: FeedbackSource): OscOut[];
}

const cueText = (c: CueRef | null): string => (c ? `${c.number} ${c.label}`.trim() : '');
const s = (value: string): OscArgInput => ({ type: 'string', value });
const i = (value: number): OscArgInput => ({ type: 'integer', value });
const f = (value: number): OscArgInput => ({ type: 'float', value });
const one = (address: string, ...args: OscArgInput[]): OscOut[] => [{ address, args }];

export const OSC_FEEDBACK: readonly OscFeedbackAddress[] = [
  { address: '/crowdcue/state/show', args: 's id', what: 'the live show ("" when none)', values: ({ state }) => one('/crowdcue/state/show', s(state.show ?? '')) },
  { address: '/crowdcue/state/running', args: 'i 1|0', what: 'the show is running (paused counts as running)', values: ({ state }) => one('/crowdcue/state/running', i(state.running ? 1 : 0)) },
  { address: '/crowdcue/state/current', args: 's "number label"', what: "the first playback's current cue", values: ({ state }) => one('/crowdcue/state/current', s(cueText(state.current))) },
  { address: '/crowdcue/state/next', args: 's "number label"', what: "the first playback's next cue", values: ({ state }) => one('/crowdcue/state/next', s(cueText(state.next))) },
  {
    address: '/crowdcue/state/playback/{cueList}/current',
    args: 's "number label"',
    what: "each playback's current cue",
    values: ({ state }) => state.playbacks.map((p) => ({ address: `/crowdcue/state/playback/${p.cueList}/current`, args: [s(cueText(p.current))] })),
  },
  {
    address: '/crowdcue/state/playback/{cueList}/next',
    args: 's "number label"',
    what: "each playback's next cue",
    values: ({ state }) => state.playbacks.map((p) => ({ address: `/crowdcue/state/playback/${p.cueList}/next`, args: [s(cueText(p.next))] })),
  },
  {
    address: '/crowdcue/playback/{cueList}/level',
    args: 'f 0..1',
    what: "each playback's fader, as a TouchOSC fader sends it",
    values: ({ state }) => state.playbacks.map((p) => ({ address: `/crowdcue/playback/${p.cueList}/level`, args: [f(p.level / 255)] })),
  },
  { address: '/crowdcue/master', args: 'f 0..1', what: 'master, as a fader sends it', values: ({ state }) => one('/crowdcue/master', f(state.master / 255)) },
  { address: '/crowdcue/state/master', args: 'i 0..255', what: 'master as a level', values: ({ state }) => one('/crowdcue/state/master', i(state.master)) },
  { address: '/crowdcue/blackout', args: 'i 1|0', what: 'blackout on or off', values: ({ state }) => one('/crowdcue/blackout', i(state.blackout ? 1 : 0)) },
  {
    address: '/crowdcue/state/timecode',
    args: 's "HH:MM:SS:FF"',
    what: 'the incoming timecode, when the show has a timecode source',
    values: ({ timecode }) => (timecode === null ? [] : one('/crowdcue/state/timecode', s(timecode))),
  },
];

/** Replies to the sender of a message (not only to subscribers). */
export const OSC_REPLIES: ReadonlyArray<{ address: string; args: string; what: string }> = [
  { address: '/crowdcue/ok', args: 's address', what: 'the command was carried out' },
  { address: '/crowdcue/error', args: 's address, s reason', what: 'the message was refused, and why (unknown address, bad argument, no permission, too fast, the show refused it)' },
  { address: '/crowdcue/pong', args: '', what: 'answer to /crowdcue/ping' },
];

/** Every feedback message for this state. */
export function feedbackMessages(src: FeedbackSource): OscOut[] {
  return OSC_FEEDBACK.flatMap((a) => a.values(src));
}

/**
 * Remembers what was last sent and answers only what changed, so a fader
 * that did not move costs nothing on the network.
 */
export class FeedbackDiff {
  private readonly last = new Map<string, string>();

  changed(messages: readonly OscOut[]): OscOut[] {
    const out: OscOut[] = [];
    for (const m of messages) {
      const key = JSON.stringify(m.args);
      if (this.last.get(m.address) === key) continue;
      this.last.set(m.address, key);
      out.push(m);
    }
    return out;
  }
}
