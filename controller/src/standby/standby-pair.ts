/**
 * `crowdcue start` as half of a hot-standby pair. Each controller knows the
 * other's URL (`--backup-of URL` on the backup, `--peer URL` on the primary):
 *
 * 1. A controller started with `--backup-of`, or one whose `--peer` answers as
 *    the active controller (a primary coming back after a crash), follows it
 *    (state-follower.ts) as a WARM backup: once the shows and accounts have
 *    arrived it runs its own server (consoles see how closely it follows), and
 *    keeps the followed show read, checked and compiled; it drives nothing.
 * 2. When the heartbeat stops for `takeoverMs`, it takes over in place
 *    (takeover.ts): the followed record, seq mark and band-clock epoch become
 *    its live state, its fencing epoch becomes the followed one + 1, and the
 *    running server opens the transmitters (fenced HELLO, SYNC) and restores
 *    the show where it is by now. Nothing else is started at that moment.
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
import { firstValueFrom, map, timeout } from 'rxjs';
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

/** A server started by the pair, and a promise that resolves if a transmitter fences it. */
interface Running {
  server: ControllerServer;
  fenced: Promise<true>;
}

export class StandbyPair {
  private follower: StateFollower | undefined;
  private server: ControllerServer | undefined;
  private stopped = false;
  private key = '';
  /** Resolves when stop() has been called. */
  private stopSignal: () => void = () => undefined;
  private readonly stoppedP = new Promise<void>((r) => (this.stopSignal = r));
  /** Tests and the bench: the server once it is the active controller. */
  onActive?: (server: ControllerServer) => void;
  onFollowing?: (url: string) => void;

  constructor(
    private readonly o: PairOptions,
    private readonly io: PairIO,
    private readonly startActive: StartActive,
  ) {}

