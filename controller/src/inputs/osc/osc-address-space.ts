/**
 * The OSC address space: every address the controller answers, what it takes
 * and the live command it becomes. This table is the one place it is written;
 * the docs table (README.md beside this file) is generated from it and a test
 * holds the two together. A command built here is only a proposal: it goes
 * through the same gate as a console's (permission, rate, payload schema) and
 * the live show's own safety (flash-limit clamp on busks, GO lock-out).
 */
import type { LiveCommandName } from '../../live/live-runtime';
import { isRelease, readColour, readId, readLevel, readSwitch, type ArgRead, type OscArg } from './osc-args';

export type OscRequest =
  | { kind: 'command'; name: LiveCommandName; payload: Record<string, unknown> }
  | { kind: 'subscribe'; port?: number }
  | { kind: 'unsubscribe'; port?: number }
  | { kind: 'ping' }
  /** A button's release (0 after a 1): nothing to do, no reply. */
  | { kind: 'ignore' }
  | { kind: 'error'; error: string };

export interface OscAddress {
  /** `{cueList}` and `{zone}` stand for one path segment each. */
  address: string;
  /** The arguments, as the docs give them (`[ ]` = optional). */
  args: string;
  /** What it does, in the show's words. */
  does: string;
  /** The live command it becomes (docs; the gate checks its permission). */
  command?: LiveCommandName;
  read(params: Readonly<Record<string, string>>, args: readonly OscArg[]): OscRequest;
}

export const OSC_ROOT = '/crowdcue';

const error = (e: string): OscRequest => ({ kind: 'error', error: e });
const command = (name: LiveCommandName, payload: Record<string, unknown> = {}): OscRequest => ({ kind: 'command', name, payload });

function then<T>(r: ArgRead<T>, make: (value: T) => OscRequest): OscRequest {
  return r.ok ? make(r.value) : error(r.error);
}

/** A trigger on the first playback, or on the one named by an optional argument. */
function trigger(name: LiveCommandName): OscAddress['read'] {
  return (_p, args) => {
    if (isRelease(args)) return { kind: 'ignore' };
    const a = args[0];
    if (!a || a.type === 'integer' || a.type === 'float' || a.type === 'true') return command(name);
    return then(readId(a, 'cue list'), (cueList) => command(name, { cueList }));
  };
}

/** A trigger on the playback named in the address. */
function playbackTrigger(name: LiveCommandName): OscAddress['read'] {
  return (p, args) => (isRelease(args) ? { kind: 'ignore' } : command(name, { cueList: p.cueList }));
}

function zoneOf(text: string): ArgRead<number> {
  const zone = /^\d{1,2}$/.test(text) ? Number(text) : NaN;
  return zone >= 0 && zone <= 63 ? { ok: true, value: zone } : { ok: false, error: `zone ${JSON.stringify(text)} must be 0..63` };
}

function buskLook(args: readonly OscArg[]): ArgRead<Record<string, unknown>> {
  const first = readColour(args, 0, 'colour');
  if (!first.ok) return first;
  if (args.length <= first.value.used) return { ok: true, value: { kind: 'color', color: first.value.colour } };
  // `s "#a" s "#b" s SHAPE i period`: a band-side effect between two colours.
  const second = readColour(args, 1, 'second colour');
  if (!second.ok) return second;
  const shape = readId(args[2], 'shape');
  if (!shape.ok) return shape;
  const period = args[3];
  if (!period || period.type !== 'integer') return { ok: false, error: 'period: missing (i ms)' };
  return { ok: true, value: { kind: 'effect', shape: shape.value.toUpperCase(), colors: [first.value.colour, second.value.colour], period: period.value } };
}

/** The port feedback goes to: the sender's own, or the one given (i 1024..65535). */
function feedbackPort(args: readonly OscArg[]): ArgRead<number | undefined> {
  const a = args[0];
  if (!a) return { ok: true, value: undefined };
  if (a.type === 'integer' && a.value >= 1024 && a.value <= 65535) return { ok: true, value: a.value };
  return { ok: false, error: 'port: must be i 1024..65535 (absent: the port this message came from)' };
}

