/**
 * Who may change which part of a show file. Saving a show (PUT or import) needs
 * `shows:write`, but some fields reach further than the design:
 *
 * | field                                   | who may change it                                   |
 * |-----------------------------------------|-----------------------------------------------------|
 * | looks, cues, parades, timeline, venue…  | anyone with `shows:write` (designer, admin)         |
 * | `transmitters`                          | `transmitters:configure` (operator, admin)          |
 * | `inputs` (OSC port, allow-list, ...)    | `inputs:configure` (operator, admin)                |
 * | `brandSequences[].approved/approvedBy`  | nobody in a show save: the approvals route only     |
 * | an approved brand sequence's content    | nobody in a show save: the brand routes (withdraws);  |
 * |                                         | a save or import keeps it only field for field equal |
 * | `safety.override`, a higher flash limit | `safety:override` (admin); stamped with the account |
 *
 * The stored show is compared with the incoming one (both parsed, so defaults
 * and colour spellings cannot make an untouched field look changed), and every
 * field the account may not change is listed: the save is refused whole.
 * An account without `shows:write` (an operator) may save a show only to change
 * the fields it configures (`inputs`, `transmitters`); every other field must
 * come back as stored.
 */
import { isDeepStrictEqual } from 'node:util';
import { SAFE_FLASHES_PER_SECOND, showShape, type BrandSequence, type Show } from '@crowdcue/protocol';
import type { PublicAccount } from './account-store';
import { can, type Role } from './roles';

export interface FieldRefusal {
  /** Path in the show file, e.g. `transmitters`, `brandSequences[2].approved`. */
  path: string;
  message: string;
}

/** JSON form, so an absent key and an `undefined` one compare equal. */
const plain = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));
const same = (a: unknown, b: unknown): boolean => isDeepStrictEqual(plain(a), plain(b));

function approval(seq: BrandSequence | undefined): { approved: boolean; approvedBy?: string } {
  return { approved: seq?.approved ?? false, ...(seq?.approvedBy ? { approvedBy: seq.approvedBy } : {}) };
}

function brandRefusals(before: Show | undefined, after: Show): FieldRefusal[] {
  const out: FieldRefusal[] = [];
  const stored = new Map((before?.brandSequences ?? []).map((s) => [s.id, s]));
  after.brandSequences.forEach((seq, i) => {
    const was = stored.get(seq.id);
    if (!same(approval(was), approval(seq))) {
      out.push({
        path: `brandSequences[${i}].approved`,
        message: 'brand approval is given only through the approvals route, by an operator or admin',
      });
    } else if (was?.approved && !same(was, seq)) {
      // An import keeps an approval only for the very sequence approved: each field that differs is named.
      const keys = [...new Set([...Object.keys(was), ...Object.keys(seq)])] as Array<keyof BrandSequence>;
      const changed = keys.filter((k) => !same(was[k], seq[k]));
      for (const k of changed.length > 0 ? changed : [undefined]) {
        out.push({
          path: `brandSequences[${i}]${k === undefined ? '' : `.${String(k)}`}`,
          message: `is part of sequence '${seq.id}', approved by ${was.approvedBy ?? 'an operator'}; change it through the brand routes, which withdraw the approval`,
        });
      }
    }
  });
  return out;
}

function safetyRefusals(role: Role, before: Show | undefined, after: Show): FieldRefusal[] {
  if (can(role, 'safety:override')) return [];
  const out: FieldRefusal[] = [];
  const was = before?.safety;
  // Removing an override only makes the show safer; adding or changing one is the admin's call.
  if (after.safety.override && !same(was?.override, after.safety.override)) {
    out.push({ path: 'safety.override', message: `a ${role} account may not set a safety override (needs safety:override)` });
  }
  const limitBefore = was?.maxFlashesPerSecond ?? SAFE_FLASHES_PER_SECOND;
  const limit = after.safety.maxFlashesPerSecond;
  if (limit > SAFE_FLASHES_PER_SECOND && limit > limitBefore) {
    out.push({
      path: 'safety.maxFlashesPerSecond',
      message: `a ${role} account may not raise the flash limit above ${Math.max(limitBefore, SAFE_FLASHES_PER_SECOND)}/s (needs safety:override)`,
    });
  }
  return out;
}

/** Top-level fields an account without `shows:write` may still save, each under its own permission. */
const CONFIGURED_FIELDS: ReadonlySet<string> = new Set(['inputs', 'transmitters', '$schema']);

function designRefusals(role: Role, before: Show | undefined, after: Show): FieldRefusal[] {
  if (can(role, 'shows:write')) return [];
  const was = (before ?? {}) as Record<string, unknown>;
  const now = after as Record<string, unknown>;
  return Object.keys(showShape)
    .filter((key) => !CONFIGURED_FIELDS.has(key) && !same(was[key], now[key]))
    .map((key) => ({ path: key, message: `a ${role} account may not change ${key} (needs shows:write)` }));
}

/**
 * The fields of `after` that `role` may not change from `before` (undefined
 * for a new show, which is compared with an empty one). Empty: the save may go ahead.
 */
export function refusedShowFields(role: Role, before: Show | undefined, after: Show): FieldRefusal[] {
  const out: FieldRefusal[] = [];
  if (!can(role, 'transmitters:configure') && !same(before?.transmitters ?? [], after.transmitters)) {
    out.push({ path: 'transmitters', message: `a ${role} account may not change transmitters (needs transmitters:configure)` });
  }
  if (!can(role, 'inputs:configure') && !same(before?.inputs, after.inputs)) {
    out.push({ path: 'inputs', message: `a ${role} account may not change inputs (OSC and other show control; needs inputs:configure)` });
  }
  out.push(...designRefusals(role, before, after));
  out.push(...brandRefusals(before, after));
  out.push(...safetyRefusals(role, before, after));
  return out;
}

/**
 * The show as it is stored: a new or changed safety override records the
 * account that saved it, whatever name the file gave.
 */
export function stampShow(account: PublicAccount, before: Show | undefined, after: Show): Show {
  const override = after.safety.override;
  if (!override || same(before?.safety.override, override)) return after;
  return { ...after, safety: { ...after.safety, override: { ...override, approvedBy: account.username } } };
}
