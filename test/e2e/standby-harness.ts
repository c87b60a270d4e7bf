/**
 * A hot-standby pair over real processes, for the end-to-end test and the
 * bench: a virtual CCL transmitter on TCP with the demo show's crowd behind it
 * (in this process, so its bands can be read), and `crowdcue start` children as
 * primary and backup, each on its own data directory and port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { demoShow } from '../../controller/src/show/demo-show';
import type { Rgb, StandbyStatus } from '@crowdcue/protocol';
import { buildCrowd, venueFromShow, type Crowd } from '@crowdcue/simulator';
import { listenTcp, VirtualTransmitter, type OnAirTransmission, type TcpDeviceListener } from '@crowdcue/simulator/node';
import { io as connect } from 'socket.io-client';
import { freeTcpPort } from '../../controller/src/free-port.test-util';

const BIN = fileURLToPath(new URL('../../controller/bin/crowdcue.js', import.meta.url));
const PASSWORD = /admin login: username admin, password (\S+)/;

export interface Rig {
  device: VirtualTransmitter;
  crowd: Crowd;
  listener: TcpDeviceListener;
  url: string;
  /** Every transmission as it ended, in this process's performance.now(). */
  aired: OnAirTransmission[];
  close(): Promise<void>;
}

/** The transmitter and the demo show's crowd (every seat taken, no drift: two runs see the same bands). */
export async function startRig(): Promise<Rig> {
  const venue = venueFromShow(demoShow().venue);
  const crowd = buildCrowd(venue, { seed: 1, attendance: 1, site: demoShow().site });
  const device = new VirtualTransmitter({ crowd, statusIntervalMs: 1000 });
  const aired: OnAirTransmission[] = [];
  device.onAir((t) => aired.push(t));
  const listener = await listenTcp(device, 0);
  return {
    device,
    crowd,
    listener,
    url: `tcp://127.0.0.1:${listener.port}`,
    aired,
    close: async () => {
      await listener.close();
      device.close();
    },
  };
}

export interface Controller {
  child: ChildProcess;
  dataDir: string;
  url: string;
  out: string[];
  err: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Waits for a line of its output matching `re` (among lines from `from` on, stdout and stderr counted together). */
  line(re: RegExp, timeoutMs?: number, from?: number): Promise<RegExpExecArray>;
  /** How many lines so far: pass to `line` to wait for a new one. */
  mark(): number;
}

