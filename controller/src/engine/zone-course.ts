/**
 * Comparing and restating a zone's course (a fade from one look to another
 * over a span of monotonic time), for publishing only what really changed.
 */
import type { ZoneLookState } from './engine-types';
import { fadeProgress, lookPartWay, sameLook } from './look-colour';

/** Slack for times that come out of float arithmetic. */
const EPS = 1e-6;

/** An ongoing fade restated from now: from = what it shows now, the rest of the fade still to go. */
export function rebase(s: ZoneLookState, now: number): ZoneLookState {
  if (now <= s.startMs) return s;
  const end = s.startMs + s.fadeMs;
  if (now >= end) return { ...s, fromLook: s.look, startMs: now, fadeMs: 0 };
  return { ...s, fromLook: lookPartWay(s.fromLook, s.look, (now - s.startMs) / s.fadeMs), startMs: now, fadeMs: end - now };
}

/**
 * Whether two statements of a zone describe the same course from `now` on:
 * the same layer and look, and either both settled or the same colour now
 * heading for the same end (a fade and its re-based restatement agree).
 */
export function sameCourse(a: ZoneLookState, b: ZoneLookState, now: number): boolean {
  if (a.source !== b.source || a.cueId !== b.cueId || !sameLook(a.look, b.look)) return false;
  const aEnd = a.startMs + a.fadeMs;
  const bEnd = b.startMs + b.fadeMs;
  if (aEnd <= now && bEnd <= now && a.startMs <= now && b.startMs <= now) return true;
  if (a.startMs > now || b.startMs > now) return a.startMs === b.startMs && a.fadeMs === b.fadeMs && sameLook(a.fromLook, b.fromLook);
  return (
    Math.abs(aEnd - bEnd) < EPS &&
    sameLook(lookPartWay(a.fromLook, a.look, fadeProgress(a.startMs, a.fadeMs, now)), lookPartWay(b.fromLook, b.look, fadeProgress(b.startMs, b.fadeMs, now)))
  );
}
