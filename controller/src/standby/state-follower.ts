/**
 * The backup's end of the standby link: follows the active controller's
 * stream (follow-messages.ts), keeps its own copy of shows and accounts in
 * step in its data directory (written atomically as they arrive) and copies
 * the uploaded logos it lacks (followed-logos.ts), holds the
 * newest live-state record and seq reservation in memory, acknowledges what it
 * has, and calls `onSilent` once when no heartbeat has come for `takeoverMs`.
 *
 * A lost link is reconnected at once; only the heartbeat decides a takeover,
 * so a link that drops and comes back within the limit changes nothing. A
 * backup that has never heard a heartbeat never takes over (it has nothing to
 * continue from).
 */
import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { mkdir, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { BandState, RuntimeFile } from '../live/runtime-file';
import { parseFollowLine, type FollowMessage } from './follow-messages';
import { ProofOfPlayLog } from '../brand/proof-of-play';
import { LogoFetcher } from './followed-logos';
import { ReportCopier } from './followed-reports';
import { Watchdog } from './heartbeat';
import { STANDBY_KEY_HEADER } from './standby-files';

export interface Followed {
  /** The controller followed: its id, fencing epoch and console URL. */
  active: { controllerId: number; epoch: number; url: string | null } | null;
  /** The newest live-state record. */
  state: RuntimeFile | null;
  /** The highest seq reservation heard (records also carry one; the higher wins). */
  band: BandState | null;
}

export interface StateFollowerOptions {
  /** The active controller's base URL, e.g. http://10.0.0.2:4300/ */
  url: string;
  key: string;
  dataDir: string;
  takeoverMs: number;
  onSilent: (silentMs: number, followed: Followed) => void;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** Every message once applied (the warm backup's server; the bench counts them). */
  onMessage?: (m: FollowMessage, bytes: number) => void;
  reconnectMs?: number;
}

export class StateFollower {
  readonly followed: Followed = { active: null, state: null, band: null };
  private readonly watchdog: Watchdog;
  private readonly logos: LogoFetcher;
  /** Opened at the first `reports`: this controller's own proof-of-play log. */
  private reports: { log: ProofOfPlayLog; copier: ReportCopier } | undefined;
  private req: ClientRequest | undefined;
  private stopped = false;
  private writes: Promise<unknown> = Promise.resolve();
  private ackTimer: ReturnType<typeof setTimeout> | undefined;
  private ackedRev = -1;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private connectedOnce = false;
  /** The newest record the active controller announced (heartbeat), and since when (monotonic) this one has lacked it. */
  private announcedRev = -1;
  private behindSinceMono: number | undefined;

  constructor(private readonly o: StateFollowerOptions) {
    this.watchdog = new Watchdog(o.takeoverMs, (silent) => {
      this.stop();
      o.onSilent(silent, this.followed);
    });
    this.logos = new LogoFetcher({ url: o.url, key: o.key, dataDir: o.dataDir, log: (level, message) => this.log(level, message) });
  }

  /** Ms since the last heartbeat (undefined before the first). */
  sinceLastBeat(): number | undefined {
    return this.watchdog.sinceLastBeat();
  }

  /** Whether every record announced has arrived, and for how long not (the Live page of a backup). */
  inStep(monoNow = performance.now()): { inStep: boolean; behindMs: number } {
    if (this.behindSinceMono === undefined) return { inStep: true, behindMs: 0 };
    return { inStep: false, behindMs: Math.max(0, monoNow - this.behindSinceMono) };
  }

  private noteRevs(): void {
    const have = this.followed.state?.rev ?? -1;
    if (have >= this.announcedRev) this.behindSinceMono = undefined;
    else this.behindSinceMono ??= performance.now();
  }

  start(): void {
    this.connect();
  }

  /** Resolves once every file received so far is on disk. */
  filesWritten(): Promise<void> {
    return this.writes.then(() => undefined);
  }

  /** Resolves once every logo listed so far has been copied (or given up on for now). */
  logosCopied(): Promise<void> {
    return this.logos.settled();
  }

  /** Resolves once every proof-of-play row announced so far has been copied (or given up on for now). */
  async reportsCopied(): Promise<void> {
    await this.reports?.copier.settled();
  }

  stop(): void {
    this.stopped = true;
    this.logos.stop();
    if (this.reports) {
      const { log, copier } = this.reports;
      copier.stop();
      void copier.settled().then(() => log.close());
      this.reports = undefined;
    }
    this.watchdog.stop();
    clearTimeout(this.ackTimer);
    clearTimeout(this.retry);
    this.req?.destroy();
  }

  private log(level: 'info' | 'warn' | 'error', message: string): void {
    this.o.log?.(level, message);
  }

  private connect(): void {
    if (this.stopped) return;
    const url = new URL('api/standby/follow', this.o.url);
    const req = request(url, { headers: { [STANDBY_KEY_HEADER]: this.o.key } });
    this.req = req;
    req.on('response', (res) => this.onResponse(res));
    req.on('error', (err) => this.lost(err.message));
    req.end();
  }

  private lost(why: string): void {
    if (this.stopped) return;
    this.req = undefined;
    clearTimeout(this.retry);
    this.retry = setTimeout(() => this.connect(), this.o.reconnectMs ?? 100);
    if (this.connectedOnce) this.log('warn', `standby link to ${this.o.url} lost (${why}); reconnecting`);
  }

  private onResponse(res: IncomingMessage): void {
    if (res.statusCode !== 200) {
      res.resume();
      const why = res.statusCode === 403 ? 'the standby key was refused' : `HTTP ${res.statusCode}`;
      this.log('error', `cannot follow ${this.o.url}: ${why}`);
      return this.lost(why);
    }
    if (!this.connectedOnce) this.log('info', `following ${this.o.url}`);
    this.connectedOnce = true;
    res.setEncoding('utf8');
    let buffered = '';
    res.on('data', (chunk: string) => {
      buffered += chunk;
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (line === '') continue;
        const parsed = parseFollowLine(line);
        if (!parsed.ok) {
          this.log('error', `standby link: ${parsed.error}; reconnecting`);
          res.destroy();
          return;
        }
        this.apply(parsed.message);
        this.o.onMessage?.(parsed.message, line.length + 1);
      }
    });
    res.on('close', () => this.lost('the stream ended'));
    res.on('error', (err) => this.lost(err.message));
  }

  private apply(m: FollowMessage): void {
    const f = this.followed;
    switch (m.t) {
      case 'hello':
        f.active = { controllerId: m.controllerId, epoch: m.epoch, url: m.url };
        return;
      case 'file':
        this.writeFile(m.path, m.content);
        return;
      case 'logos':
        this.logos.listed(m.files);
        return;
      case 'reports':
        this.copyReports(m.newest);
        return;
      case 'state':
        if (!f.state || m.state.rev >= f.state.rev) f.state = m.state;
        if (m.state.band) this.band(m.state.band);
        this.ackSoon(m.state.rev);
        this.noteRevs();
        return;
      case 'band':
        this.band(m.band);
        return;
      case 'beat':
        this.watchdog.beat();
        this.announcedRev = Math.max(this.announcedRev, m.rev);
        this.noteRevs();
        return;
    }
  }

  private copyReports(newest: number): void {
    if (this.stopped) return;
    if (!this.reports) {
      const log = new ProofOfPlayLog(this.o.dataDir);
      this.reports = { log, copier: new ReportCopier({ url: this.o.url, key: this.o.key, log, warn: (message) => this.log('warn', message) }) };
    }
    this.reports.copier.newest(newest);
  }

  private band(b: BandState): void {
    const f = this.followed;
    if (!f.band || b.seqReserved > f.band.seqReserved) f.band = b;
  }

  private writeFile(path: string, content: string | null): void {
    const full = join(this.o.dataDir, path);
    this.writes = this.writes
      .then(async () => {
        if (content === null) await unlink(full).catch(() => undefined);
        else {
          await mkdir(dirname(full), { recursive: true });
          await writeFileAtomic(full, content, { fsync: true, mode: 0o600 });
        }
      })
      .catch((err: unknown) => this.log('error', `could not keep ${path} in step: ${err instanceof Error ? err.message : String(err)}`));
  }

  /** Acknowledgements are gathered for 20 ms: one POST for a burst of records. */
  private ackSoon(rev: number): void {
    this.ackedRev = Math.max(this.ackedRev, rev);
    if (this.ackTimer) return;
    this.ackTimer = setTimeout(() => {
      this.ackTimer = undefined;
      const body = JSON.stringify({ rev: this.ackedRev });
      const req = request(new URL('api/standby/ack', this.o.url), {
        method: 'POST',
        headers: { [STANDBY_KEY_HEADER]: this.o.key, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      });
      req.on('response', (res) => res.resume());
      req.on('error', () => undefined);
      req.end(body);
    }, 20);
  }
}
