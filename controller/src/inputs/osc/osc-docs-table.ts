/**
 * The OSC address space as markdown, made from the tables the code uses
 * (OSC_ADDRESSES, OSC_FEEDBACK, OSC_REPLIES). README.md beside this file
 * carries it between markers; osc-docs-table.test.ts holds the two together
 * (`UPDATE_DOCS=1 npx vitest run controller/src/inputs/osc/osc-docs-table.test.ts` rewrites it).
 */
import { OSC_ADDRESSES } from './osc-address-space';
import { OSC_FEEDBACK, OSC_REPLIES } from './osc-feedback';

export const TABLE_START = '<!-- osc-address-space:start (generated from osc-address-space.ts and osc-feedback.ts) -->';
export const TABLE_END = '<!-- osc-address-space:end -->';

const cell = (text: string): string => (text === '' ? '–' : text.replace(/\|/g, '\\|'));
const code = (text: string): string => (text === '' ? '–' : `\`${text}\``.replace(/\|/g, '\\|'));

export function oscDocsTable(): string {
  const lines = [
    TABLE_START,
    '',
    '**Commands** (to the controller):',
    '',
    '| address | arguments | does | live command |',
    '|---|---|---|---|',
    ...OSC_ADDRESSES.map((a) => `| \`${a.address}\` | ${code(a.args)} | ${cell(a.does)} | ${a.command ? `\`${a.command}\`` : '–'} |`),
    '',
    '**Replies** (to the sender of each message):',
    '',
    '| address | arguments | means |',
    '|---|---|---|',
    ...OSC_REPLIES.map((r) => `| \`${r.address}\` | ${code(r.args)} | ${cell(r.what)} |`),
    '',
    '**State feedback** (to subscribers, whole on subscribing, then what changes):',
    '',
    '| address | arguments | carries |',
    '|---|---|---|',
    ...OSC_FEEDBACK.map((f) => `| \`${f.address}\` | ${code(f.args)} | ${cell(f.what)} |`),
    '',
    TABLE_END,
  ];
  return lines.join('\n');
}

/** `readme` with its table replaced by the current one. */
export function withDocsTable(readme: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error('README has no OSC address space markers');
  return readme.slice(0, start) + oscDocsTable() + readme.slice(end + TABLE_END.length);
}
