/**
 * A backup's own request to the active controller for what does not ride on the follow
 * stream (logos, proof-of-play rows): a GET with the pair's key and a deadline, the whole
 * answer as bytes, anything but 200 an error naming the status.
 */
import { request } from 'node:http';
import { STANDBY_KEY_HEADER } from './standby-files';

const DEADLINE_MS = 30_000;

export function getFromActive(base: string, path: string, key: string, deadlineMs = DEADLINE_MS): Promise<Buffer> {
  return new Promise((done, fail) => {
    const req = request(new URL(path, base), { headers: { [STANDBY_KEY_HEADER]: key }, timeout: deadlineMs });
    req.on('timeout', () => req.destroy(new Error(`no answer in ${deadlineMs / 1000} s`)));
    req.on('error', fail);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', fail);
      res.on('end', () => (res.statusCode === 200 ? done(Buffer.concat(chunks)) : fail(new Error(`HTTP ${res.statusCode} for ${path}`))));
    });
    req.end();
  });
}

/**
 * Copying rounds (logos, proof-of-play rows): one at a time; work announced while a round
 * runs is taken by that round (it looks again before it ends); a round that failed is run
 * again `retryMs` later.
 */
export class CopyRounds {
  private running = false;
  private idle: Promise<void> = Promise.resolve();
  private retry: ReturnType<typeof setTimeout> | undefined;
  private stoppedNow = false;

  constructor(
    private readonly round: () => Promise<'done' | 'failed'>,
    readonly retryMs = 5_000,
  ) {}

  get stopped(): boolean {
    return this.stoppedNow;
  }

  /** There is (maybe) something new to copy. */
  kick(): void {
    clearTimeout(this.retry);
    if (!this.running && !this.stoppedNow) this.idle = this.run();
  }

  /** Resolves once the work announced so far is copied (or given up on for now). */
  settled(): Promise<void> {
    return this.idle;
  }

  stop(): void {
    this.stoppedNow = true;
    clearTimeout(this.retry);
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      if ((await this.round()) === 'failed' && !this.stoppedNow) this.retry = setTimeout(() => this.kick(), this.retryMs);
    } finally {
      this.running = false;
    }
  }
}