  get active(): ControllerServer | undefined {
    return this.server?.standby?.role === 'backup' ? undefined : this.server;
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
      const peerUrl = this.o.peer ?? this.o.backupOf ?? null;
      const running = followUrl ? await this.followWarm(followUrl) : await this.start({ peerUrl, identity: await loadIdentity(dataDir) });
      if (!running) return;
      const fenced = await this.activeUntilFenced(running);
      if (!fenced) return;
      followUrl = peerUrl ?? undefined;
      if (!followUrl) {
        this.io.err('fenced by a newer controller and no --peer to follow: stopped');
        return;
      }
    }
  }

  /** Starts this controller's server (active, or a warm backup). */
  private async start(o: Pick<StandbyServerOptions, 'peerUrl' | 'identity' | 'role' | 'following'>): Promise<Running> {
    let fence: () => void = () => undefined;
    const fenced = new Promise<true>((r) => (fence = () => r(true)));
    const server = await this.startActive({
      key: this.key,
      ...o,
      onFenced: (id) => {
        this.io.err(`transmitter ${id}: a newer controller holds it; stepping down to backup`);
        fence();
      },
    });
    this.server = server;
    return { server, fenced };
  }

  /**
   * Follows `url` as a warm backup until its heartbeat stops, then takes over
   * in place. Answers the server, now active (null: stopped meanwhile).
   */
  private async followWarm(url: string): Promise<Running | null> {
    const dataDir = resolve(this.o.dataDir);
    this.io.out(`backup of ${url}: following its live state; takes over after ${this.o.takeoverMs} ms without a heartbeat`);
    this.onFollowing?.(url);
    let firstState: () => void = () => undefined;
    const firstStateP = new Promise<void>((r) => (firstState = r));
    let silent: (v: { silentMs: number; followed: Followed; atMono: number }) => void = () => undefined;
    const silentP = new Promise<{ silentMs: number; followed: Followed; atMono: number }>((r) => (silent = r));
    let warm: Running | undefined = undefined;
    let preparing: Promise<unknown> = Promise.resolve();
    const prepare = (show: string | null) => {
      preparing = preparing
        .then(() => follower.filesWritten())
        .then(() => warm?.server.runtime.prepare(show))
        .catch((err: unknown) => this.io.err(`warn: backup: show '${show}' not ready: ${err instanceof Error ? err.message : String(err)}`));
    };
    const follower = new StateFollower({
      url,
      key: this.key,
      dataDir,
      takeoverMs: this.o.takeoverMs,
      log: (level, message) => (level === 'info' ? this.io.out(message) : this.io.err(`${level}: ${message}`)),
      onSilent: (silentMs, followed) => silent({ silentMs, followed, atMono: performance.now() }),
      onMessage: (m) => {
        if (m.t === 'state') firstState();
        if (!warm) return;
        const runtime = warm.server.runtime;
        const show = follower.followed.state?.show ?? null;
        if (m.t === 'state' && show !== runtime.readyShow) prepare(show);
        else if (m.t === 'file' && show !== null && m.path === `shows/${show}.json`) prepare(show);
        else if (m.t === 'file' && m.path === 'accounts.json') {
          void follower.filesWritten().then(() => warm?.server.accounts.reload());
        }
      },
    });
    this.follower = follower;
    follower.start();
    const stopped = this.stoppedP.then(() => null);
    // The shows and accounts arrive before the first record: with them on disk the server can start.
    if ((await Promise.race([firstStateP.then(() => true), stopped])) === null) return this.quit(follower);
    await follower.filesWritten();
    const own = await loadIdentity(dataDir);
    warm = await this.start({
      peerUrl: url,
      identity: own,
      role: 'backup',
      following: () => ({
        epoch: follower.followed.active?.epoch ?? 0,
        status: { ...follower.inStep(), lastBeatMsAgo: follower.sinceLastBeat() ?? null, show: warm?.server.runtime.readyShow ?? null },
      }),
    });
    prepare(follower.followed.state?.show ?? null);
    await preparing;
    this.io.out(`backup of ${url} is warm: ${warm.server.runtime.readyShow ? `show '${warm.server.runtime.readyShow}' ready` : 'no live show'}, console at ${warm.server.url}`);
    const lost = await Promise.race([silentP, stopped]);
    if (lost === null) return this.quit(follower, warm);
    this.io.out(`no heartbeat from ${url} for ${Math.round(lost.silentMs)} ms`);
    await this.takeOverWarm(url, warm, lost);
    return warm;
  }

  /**
   * The takeover itself, timed from the moment the silence was noticed:
   * writing the followed live state as this controller's own, then the
   * transmitters opened and the show restored, then its first packet on air.
   */
  private async takeOverWarm(url: string, warm: Running, lost: { silentMs: number; followed: Followed; atMono: number }): Promise<void> {
    const dataDir = resolve(this.o.dataDir);
    const runtime = warm.server.runtime;
    await this.follower?.filesWritten();
    const identity = await takeOver(dataDir, lost.followed, await loadIdentity(dataDir));
    const tState = performance.now();
    this.io.out(`taking over from ${url} (fencing epoch ${identity.epoch})`);
    // The first packet is reported once the transmitter has sent it; waited for aside (it holds nothing up).
    const firstPacket = firstValueFrom(runtime.packets$.pipe(map(() => performance.now()), timeout({ first: 5000 }))).catch(() => undefined);
    warm.server.standby?.becomeActive(identity);
    const restored = await runtime.takeOver();
    const tOn = performance.now();
    this.io.out(restored.message);
    const steps = runtime.lastLoad;
    const ms = (v: number) => Math.round(v);
    void firstPacket.then((tFirst) =>
      this.io.out(
        `takeover: silent ${ms(lost.silentMs)} ms, live state written ${ms(tState - lost.atMono)} ms, ` +
          (steps ? `show read ${ms(steps.read)} / check ${ms(steps.check)} / build ${ms(steps.build)} / transmitters open ${ms(steps.open)} / restore ${ms(steps.restore)} ms, ` : '') +
          `on air ${ms(tOn - lost.atMono)} ms after the silence was noticed` +
          (tFirst !== undefined ? `, first packet reported ${ms(tFirst - lost.atMono)} ms after` : ', no packet reported yet'),
      ),
    );
  }

  private async quit(follower: StateFollower, warm?: Running): Promise<null> {
    follower.stop();
    if (warm) await warm.server.close();
    this.server = undefined;
    return null;
  }

  /** Runs as the active controller until stopped (false) or fenced (true); closes the server either way. */
  private async activeUntilFenced(running: Running): Promise<boolean> {
    this.onActive?.(running.server);
    const fenced = await Promise.race([running.fenced, this.stoppedP.then(() => false as const)]);
    this.server = undefined;
    await running.server.close();
    return fenced;
  }

  /** Stops whatever this controller is doing (following, or active: saves and closes). */
  stop(): void {
    this.stopped = true;
    this.stopSignal();
  }
}