export function startController(dataDir: string, port: number, args: string[]): Controller {
  const child = spawn(process.execPath, [BIN, 'start', '--data', dataDir, '--host', '127.0.0.1', '--port', String(port), '--no-build', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out: string[] = [];
  const err: string[] = [];
  const all: string[] = [];
  const waiters = new Set<() => void>();
  const onLine = (into: string[]) => (l: string) => {
    into.push(l);
    all.push(l);
    for (const w of waiters) w();
  };
  createInterface({ input: child.stdout! }).on('line', onLine(out));
  createInterface({ input: child.stderr! }).on('line', onLine(err));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  const line = (re: RegExp, timeoutMs = 90_000, from = 0) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        for (const l of all.slice(from)) {
          const m = re.exec(l);
          if (m) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(m);
            return;
          }
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no line matching ${re} within ${timeoutMs} ms:\n${out.join('\n')}\n${err.join('\n')}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  return { child, dataDir, url: `http://127.0.0.1:${port}/`, out, err, exited, line, mark: () => all.length };
}

export const tempDir = (label: string) => mkdtemp(join(tmpdir(), `crowdcue-standby-${label}-`));
export const removeDir = (dir: string) => rm(dir, { recursive: true, force: true });

/** Work to do when the test is over, last first. */
export type Cleanup = Array<() => Promise<unknown>>;

/** Kills `c` (if still running) when the test is over. */
export function stopLater(c: Controller, cleanup: Cleanup): void {
  cleanup.push(async () => {
    if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL');
    await c.exited;
  });
}

/**
 * A primary on the rig's transmitter (its peer the backup's address) and a
 * backup following it, returned once the backup is warm: its server runs and
 * the followed show is loaded and checked.
 */
export async function startPair(rig: Rig, cleanup: Cleanup): Promise<{ primary: Controller; backup: Controller; pa: number; da: string }> {
  const [pa, pb] = [await freeTcpPort(), await freeTcpPort()];
  const [da, db] = [await tempDir('a'), await tempDir('b')];
  cleanup.push(() => removeDir(da), () => removeDir(db));
  const primary = startController(da, pa, ['--transmitter', rig.url, '--peer', `http://127.0.0.1:${pb}/`]);
  stopLater(primary, cleanup);
  await primary.line(/standby key: /);
  await primary.line(/CrowdCue console: /);
  const backup = startController(db, pb, ['--transmitter', rig.url, '--backup-of', primary.url, '--standby-key', join(da, 'standby.key')]);
  stopLater(backup, cleanup);
  await backup.line(/^following /);
  await backup.line(/is warm: show 'demo' ready/);
  return { primary, backup, pa, da };
}

type Ack = { ok: boolean; error?: string };

/** Logs in to `c` as admin and opens a console socket there (the caller closes it). */
async function adminConsole(c: Controller, password: string) {
  const res = await fetch(`${c.url}api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
  if (res.status !== 200) throw new Error(`login at ${c.url}: HTTP ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const socket = connect(c.url, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false, forceNew: true });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
  } catch (err) {
    socket.close();
    throw err;
  }
  const emit = socket.emit.bind(socket) as (n: string, p: unknown, ack: (r: Ack) => void) => void;
  return { cookie, socket, emit };
}

/** Logs in as admin and GOes the first cue of every playback; answers the show's start on the wall clock. */
export async function goAll(c: Controller): Promise<{ startWallMs: number; cookie: string; password: string }> {
  const password = (await c.line(PASSWORD))[1];
  const { cookie, socket, emit } = await adminConsole(c, password);
  try {
    const state = new Promise<{ positionMs: number; serverTime: number; running: boolean }>((resolve) => {
      socket.on('state', (s: { positionMs: number; serverTime: number; running: boolean }) => s.running && resolve(s));
    });
    await new Promise<void>((resolve) => emit('subscribe', {}, () => resolve()));
    const acks = await Promise.all(
      (demoShow().cueLists ?? []).map((l) => new Promise<{ ok: boolean; error?: string }>((resolve) => emit('go', { cueList: l.id }, resolve))),
    );
    const bad = acks.find((a) => !a.ok);
    if (bad) throw new Error(`GO refused: ${bad.error}`);
    const s = await state;
    return { startWallMs: s.serverTime - s.positionMs, cookie, password };
  } finally {
    socket.close();
  }
}

/**
 * A console on `c` (logged in with `password`): the first live state it is
 * sent, and the answer to a GO sent there (only when `tryGo`: on an active controller it moves the show).
 */
export async function consoleLook(c: Controller, password: string, tryGo = true): Promise<{ state: { standby?: StandbyStatus }; goAck: { ok: boolean; error?: string } | null }> {
  const { socket, emit } = await adminConsole(c, password);
  try {
    // The state with the heartbeat heard (a backup's first state may come before its first beat).
    const state = new Promise<{ standby?: StandbyStatus }>((resolve) => {
      socket.on('state', (s: { standby?: StandbyStatus }) => (s.standby?.role !== 'backup' || s.standby.following?.lastBeatMsAgo !== null) && resolve(s));
    });
    await new Promise<void>((resolve) => emit('subscribe', {}, () => resolve()));
    const goAck = tryGo ? await new Promise<{ ok: boolean; error?: string }>((resolve) => emit('go', {}, resolve)) : null;
    return { state: await state, goAck };
  } finally {
    socket.close();
  }
}

/** The wall clock minus this process's performance.now() (the crowd's time line). */
export const wallOffset = () => Date.now() - performance.now();

/** Every band's colour at a show position, given the show's start on the wall clock. */
export function coloursAt(crowd: Crowd, startWallMs: number, positionMs: number, offset = wallOffset()): Rgb[] {
  const t = startWallMs + positionMs - offset;
  const out: Rgb[] = [];
  for (let i = 0; i < crowd.count; i++) out.push(crowd.colorOf(i, t));
  return out;
}

/** Bands whose colour differs by more than `tolerance` on any channel. */
export function differing(a: Rgb[], b: Rgb[], tolerance = 2): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (Math.max(Math.abs(a[i][0] - b[i][0]), Math.abs(a[i][1] - b[i][1]), Math.abs(a[i][2] - b[i][2])) > tolerance) n++;
  return n;
}

/**
 * New packets the bands would ignore as stale or duplicate: a transmission whose
 * seq is among the last 8 logical packets but with other bytes (a repeat of the
 * same packet is by design and not counted).
 */
export function staleOrDuplicate(aired: readonly OnAirTransmission[]): number {
  const recent: Array<{ seq: number; hex: string }> = [];
  let bad = 0;
  for (const t of aired) {
    if (t.rf.length < 2) continue;
    const seq = t.rf[1];
    const hex = Buffer.from(t.rf).toString('hex');
    const seen = recent.find((r) => r.seq === seq);
    if (seen) {
      if (seen.hex !== hex) bad++;
      continue;
    }
    recent.push({ seq, hex });
    if (recent.length > 8) recent.shift();
  }
  return bad;
}

export async function readJsonFile<T>(path: string): Promise<T> {
  return JSON.parse(await readFile(path, 'utf8')) as T;
}
