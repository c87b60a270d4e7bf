import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CommandJournal, JOURNAL_FILE } from './command-journal';

type Rec = { n: number };
const check = (raw: unknown): Rec | undefined => (typeof (raw as Rec | null)?.n === 'number' ? (raw as Rec) : undefined);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crowdcue-journal-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('CommandJournal', () => {
  it('replays what was appended, stopping at a line cut short', async () => {
    const { journal } = CommandJournal.open<Rec>(dir, check);
    await journal.append({ n: 1 });
    journal.appendSync({ n: 2 });
    await journal.close();
    await appendFile(join(dir, JOURNAL_FILE), '{"n": 3');
    const again = CommandJournal.open<Rec>(dir, check);
    expect(again.records).toEqual([{ n: 1 }, { n: 2 }]);
    expect(again.problem).toMatch(/line 3 does not read/);
    await again.journal.close();
  });

  it('empties only when nothing was appended since the checkpoint began', async () => {
    const { journal } = CommandJournal.open<Rec>(dir, check);
    await journal.append({ n: 1 });
    const seen = journal.appended;
    await journal.append({ n: 2 });
    expect(await journal.truncateIf(seen)).toBe(false);
    expect(await journal.truncateIf(journal.appended)).toBe(true);
    expect(await readFile(join(dir, JOURNAL_FILE), 'utf8')).toBe('');
    await journal.close();
  });
});
