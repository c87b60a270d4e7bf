/**
 * Reading OSC arguments the way show-control surfaces send them: a fader is a
 * float 0..1 (TouchOSC) or an integer 0..255 (Companion, QLab), a toggle is
 * 1/0 or T/F, a colour is `#rrggbb` or three numbers. Each reader answers the
 * value or a reason naming the argument and what it should be.
 */
import type { OscArgOutputOrArray } from 'osc-min';

export type OscArg = OscArgOutputOrArray;
export type ArgRead<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): ArgRead<T> => ({ ok: true, value });
const bad = <T>(error: string): ArgRead<T> => ({ ok: false, error });

/** How an argument is written in the docs and in refusals: `i 3`, `f 0.5`, `s "Chorus"`. */
export function describeArg(a: OscArg): string {
  switch (a.type) {
    case 'integer':
      return `i ${a.value}`;
    case 'float':
    case 'double':
      return `f ${a.value}`;
    case 'string':
    case 'symbol':
      return `s ${JSON.stringify(a.value)}`;
    case 'true':
      return 'T';
    case 'false':
      return 'F';
    default:
      return a.type;
  }
}

const isNumber = (a: OscArg): a is Extract<OscArg, { value: number }> => a.type === 'integer' || a.type === 'float' || a.type === 'double';

/** A level 0..255: an integer as it is, a float as a fraction of full (0..1). */
export function readLevel(a: OscArg | undefined, name: string): ArgRead<number> {
  if (!a) return bad(`${name}: missing (i 0..255 or f 0..1)`);
  if (a.type === 'integer') return a.value >= 0 && a.value <= 255 ? ok(a.value) : bad(`${name}: i ${a.value} is outside 0..255`);
  if (a.type === 'float' || a.type === 'double') {
    if (!Number.isFinite(a.value) || a.value < 0 || a.value > 1) return bad(`${name}: f ${a.value} is outside 0..1`);
    return ok(Math.round(a.value * 255));
  }
  return bad(`${name}: ${describeArg(a)} is not a level (i 0..255 or f 0..1)`);
}

/** On or off: T/F, or a number (non-zero is on). */
export function readSwitch(a: OscArg | undefined, name: string): ArgRead<boolean> {
  if (!a) return bad(`${name}: missing (1/0 or T/F)`);
  if (a.type === 'true' || a.type === 'false') return ok(a.value);
  if (isNumber(a) && Number.isFinite(a.value)) return ok(a.value !== 0);
  return bad(`${name}: ${describeArg(a)} is not on/off (1/0 or T/F)`);
}

/** An id (cue, cue list): a string, or an integer taken as its text. */
export function readId(a: OscArg | undefined, name: string): ArgRead<string> {
  if (!a) return bad(`${name}: missing (s id)`);
  if (a.type === 'string' || a.type === 'symbol') return a.value.length > 0 && a.value.length <= 64 ? ok(a.value) : bad(`${name}: must be 1..64 characters`);
  if (a.type === 'integer') return ok(String(a.value));
  return bad(`${name}: ${describeArg(a)} is not an id (s id)`);
}

/**
 * A trigger (GO, BACK, a busk release): no argument, or a button's press. A
 * button sends 1 when pressed and 0 when let go; the release is no command.
 */
export function isRelease(args: readonly OscArg[]): boolean {
  const a = args[0];
  if (!a) return false;
  return (isNumber(a) && a.value === 0) || a.type === 'false';
}

const HEX = /^#[0-9a-fA-F]{6}$/;

/** A colour as the busk command takes it: `#rrggbb`, or three numbers (i 0..255 or f 0..1 each). */
export function readColour(args: readonly OscArg[], from: number, name: string): ArgRead<{ colour: string | [number, number, number]; used: number }> {
  const a = args[from];
  if (!a) return bad(`${name}: missing (s "#rrggbb" or three levels)`);
  if (a.type === 'string') return HEX.test(a.value) ? ok({ colour: a.value, used: 1 }) : bad(`${name}: s ${JSON.stringify(a.value)} is not #rrggbb`);
  const rgb: number[] = [];
  for (const [i, part] of ['red', 'green', 'blue'].entries()) {
    const level = readLevel(args[from + i], `${name} ${part}`);
    if (!level.ok) return bad(level.error);
    rgb.push(level.value);
  }
  return ok({ colour: rgb as [number, number, number], used: 3 });
}