export const OSC_ADDRESSES: readonly OscAddress[] = [
  { address: '/crowdcue/go', args: '[s cueList]', does: 'GO the next cue of the first playback, or of the cue list named', command: 'go', read: trigger('go') },
  { address: '/crowdcue/back', args: '[s cueList]', does: 'BACK one cue', command: 'back', read: trigger('back') },
  { address: '/crowdcue/stop', args: '[s cueList]', does: 'STOP one playback; without an argument every playback', command: 'stop', read: trigger('stop') },
  { address: '/crowdcue/pause', args: '[s cueList]', does: 'PAUSE one playback; without an argument every playback', command: 'pause', read: trigger('pause') },
  { address: '/crowdcue/resume', args: '[s cueList]', does: 'RESUME one playback; without an argument every playback', command: 'resume', read: trigger('resume') },
  {
    address: '/crowdcue/goto',
    args: 's cue [s cueList]',
    does: 'GO TO a cue by its id (an integer is taken as its text)',
    command: 'goto',
    read: (_p, args) => then(readId(args[0], 'cue'), (cue) => (args[1] ? then(readId(args[1], 'cue list'), (cueList) => command('goto', { cue, cueList })) : command('goto', { cue }))),
  },
  { address: '/crowdcue/playback/{cueList}/go', args: '', does: 'GO the next cue of this playback', command: 'go', read: playbackTrigger('go') },
  { address: '/crowdcue/playback/{cueList}/back', args: '', does: 'BACK one cue on this playback', command: 'back', read: playbackTrigger('back') },
  { address: '/crowdcue/playback/{cueList}/stop', args: '', does: 'STOP this playback (its zones go to what lies below)', command: 'stop', read: playbackTrigger('stop') },
  { address: '/crowdcue/playback/{cueList}/pause', args: '', does: 'PAUSE this playback', command: 'pause', read: playbackTrigger('pause') },
  { address: '/crowdcue/playback/{cueList}/resume', args: '', does: 'RESUME this playback', command: 'resume', read: playbackTrigger('resume') },
  { address: '/crowdcue/playback/{cueList}/goto', args: 's cue', does: 'GO TO a cue of this playback', command: 'goto', read: (p, args) => then(readId(args[0], 'cue'), (cue) => command('goto', { cue, cueList: p.cueList })) },
  { address: '/crowdcue/playback/{cueList}/level', args: 'i 0..255 | f 0..1', does: "this playback's fader", command: 'level', read: (p, args) => then(readLevel(args[0], 'level'), (level) => command('level', { cueList: p.cueList, level })) },
  { address: '/crowdcue/blackout', args: 'i 1|0 | T|F', does: 'blackout on (1) or off (0): every zone dark, the show plays on underneath', command: 'blackout', read: (_p, args) => then(readSwitch(args[0], 'blackout'), (on) => command('blackout', { on })) },
  { address: '/crowdcue/master', args: 'i 0..255 | f 0..1', does: 'master level (bands scale every colour by it)', command: 'master', read: (_p, args) => then(readLevel(args[0], 'master'), (level) => command('master', { level })) },
  {
    address: '/crowdcue/zone/{zone}/busk',
    args: 's "#rrggbb" | 3 × (i 0..255 | f 0..1) | s "#rrggbb" s "#rrggbb" s SHAPE i periodMs',
    does: 'busk a zone: a colour, or a band-side effect (SQUARE, SINE, RAMP, RAINBOW, SPARKLE) slowed to the show\'s flash limit',
    command: 'busk',
    read: (p, args) => then(zoneOf(p.zone), (zone) => then(buskLook(args), (look) => command('busk', { zones: [zone], look }))),
  },
  { address: '/crowdcue/zone/{zone}/release', args: '', does: "release a zone's busk", command: 'release', read: (p, args) => (isRelease(args) ? { kind: 'ignore' } : then(zoneOf(p.zone), (zone) => command('release', { zones: [zone] }))) },
  { address: '/crowdcue/release', args: '', does: 'release every busk', command: 'release', read: (_p, args) => (isRelease(args) ? { kind: 'ignore' } : command('release')) },
  { address: '/crowdcue/subscribe', args: '[i port]', does: 'send state feedback to this address (at the port given, else the one this came from) for 10 minutes; send again to renew', read: (_p, args) => then(feedbackPort(args), (port) => ({ kind: 'subscribe', ...(port ? { port } : {}) })) },
  { address: '/crowdcue/unsubscribe', args: '[i port]', does: 'stop state feedback', read: (_p, args) => then(feedbackPort(args), (port) => ({ kind: 'unsubscribe', ...(port ? { port } : {}) })) },
  { address: '/crowdcue/ping', args: '', does: 'answers /crowdcue/pong (a link check)', read: () => ({ kind: 'ping' }) },
];

/** OSC address pattern characters: a client may not fire many addresses with one message. */
const PATTERN_CHARS = /[*?[\]{}!,#\s]/;

interface Compiled {
  entry: OscAddress;
  parts: string[];
}
const COMPILED: Compiled[] = OSC_ADDRESSES.map((entry) => ({ entry, parts: entry.address.split('/') }));

/** What an incoming message asks for, or why it is refused. */
export function readOscMessage(address: string, args: readonly OscArg[]): OscRequest {
  if (PATTERN_CHARS.test(address)) return error(`address patterns (* ? [ ] { }) are not accepted: send the exact address, not ${JSON.stringify(address)}`);
  const parts = address.split('/');
  for (const { entry, parts: want } of COMPILED) {
    if (want.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let matched = true;
    for (let i = 0; i < want.length && matched; i++) {
      const w = want[i];
      if (w.startsWith('{') && w.endsWith('}')) {
        if (parts[i].length === 0) matched = false;
        else params[w.slice(1, -1)] = parts[i];
      } else matched = w === parts[i];
    }
    if (matched) return entry.read(params, args);
  }
  return error(`unknown address ${JSON.stringify(address.slice(0, 100))} (see the CrowdCue OSC address space)`);
}
