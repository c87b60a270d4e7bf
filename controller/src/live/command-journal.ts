/**
 * The live show's write-ahead journal, `<data>/runtime.journal`: one JSON line
 * per record, appended and fdatasync'd before the command it records is
 * acknowledged, so an operator's `{ ok: true }` survives a kill -9 a moment
 * later. runtime.json is the checkpoint; after a checkpoint that covers every
 * line, the journal is emptied. A line cut short by a crash mid-append is
 * where replay stops (every line before it was synced).
 */
import { closeSync, fdatasync, fdatasyncSync, ftruncate, openSync, readFileSync, write, writeSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const JOURNAL_FILE = 'runtime.journal';

const writeAsync = promisify(write);
const syncAsync = promisify(fdatasync);
const truncateAsync = promisify(ftruncate);

export interface JournalRead<T> {
  records: T[];
  /** Set when the journal ends in a line that does not read (a crash mid-append). */
  problem?: string;
}

export class CommandJournal<T> {
  private readonly fd: number;
  private chain: Promise<unknown> = Promise.resolve();
  private count = 0;
  private closed = false;

  private constructor(
    readonly path: string,
    private readonly check: (raw: unknown) => T | undefined,
  ) {
    this.fd = openSync(path, 'a', 0o600);
  }

  /** Opens the journal for appending and answers what it already holds. */
  static open<T>(dataDir: string, check: (raw: unknown) => T | undefined): { journal: CommandJournal<T> } & JournalRead<T> {
    const path = join(dataDir, JOURNAL_FILE);
    const read = readJournal(path, check);
    const journal = new CommandJournal(path, check);
    journal.count = read.records.length;
    return { journal, ...read };
  }

  /** Records appended since the journal was last emptied (a checkpoint compares it before emptying). */
  get appended(): number {
    return this.count;
  }

  /** Appends a record and resolves once it is on disk (fdatasync). */
  append(record: T): Promise<void> {
    const line = Buffer.from(JSON.stringify(record) + '\n');
    const run = async () => {
      if (this.closed) throw new Error('the journal is closed');
      await writeAsync(this.fd, line);
      await syncAsync(this.fd);
      this.count += 1;
    };
    const next = this.chain.then(run, run);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /**
   * Appends and syncs at once, blocking: for the rare record that must be on
   * disk before the caller's next step and cannot wait (a seq block running out).
   * O_APPEND keeps it whole beside an async append in flight.
   */
  appendSync(record: T): void {
    if (this.closed) throw new Error('the journal is closed');
    writeSync(this.fd, JSON.stringify(record) + '\n');
    fdatasyncSync(this.fd);
    this.count += 1;
  }

  /** Empties the journal if nothing was appended since `count` was read (the checkpoint covers it all). */
  truncateIf(count: number): Promise<boolean> {
    const run = async () => {
      if (this.closed || this.count !== count) return false;
      await truncateAsync(this.fd, 0);
      await syncAsync(this.fd);
      this.count = 0;
      return true;
    };
    const next = this.chain.then(run, run);
    this.chain = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    await this.chain;
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}

export function readJournal<T>(path: string, check: (raw: unknown) => T | undefined): JournalRead<T> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { records: [] };
    return { records: [], problem: `${path}: ${(err as Error).message}` };
  }
  const records: T[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') continue;
    let value: T | undefined;
    try {
      value = check(JSON.parse(line) as unknown);
    } catch {
      value = undefined;
    }
    if (value === undefined) return { records, problem: `${path}: line ${i + 1} does not read; replayed the ${records.length} record(s) before it` };
    records.push(value);
  }
  return { records };
}
