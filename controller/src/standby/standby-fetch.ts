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
 * What a backup copies from the active controller (logos, proof-of-play rows), in rounds:
 * one at a time; work announced while a round runs is taken by that round (it looks again
 * before it ends); a round that failed is run again `RETRY_MS` later.
 */
export abstract class CopyRounds {
  static readonly RETRY_MS = 5_000;
  private running = false;
  private idle: Promise<void> = Promise.resolve();
  private retry: ReturnType<typeof setTimeout> | undefined;
  protected stopped = false;

  /** Copies what is announced and not here yet. */
  protected abstract round(): Promise<'done' | 'failed'>;

  /** There is (maybe) something new to copy. */
  protected kick(): void {
    clearTimeout(this.retry);
    if (!this.running && !this.stopped) this.idle = this.run();
  }

  /** Resolves once the work announced so far is copied (or given up on for now). */
  settled(): Promise<void> {
    return this.idle;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retry);
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      if ((await this.round()) === 'failed' && !this.stopped) this.retry = setTimeout(() => this.kick(), CopyRounds.RETRY_MS);
    } finally {
      this.running = false;
    }
  }
}
