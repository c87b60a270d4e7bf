/**
 * Turns zod issues into short human errors, one per problem, each with the
 * path a user can find in the file: `cueLists[0].cues[3].looks.zone7.fade`.
 */
import type { z } from 'zod';

export interface ShowError {
  /** Where, e.g. `cueLists[0].cues[3].looks.zone7.fade`; empty for the whole file. */
  path: string;
  message: string;
}

type Path = readonly PropertyKey[];
type Issue = z.core.$ZodIssue;

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function formatPath(path: Path): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (typeof seg === 'string' && IDENT.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(String(seg))}]`;
  }
  return out;
}

/** `path: message`, or just the message for the whole file. */
export const showErrorText = (e: ShowError): string => (e.path ? `${e.path}: ${e.message}` : e.message);

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function quote(v: unknown): string {
  return typeof v === 'string' ? `"${v}"` : String(v);
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function bound(issue: { origin: string; inclusive?: boolean }, limit: number | bigint, small: boolean): string {
  const n = Number(limit);
  switch (issue.origin) {
    case 'array':
    case 'set':
      return `must have at ${small ? 'least' : 'most'} ${plural(n, 'item')}`;
    case 'string':
      if (small && n === 1) return 'must not be empty';
      return `must be at ${small ? 'least' : 'most'} ${plural(n, 'character')}`;
    default:
      return `must be ${small ? '>' : '<'}${issue.inclusive === false ? '' : '='} ${n}`;
  }
}

/** Of a union's branches, the one the input was most likely meant for. */
function likelyBranch(branches: Issue[][]): Issue[] | undefined {
  const typed = branches.filter((b) => !b.some((i) => i.code === 'invalid_type' && i.path.length === 0));
  if (typed.length === 0) return undefined;
  return typed.reduce((best, b) => (b.length < best.length ? b : best));
}

function expectedTypes(branches: Issue[][]): string[] {
  const names = new Set<string>();
  for (const b of branches) {
    for (const i of b) {
      if (i.code === 'invalid_type' && i.path.length === 0) names.add(i.expected);
      else if (i.code === 'invalid_format' && i.path.length === 0) names.add(i.format === 'regex' ? 'string' : i.format);
    }
  }
  return [...names];
}

export function formatIssues(issues: readonly Issue[], prefix: Path = []): ShowError[] {
  const out: ShowError[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    const at = formatPath(path);
    switch (issue.code) {
      case 'invalid_type': {
        const input = (issue as { input?: unknown }).input;
        if (input === undefined) out.push({ path: at, message: 'is required' });
        else if (issue.expected === 'int') out.push({ path: at, message: 'must be a whole number' });
        else out.push({ path: at, message: `must be ${issue.expected === 'array' || issue.expected === 'object' ? 'an' : 'a'} ${issue.expected}, not ${typeName(input)}` });
        break;
      }
      case 'too_small':
        out.push({ path: at, message: bound(issue, issue.minimum, true) });
        break;
      case 'too_big':
        out.push({ path: at, message: bound(issue, issue.maximum, false) });
        break;
      case 'invalid_value':
        out.push({
          path: at,
          message: issue.values.length === 1 ? `must be ${quote(issue.values[0])}` : `must be one of ${issue.values.map(quote).join(', ')}`,
        });
        break;
      case 'invalid_format':
        if (issue.format === 'datetime') out.push({ path: at, message: 'must be an ISO date-time with offset, e.g. 2025-06-01T20:30:00Z' });
        else if (issue.message.startsWith('Invalid')) out.push({ path: at, message: `must be a valid ${issue.format}` });
        else out.push({ path: at, message: issue.message });
        break;
      case 'not_multiple_of':
        out.push({ path: at, message: `must be a multiple of ${Number(issue.divisor)}` });
        break;
      case 'unrecognized_keys':
        for (const key of issue.keys) out.push({ path: formatPath([...path, key]), message: 'unknown field' });
        break;
      case 'invalid_key': {
        const inner = formatIssues(issue.issues);
        out.push({ path: at, message: `bad key: ${inner.map((e) => e.message).join('; ') || 'not allowed'}` });
        break;
      }
      case 'invalid_element':
        out.push(...formatIssues(issue.issues, path));
        break;
      case 'invalid_union': {
        const options = (issue as { options?: unknown[] }).options;
        if (issue.errors.length === 0 && options) {
          const input = (issue as { input?: unknown }).input;
          const disc = (issue as { discriminator?: string }).discriminator;
          const given = input && typeof input === 'object' && disc ? (input as Record<string, unknown>)[disc] : undefined;
          const atDisc = path.length && path[path.length - 1] === disc ? at : formatPath(disc ? [...path, disc] : path);
          out.push({ path: atDisc, message: given === undefined ? `is required (one of ${options.map(quote).join(', ')})` : `must be one of ${options.map(quote).join(', ')}` });
          break;
        }
        const branch = likelyBranch(issue.errors);
        if (branch) out.push(...formatIssues(branch, path));
        else {
          const types = expectedTypes(issue.errors);
          out.push({ path: at, message: types.length ? `must be ${types.join(' or ')}` : 'does not match any allowed form' });
        }
        break;
      }
      default:
        out.push({ path: at, message: issue.message });
    }
  }
  return out;
}
