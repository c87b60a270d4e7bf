/**
 * The live runtime's memory on disk: runtime.json as the checkpoint and the
 * command journal written ahead of every acknowledged command, plus the
 * band state (seq block, band-clock epoch). On start-up the newest record wins
 * (the journal's records over an older checkpoint) and the band state is
 * carried on.
 */
import { Subject, type Observable } from 'rxjs';
import { z } from 'zod';
import { BandContinuity } from './band-continuity';
import { CommandJournal } from './command-journal';
import { checkRuntimeRecord, readRuntimeFile, runtimeRecord, writeRuntimeFile, type BandState, type RuntimeFile } from './runtime-file';
import type { SessionSnapshot } from './show-session';
import type { SeqSource } from '../planner/seq-counter';

type JournalRecord = { kind: 'command'; command: string; state: RuntimeFile } | { kind: 'band'; band: BandState };

const BandRecord = z.strictObject({
  kind: z.literal('band'),
  band: z.strictObject({ seqReserved: z.number().int().min(0), epochWallMs: z.number() }),
});

function checkJournalRecord(raw: unknown): JournalRecord | undefined {
  const r = raw as { kind?: unknown; command?: unknown; state?: unknown } | null;
  if (r?.kind === 'band') {
    const parsed = BandRecord.safeParse(raw);
    return parsed.success ? parsed.data : undefined;
  }
  if (r?.kind === 'command' && typeof r.command === 'string') {
    const state = checkRuntimeRecord(r.state);
    return state.ok ? { kind: 'command', command: r.command, state: state.value } : undefined;
  }
  return undefined;
}

/** A record as it is written (a hot-standby backup follows these; see standby/). */
export type DurableWrite = { kind: 'state'; state: RuntimeFile } | { kind: 'band'; band: BandState };

export interface OpenedDurableRuntime {
  durable: DurableRuntime;
  /** The newest live state on disk, if any. */
  record: RuntimeFile | undefined;
  /** Things the operator should hear about (a damaged file recovered, a journal cut short). */
  notes: string[];
}

export class DurableRuntime {
  private rev: number;
  private readonly writes = new Subject<DurableWrite>();
  /** Every record as it goes to disk, before its fsync: a follower hears of a seq block before any seq in it is used. */
  readonly written$: Observable<DurableWrite> = this.writes.asObservable();
  private readonly notify = (w: DurableWrite) => this.writes.next(w);

  private constructor(
    private readonly dataDir: string,
    private readonly journal: CommandJournal<JournalRecord>,
    readonly band: BandContinuity,
    rev: number,
  ) {
    this.rev = rev;
  }

  static async open(dataDir: string): Promise<OpenedDurableRuntime> {
    const notes: string[] = [];
    const file = await readRuntimeFile(dataDir);
    if (!file.ok) notes.push(`runtime state not restored: ${file.error}`);
    else if (file.recovered) notes.push(`runtime state recovered from its backup: ${file.recovered}`);
    const checkpoint = file.ok ? file.record : undefined;

    const { journal, records, problem } = CommandJournal.open(dataDir, checkJournalRecord);
    if (problem) notes.push(problem);

    let record = checkpoint;
    let band = checkpoint?.band ?? null;
    const newerBand = (b: BandState | null) => {
      if (b && (!band || b.seqReserved > band.seqReserved)) band = { seqReserved: b.seqReserved, epochWallMs: band?.epochWallMs ?? b.epochWallMs };
    };
    for (const r of records) {
      if (r.kind === 'band') newerBand(r.band);
      else {
        newerBand(r.state.band);
        if (!record || r.state.rev >= record.rev) record = r.state;
      }
    }
    const rev = Math.max(record?.rev ?? 0, ...records.map((r) => (r.kind === 'command' ? r.state.rev : 0)));
    const written = new Subject<DurableWrite>();
    const durable = new DurableRuntime(
      dataDir,
      journal,
      new BandContinuity(band, {
        save: (b) => {
          written.next({ kind: 'band', band: b });
          return journal.append({ kind: 'band', band: b });
        },
        saveSync: (b) => {
          written.next({ kind: 'band', band: b });
          journal.appendSync({ kind: 'band', band: b });
        },
      }),
      rev,
    );
    written.subscribe(durable.notify);
    await durable.band.reserveFirst();
    return { durable, record, notes };
  }

  /** Planner options that keep seq and band clock across restarts (pass to every ShowSession). */
  plannerOptions(monoNow: number): { epochMs: number; seq: SeqSource } {
    return { epochMs: this.band.epochMs(monoNow), seq: this.band };
  }

  private record(show: string | null, snap: SessionSnapshot | null): RuntimeFile {
    this.rev += 1;
    const state = runtimeRecord(show, snap, { rev: this.rev, band: this.band.state() });
    this.writes.next({ kind: 'state', state });
    return state;
  }

  /** The live state as a record now (not written to disk): what a follower starts from. */
  recordNow(show: string | null, snap: SessionSnapshot | null): RuntimeFile {
    return this.record(show, snap);
  }

  /** Write-ahead: resolves once the state after `command` is on disk; acknowledge only then. */
  recordCommand(command: string, show: string | null, snap: SessionSnapshot | null): Promise<void> {
    return this.journal.append({ kind: 'command', command, state: this.record(show, snap) });
  }

  /** Writes runtime.json and empties the journal when the checkpoint covers all of it. */
  async checkpoint(show: string | null, snap: SessionSnapshot | null): Promise<void> {
    const count = this.journal.appended;
    await writeRuntimeFile(this.dataDir, this.record(show, snap));
    await this.journal.truncateIf(count);
  }

  close(): Promise<void> {
    this.writes.complete();
    return this.journal.close();
  }
}
