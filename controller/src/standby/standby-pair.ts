/**
 * `crowdcue start` as half of a hot-standby pair. Each controller knows the
 * other's URL (`--backup-of URL` on the backup, `--peer URL` on the primary):
 *
 * 1. A controller started with `--backup-of`, or one whose `--peer` answers as
 *    the active controller (a primary coming back after a crash), follows it
 *    (state-follower.ts) and drives nothing.
 * 2. When the heartbeat stops for `takeoverMs`, it takes over (takeover.ts)
 *    and starts as the active controller, with fencing epoch + 1.
 * 3. An active controller told by a transmitter that a newer one holds it
 *    (NACK FENCED) stops and goes back to 1, following its peer.
 *
 * So a returning primary comes back as the backup, and the pair never flaps:
 * only a silence of the active one moves the role, and the fence refuses the
 * older epoch.
 */
import { copyFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { request } from 'node:http';
import type { ControllerServer } from '../server/controller-server';
import type { StandbyServerOptions } from './standby-server';
import { ensureStandbyKey, loadIdentity, readStandbyKey, STANDBY_KEY_FILE, STANDBY_KEY_HEADER } from './standby-files';
import { StateFollower, type Followed } from './state-follower';
import { takeOver } from './takeover';

export interface PairOptions {
  dataDir: string;
  /** Follow this controller (the backup's flag). */
  backupOf?: string;
  /** The other controller of the pair (the primary's flag): followed if it is already active. */
  peer?: string;
  /** The pair's key file; default the data directory's standby.key (created on a primary). */
  keyFile?: string;
  takeoverMs: number;
}

export interface PairIO {
  out: (line: string) => void;
  err: (line: string) => void;
}

type StartActive = (standby: StandbyServerOptions) => Promise<ControllerServer>;

/** Whether `url` answers as an active controller of this pair (within `timeoutMs`). */
export function peerIsActive(url: string, key: string, timeoutMs = 500): Promise<boolean> {
  return new Promise((done) => {
    const req = request(new URL('api/standby/status', url), { headers: { [STANDBY_KEY_HEADER]: key }, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => {
        try {
          done(res.statusCode === 200 && (JSON.parse(body) as { role?: unknown }).role === 'active');
        } catch {
          done(false);
        }
      });
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => done(false));
    req.end();
  });
}

export class StandbyPair {
  private follower: StateFollower | undefined;
  private server: ControllerServer | undefined;
  private stopped = false;
  private key = '';
  /** Resolves when stop() has been called. */
  private stopSignal: () => void = () => undefined;
  private readonly stoppedP = new Promise<void>((r) => (this.stopSignal = r));
  /** Tests and the bench: the running server, or undefined while following. */
  onActive?: (server: ControllerServer) => void;
  onFollowing?: (url: string) => void;

  constructor(
    private readonly o: PairOptions,
    private readonly io: PairIO,
    private readonly startActive: StartActive,
  ) {}

  get active(): ControllerServer | undefined {
    return this.server;
  }

  async run(): Promise<void> {
    const dataDir = resolve(this.o.dataDir);
    if (this.o.keyFile) {
      this.key = await readStandbyKey(this.o.keyFile);
      // Kept here too, so after a takeover this controller's own backup can follow it with the same key.
      if (resolve(this.o.keyFile) !== join(dataDir, STANDBY_KEY_FILE)) await copyFile(this.o.keyFile, join(dataDir, STANDBY_KEY_FILE));
    } else {
      this.key = await ensureStandbyKey(dataDir);
      if (!this.o.backupOf) this.io.out(`standby key: ${join(dataDir, STANDBY_KEY_FILE)} (give it to the backup with --standby-key)`);
    }
    let followUrl = this.o.backupOf;
    while (!this.stopped) {
      if (!followUrl && this.o.peer && (await peerIsActive(this.o.peer, this.key))) {
        this.io.out(`${this.o.peer} is the active controller: starting as its backup`);
        followUrl = this.o.peer;
      }
      if (followUrl) {
        const followed = await this.follow(followUrl);
        if (!followed) return;
        await this.follower?.filesWritten();
        const identity = await takeOver(dataDir, followed, await loadIdentity(dataDir));
        this.io.out(`taking over from ${followUrl} (fencing epoch ${identity.epoch})`);
      }
      const peerUrl = this.o.peer ?? this.o.backupOf ?? null;
      const fenced = await this.runActive(peerUrl);
      if (!fenced) return;
      followUrl = peerUrl ?? undefined;
      if (!followUrl) {
        this.io.err('fenced by a newer controller and no --peer to follow: stopped');
        return;
      }
    }
  }

  private follow(url: string): Promise<Followed | null> {
    this.io.out(`backup of ${url}: following its live state; takes over after ${this.o.takeoverMs} ms without a heartbeat`);
    this.onFollowing?.(url);
    return new Promise((done) => {
      const follower = new StateFollower({
        url,
        key: this.key,
        dataDir: resolve(this.o.dataDir),
        takeoverMs: this.o.takeoverMs,
        log: (level, message) => (level === 'info' ? this.io.out(message) : this.io.err(`${level}: ${message}`)),
        onSilent: (silentMs, followed) => {
          this.io.out(`no heartbeat from ${url} for ${Math.round(silentMs)} ms`);
          done(followed);
        },
      });
      this.follower = follower;
      void this.stoppedP.then(() => {
        follower.stop();
        done(null);
      });
      follower.start();
    });
  }

  /** Runs as the active controller until stopped (false) or fenced (true). */
  private async runActive(peerUrl: string | null): Promise<boolean> {
    const identity = await loadIdentity(resolve(this.o.dataDir));
    let fence: () => void = () => undefined;
    const fencedP = new Promise<true>((r) => (fence = () => r(true)));
    const server = await this.startActive({
      key: this.key,
      identity,
      peerUrl,
      onFenced: (id) => {
        this.io.err(`transmitter ${id}: a newer controller holds it; stepping down to backup`);
        fence();
      },
    });
    this.server = server;
    this.onActive?.(server);
    const fenced = await Promise.race([fencedP, this.stoppedP.then(() => false as const)]);
    this.server = undefined;
    await server.close();
    return fenced;
  }

  /** Stops whatever this controller is doing (following, or active: saves and closes). */
  stop(): void {
    this.stopped = true;
    this.stopSignal();
  }
}
