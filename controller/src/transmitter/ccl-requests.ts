/**
 * Host frames waiting for their answer, by seq. A device answers every host
 * frame with the same seq (spec 1.2), so matching by seq is enough; a frame that
 * gets no answer in time is reported as timed out and its seq is freed.
 */
import type { SchedulerLike, Subscription } from 'rxjs';
import type { CclDeviceMessage } from '@crowdcue/protocol';

interface Waiting {
  answer: (message: CclDeviceMessage, atMs: number) => void;
  timeout: () => void;
  timer: Subscription;
}

export class CclRequests {
  private nextSeq = 0;
  private readonly waiting = new Map<number, Waiting>();

  constructor(private readonly scheduler: SchedulerLike) {}

  get size(): number {
    return this.waiting.size;
  }

  /** Reserve a seq for a frame about to be written; `answer` or `timeout` is called exactly once. */
  open(timeoutMs: number, answer: Waiting['answer'], timeout: () => void): number {
    let seq = this.nextSeq;
    // 256 seqs and a handful outstanding: skipping busy ones always finds one.
    for (let i = 0; i < 256 && this.waiting.has(seq); i++) seq = (seq + 1) & 0xff;
    this.nextSeq = (seq + 1) & 0xff;
    const timer = this.scheduler.schedule(() => {
      if (this.waiting.get(seq)?.timer !== timer) return;
      this.waiting.delete(seq);
      timeout();
    }, timeoutMs);
    this.waiting.set(seq, { answer, timeout, timer });
    return seq;
  }

  /** Deliver a device answer; false when nothing waits for that seq (late or stray). */
  answer(seq: number, message: CclDeviceMessage, atMs: number): boolean {
    const w = this.waiting.get(seq);
    if (!w) return false;
    this.waiting.delete(seq);
    w.timer.unsubscribe();
    w.answer(message, atMs);
    return true;
  }

  /** Forget a seq whose frame was never written. */
  cancel(seq: number): void {
    this.waiting.get(seq)?.timer.unsubscribe();
    this.waiting.delete(seq);
  }

  /** The link is gone: every waiter times out now. */
  failAll(): void {
    const all = [...this.waiting.values()];
    this.waiting.clear();
    for (const w of all) {
      w.timer.unsubscribe();
      w.timeout();
    }
  }
}
