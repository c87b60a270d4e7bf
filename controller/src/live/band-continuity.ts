/**
 * What the bands remember across a controller restart, kept so a restart is
 * seamless band-side:
 *
 * - **CCB seq.** Bands drop any seq among the last 8 they saw. Seqs are counted
 *   unwrapped (seq = count mod 255 + 1) and handed out only below a reserved
 *   mark that is already on disk; the mark moves a block ahead in the
 *   background when half the block is used (so not every packet costs an
 *   fsync), and at once, blocking, in the rare case the block runs out first. A
 *   restart starts at the mark: ahead of every seq the bands may have seen, and
 *   (the block being well under 255 - 8) never wrapping round onto one they
 *   still remember.
 * - **Band-clock epoch**, on the wall clock: a new planner's band time carries
 *   on from the old one, so SYNC after a restart does not move the bands' clock
 *   and running effects do not jump.
 */
import type { SeqSource } from '../planner/seq-counter';
import type { BandState } from './runtime-file';

/** Seqs reserved per step; at most 1.5 blocks can go unused by a crash, and 1.5 x 96 + 8 < 255. */
export const SEQ_BLOCK = 96;

export interface BandStateSink {
  /** Resolves once `state` is durable. */
  save(state: BandState): Promise<void>;
  /** Returns once `state` is durable (blocking). */
  saveSync(state: BandState): void;
}

export class BandContinuity implements SeqSource {
  readonly epochWallMs: number;
  private issued: number;
  private reserved: number;
  private reserving = false;

  constructor(
    start: BandState | null,
    private readonly sink: BandStateSink,
    wallNow = Date.now(),
  ) {
    this.epochWallMs = start?.epochWallMs ?? wallNow;
    // Anything below the old mark may have been sent: start at it.
    this.issued = start?.seqReserved ?? 0;
    this.reserved = this.issued;
  }

  /** Reserves the first block; call (and wait) before any seq is handed out. */
  async reserveFirst(): Promise<void> {
    const mark = this.issued + SEQ_BLOCK;
    await this.sink.save({ seqReserved: mark, epochWallMs: this.epochWallMs });
    this.reserved = Math.max(this.reserved, mark);
  }

  next(): number {
    if (this.issued >= this.reserved) {
      // The background reservation has not landed in time: wait for the disk here.
      const mark = this.issued + SEQ_BLOCK;
      this.sink.saveSync({ seqReserved: mark, epochWallMs: this.epochWallMs });
      this.reserved = mark;
    } else if (!this.reserving && this.reserved - this.issued <= SEQ_BLOCK / 2) {
      this.reserveAhead();
    }
    const seq = (this.issued % 255) + 1;
    this.issued += 1;
    return seq;
  }

  private reserveAhead(): void {
    this.reserving = true;
    const mark = this.reserved + SEQ_BLOCK;
    void this.sink
      .save({ seqReserved: mark, epochWallMs: this.epochWallMs })
      .then(
        () => {
          this.reserved = Math.max(this.reserved, mark);
        },
        () => undefined, // next() falls back to a blocking save when the block runs out
      )
      .finally(() => {
        this.reserving = false;
      });
  }

  /** The controller-ms epoch for a planner created now (monotonic `monoNow`). */
  epochMs(monoNow: number, wallNow = Date.now()): number {
    return monoNow - (wallNow - this.epochWallMs);
  }

  /** What is durable now: the reserved mark and the epoch. */
  state(): BandState {
    return { seqReserved: this.reserved, epochWallMs: this.epochWallMs };
  }
}
