/**
 * Hot standby over real processes (`npm run bench -- standby`): a primary and
 * a backup `crowdcue start` on one TCP virtual transmitter with the demo
 * show's crowd in this process. The runs play the demo show without its
 * timeline (a parade at 52.5 s of show time would otherwise land in some
 * runs and not in their reference). Each run GOes to a cue on the active
 * controller and kill -9s it mid-fade (cue "Split", 1 s into its 2 s fade) or
 * mid-parade (cue "Stadium wave", 2 s into the wave); the killed controller is
 * started again and comes back as the backup for the next run. Per run:
 *
 * - takeover: kill to the first transmission the backup put on air (the
 *   backup is warm: its server runs and the show is ready before the kill),
 *   and where that time went, from the backup's own `takeover:` line: the
 *   heartbeat silence it waited for, writing the followed state as its own,
 *   the transmitters' open (fenced HELLO, SYNC) and the show's restore;
 * - band-ms different: 400 bands sampled every 25 ms for 6 s from the GO TO,
 *   against the same span of a run with no failure, scaled to the whole crowd;
 *   both start from all bands off (cue "Out", settled), so the fade starts alike
 *   (colours more than 3 apart on a channel count; sampling is anchored on the
 *   packet that starts the cue's fade or parade reaching the bands, in both);
 * - packets the bands ignored as stale or duplicate (a new packet with a seq
 *   among the last 8): must be 0.
 *
 * Tracking cost: a follower in this process follows the active controller for
 * 10 s of the demo show and counts messages and bytes. Measures only.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { decodeCcb, percentile, type CcbPacket, type Rgb } from '@crowdcue/protocol';
import { demoShowInput } from '../../controller/src/show/demo-show';
import { STANDBY_KEY_FILE } from '../../controller/src/standby/standby-files';
import { readStandbyKey } from '../../controller/src/standby/standby-files';
import { StateFollower } from '../../controller/src/standby/state-follower';
import { io as connect, type Socket } from 'socket.io-client';
import {
  removeDir, startController, startRig, staleOrDuplicate, tempDir, type Controller, type Rig,
} from '../e2e/standby-harness';
import type { BenchResult } from './types';
import { freeTcpPort } from '../../controller/src/free-port.test-util';

const RUNS = Number(process.env.STANDBY_RUNS ?? 20);
/** STANDBY_DUMP=DIR: each run's sampled colours, its reference and what went on air (decoded), as DIR/run-N.json, to see where a run differed. */
const DUMP_DIR = process.env.STANDBY_DUMP;
/** The demo show without its timeline (the rainbow parade at 52.5 s of the show clock, over any cue), so every run and its reference play the measured cue alone. */
const RUN_SHOW = 'standby-bench';
const SAMPLE_BANDS = 400;
const SAMPLE_EVERY_MS = 25;
const SPAN_MS = 6000;
const SETTLE_CUE = 'out';
const SETTLE_MS = 3500;
/**
 * `starts`: the packet that starts what is measured (the fade's COLOR, the wave's
 * EFFECT), on which a run and its reference are lined up: not whatever goes on
 * air first after the GO TO (a SYNC, or a flush of the last fade, tens of ms early).
 */
const KINDS: ReadonlyArray<{ kind: string; cue: string; killAfterMs: number; starts: (p: CcbPacket) => boolean }> = [
  { kind: 'mid-fade', cue: 'split', killAfterMs: 1000, starts: (p) => p.cmd === 'COLOR' && p.fadeMs > 0 },
  { kind: 'mid-parade', cue: 'wave', killAfterMs: 2000, starts: (p) => p.cmd === 'EFFECT' },
];
/** The backup's account of its takeover (standby-pair.ts). */
const TAKEOVER_LINE = /^takeover: silent (\d+) ms, live state written (\d+) ms, .*transmitters open (\d+) \/ restore (\d+) ms, on air (\d+) ms after/;
const PASSWORD = /admin login: username admin, password (\S+)/;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Ack = { ok: boolean; error?: string };

/** Which of the pair answers as active (the higher epoch if both do, for a moment). */
async function activeOf(urls: string[], key: string): Promise<number | undefined> {
  let best: { i: number; epoch: number } | undefined;
  for (let i = 0; i < urls.length; i++) {
    const res = await fetch(`${urls[i]}api/standby/status`, { headers: { 'x-crowdcue-standby-key': key }, signal: AbortSignal.timeout(2000) }).catch(() => null);
    if (res?.status !== 200) continue;
    const s = (await res.json()) as { role: string; epoch: number };
    if (s.role === 'active' && (!best || s.epoch > best.epoch)) best = { i, epoch: s.epoch };
  }
  return best?.i;
}

async function consoleOf(url: string, password: string): Promise<{ socket: Socket; cookie: string; command: (name: string, payload: unknown) => Promise<Ack> }> {
  const res = await fetch(`${url}api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
  if (res.status !== 200) throw new Error(`login at ${url}: HTTP ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const socket = connect(url, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const emit = socket.emit.bind(socket) as (n: string, p: unknown, ack: (r: Ack) => void) => void;
  return {
    socket,
    cookie,
    command: (name, payload) =>
      new Promise((resolve) => {
        const timer = setTimeout(() => resolve({ ok: false, error: `no answer to ${name} within 10 s` }), 10_000);
        emit(name, payload, (a) => {
          clearTimeout(timer);
          resolve(a);
        });
      }),
  };
}

/**
 * Every run (and each reference) starts from the same bands: all off (cue "Out", its 3 s
 * fade done), so a fade into the measured cue starts from the same colours in both.
 */
async function settle(command: (name: string, payload: unknown) => Promise<Ack>): Promise<void> {
  const ack = await command('goto', { cue: SETTLE_CUE });
  if (!ack.ok) throw new Error(`goto ${SETTLE_CUE}: ${ack.error}`);
  await sleep(SETTLE_MS);
}

/** When the first transmission after `from` (an index in rig.aired) that `starts` the measured cue reached the bands, host ms. */
async function firstAirAfter(rig: Rig, from: number, starts: (p: CcbPacket) => boolean): Promise<number> {
  const until = performance.now() + 10_000;
  for (let i = from; ; i++) {
    while (rig.aired.length <= i) {
      if (performance.now() > until) throw new Error('the cue did not go on air within 10 s of the GO TO');
      await sleep(1);
    }
    const p = decodeCcb(rig.aired[i]!.rf);
    if (p.ok && starts(p.value)) return rig.aired[i]!.endHostMs;
  }
}

/**
 * Samples SAMPLE_BANDS bands every SAMPLE_EVERY_MS for SPAN_MS from `anchor`:
 * when the GO TO's first packet reached the bands, so a run and its reference
 * are compared at the same time into the cue (a few ms of command jitter would
 * otherwise show up as colour differences all through a fade).
 */
async function sample(rig: Rig, anchor: Promise<number>): Promise<Rgb[][]> {
  const step = Math.floor(rig.crowd.count / SAMPLE_BANDS);
  const frames: Rgb[][] = [];
  const t0 = await anchor;
  for (let k = 0; k * SAMPLE_EVERY_MS < SPAN_MS; k++) {
    await sleep(Math.max(0, t0 + k * SAMPLE_EVERY_MS - performance.now()));
    const t = t0 + k * SAMPLE_EVERY_MS;
    const f: Rgb[] = [];
    for (let i = 0; i < SAMPLE_BANDS; i++) f.push(rig.crowd.colorOf(i * step, t));
    frames.push(f);
  }
  return frames;
}

/** Band-ms of another colour, scaled to the whole crowd, and the span (ms from the GO TO) where any sampled band differed. */
function bandMsDifferent(a: Rgb[][], b: Rgb[][], crowdCount: number, killAtMs: number): { bandMs: number; beforeKillBandMs: number; fromMs: number; toMs: number } {
  let n = 0;
  let before = 0;
  let from = -1;
  let to = -1;
  for (let k = 0; k < Math.min(a.length, b.length); k++) {
    let here = 0;
    for (let i = 0; i < SAMPLE_BANDS; i++) {
      const x = a[k][i];
      const y = b[k][i];
      if (Math.max(Math.abs(x[0] - y[0]), Math.abs(x[1] - y[1]), Math.abs(x[2] - y[2])) > 3) here++;
    }
    if (here > 0) {
      if (from < 0) from = k * SAMPLE_EVERY_MS;
      to = (k + 1) * SAMPLE_EVERY_MS;
    }
    n += here;
    if (k * SAMPLE_EVERY_MS < killAtMs) before += here;
  }
  const scale = SAMPLE_EVERY_MS * (crowdCount / SAMPLE_BANDS);
  return { bandMs: Math.round(n * scale), beforeKillBandMs: Math.round(before * scale), fromMs: from, toMs: to };
}

function dumpRun(file: string, r: { rig: Rig; airedFrom: number; killedAt: number; got: Rgb[][]; reference: Rgb[][]; takeover: string }): void {
  const anchor = r.rig.aired[r.airedFrom]?.endHostMs ?? 0;
  const air = r.rig.aired.slice(Math.max(0, r.airedFrom - 30)).map((t) => {
    const d = decodeCcb(t.rf);
    return { atMs: Math.round(t.startHostMs - anchor), seq: t.seq, repeat: t.repeatIndex, packet: d.ok ? d.value : `${t.rf.length} bytes, ${d.error.message}` };
  });
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ killedAtMs: Math.round(r.killedAt - anchor), takeover: r.takeover, got: r.got, reference: r.reference, air }));
}

export async function bench(): Promise<BenchResult[]> {
  const rig = await startRig();
  const ports = [await freeTcpPort(), await freeTcpPort()];
  const dirs = [await tempDir('bench-a'), await tempDir('bench-b')];
  const urls = ports.map((p) => `http://127.0.0.1:${p}/`);
  const procs: Controller[] = [];
  const start = (i: number, extra: string[]) => {
    const c = startController(dirs[i], ports[i], ['--transmitter', rig.url, ...extra]);
    procs[i] = c;
    return c;
  };
  try {
    const primary = start(0, ['--peer', urls[1]]);
    const password = (await primary.line(PASSWORD, 300_000))[1];
    await primary.line(/CrowdCue console: /);
    const key = await readStandbyKey(join(dirs[0], STANDBY_KEY_FILE));
    start(1, ['--backup-of', urls[0], '--standby-key', join(dirs[0], STANDBY_KEY_FILE)]);
    await procs[1].line(/is warm: /, 300_000);
    let active = 0;

    // Tracking cost: the demo show from its start, followed from this process for 10 s.
    let c = await consoleOf(urls[active], password);
    await c.command('subscribe', {});
    await c.command('go', {});
    let messages = 0;
    let bytes = 0;
    const follower = new StateFollower({
      url: urls[active], key, dataDir: await tempDir('bench-follow'), takeoverMs: 60_000, onSilent: () => undefined,
      onMessage: (_m, n) => {
        messages++;
        bytes += n;
      },
    });
    follower.start();
    await sleep(2000);
    const [m0, b0] = [messages, bytes];
    await sleep(10_000);
    follower.stop();
    const tracking = { messagesPerS: (messages - m0) / 10, bytesPerS: (bytes - b0) / 10 };

    // References: each kind once with no failure (on whichever controller is active by now).
    const a0 = await activeOf(urls, key);
    if (a0 !== undefined && a0 !== active) {
      active = a0;
      c.socket.close();
      c = await consoleOf(urls[active], password);
    }
    // The runs' show: the demo without its timeline, imported and loaded on the active controller (the backup follows both).
    const imported = await fetch(`${urls[active]}api/shows/import?overwrite=true`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: c.cookie },
      body: JSON.stringify({ ...demoShowInput(), id: RUN_SHOW, name: 'Demo without its timeline', timeline: [] }),
    });
    if (imported.status !== 201) throw new Error(`import ${RUN_SHOW}: HTTP ${imported.status} ${await imported.text()}`);
    const loaded = await c.command('load', { show: RUN_SHOW });
    if (!loaded.ok) throw new Error(`load ${RUN_SHOW}: ${loaded.error}`);
    await sleep(2000);
    const reference = new Map<string, Rgb[][]>();
    for (const k of KINDS) {
      await settle(c.command);
      const from = rig.aired.length;
      const ack = await c.command('goto', { cue: k.cue });
      if (!ack.ok) throw new Error(`goto ${k.cue}: ${ack.error}`);
      reference.set(k.kind, await sample(rig, firstAirAfter(rig, from, k.starts)));
    }
    c.socket.close();

    const rows: Array<Record<string, string | number>> = [];
    let falseTakeovers = 0;
    for (let run = 0; run < RUNS; run++) {
      const k = KINDS[run % KINDS.length];
      const now = await activeOf(urls, key);
      if (now === undefined) throw new Error('neither controller is active');
      if (now !== active) falseTakeovers++;
      active = now;
      const backup = 1 - active;
      // The backup must be following before the kill.
      if (!procs[backup] || procs[backup].child.exitCode !== null || procs[backup].child.signalCode !== null) {
        const returning = start(backup, backup === 0 ? ['--peer', urls[1]] : ['--backup-of', urls[0], '--standby-key', join(dirs[0], STANDBY_KEY_FILE)]);
        await returning.line(/is warm: /, 300_000);
      }
      c = await consoleOf(urls[active], password);
      await settle(c.command);
      const airedFrom = rig.aired.length;
      const ack = await c.command('goto', { cue: k.cue });
      if (!ack.ok) {
        c.socket.close();
        rows.push({ run: run + 1, kind: k.kind, takeoverMs: -1, bandMsDifferent: -1, staleOrDuplicate: -1, note: `goto refused: ${ack.error}` });
        continue;
      }
      const frames = sample(rig, firstAirAfter(rig, airedFrom, k.starts));
      await sleep(k.killAfterMs);
      let attachedAt = Infinity;
      const off = rig.device.onEvent((e) => {
        if (e.kind === 'attached' && attachedAt === Infinity) attachedAt = performance.now();
      });
      const from = procs[backup].mark();
      procs[active].child.kill('SIGKILL');
      const killedAt = performance.now();
      c.socket.close();
      const got = await frames;
      off();
      const steps = await procs[backup].line(TAKEOVER_LINE, 120_000, from);
      const diff = bandMsDifferent(got, reference.get(k.kind)!, rig.crowd.count, k.killAfterMs);
      const firstAir = rig.aired.slice(airedFrom).find((t) => t.startHostMs >= attachedAt);
      rows.push({
        run: run + 1,
        kind: k.kind,
        takeoverMs: firstAir ? Math.round(firstAir.startHostMs - killedAt) : -1,
        bandMsDifferent: diff.bandMs,
        beforeKillBandMs: diff.beforeKillBandMs,
        differentFromMs: diff.fromMs,
        differentToMs: diff.toMs,
        staleOrDuplicate: staleOrDuplicate(rig.aired.slice(Math.max(0, airedFrom - 8))),
        silentMs: Number(steps[1]),
        stateWrittenMs: Number(steps[2]),
        openMs: Number(steps[3]),
        restoreMs: Number(steps[4]),
        decisionToOnAirMs: Number(steps[5]),
      });
      process.stdout.write(`  run ${run + 1}: ${JSON.stringify(rows[rows.length - 1])}\n`);
      if (DUMP_DIR) dumpRun(join(DUMP_DIR, `run-${run + 1}.json`), { rig, airedFrom, killedAt, got, reference: reference.get(k.kind)!, takeover: steps[0] });
      // The killed controller comes back (same command line as before) and follows the new active one.
      await procs[active].exited;
      const returning = start(active, active === 0 ? ['--peer', urls[1]] : ['--backup-of', urls[0], '--standby-key', join(dirs[0], STANDBY_KEY_FILE)]);
      await returning.line(/is warm: /, 300_000);
      active = backup;
      await sleep(1000);
    }
    const take = rows.map((r) => Number(r.takeoverMs)).filter((t) => t >= 0).sort((a, b) => a - b);
    const spread = (what: string, key: string) => {
      const v = rows.map((r) => Number(r[key])).filter((t) => Number.isFinite(t) && t >= 0).sort((a, b) => a - b);
      return { what, n: v.length, p50: percentile(v, 0.5), p99: percentile(v, 0.99), max: v[v.length - 1] ?? -1 };
    };
    const summary: BenchResult = {
      name: 'standby',
      rows: [
        { what: 'takeover ms (kill -9 to the backup on air)', n: take.length, p50: percentile(take, 0.5), p99: percentile(take, 0.99), max: take[take.length - 1] ?? -1 },
        spread('  of it: heartbeat silence waited for, ms', 'silentMs'),
        spread('  of it: followed state written as its own, ms', 'stateWrittenMs'),
        spread('  of it: transmitters open (fenced HELLO, SYNC), ms', 'openMs'),
        spread('  of it: show restored, ms', 'restoreMs'),
        spread('  of it: silence noticed to on air, ms', 'decisionToOnAirMs'),
        ...KINDS.map((k) => {
          const of = rows.filter((r) => r.kind === k.kind);
          const v = of.map((r) => Number(r.bandMsDifferent)).sort((a, b) => a - b);
          const before = of.map((r) => Number(r.beforeKillBandMs)).sort((a, b) => a - b);
          return { what: `band-ms different from the no-failure run, ${k.kind} (of it before the kill: p50 ${percentile(before, 0.5)})`, n: v.length, p50: percentile(v, 0.5), max: v[v.length - 1] ?? -1 };
        }),
        { what: 'stale or duplicate packets, all runs', n: rows.length, total: rows.reduce((s, r) => s + Number(r.staleOrDuplicate), 0) },
        { what: 'tracking cost, demo show', messagesPerS: tracking.messagesPerS, bytesPerS: Math.round(tracking.bytesPerS) },
      ],
      notes: [
        `${RUNS} runs alternating mid-fade and mid-parade; takeover after ${500} ms of heartbeat silence`,
        `takeovers without a kill (the active controller's loop silent for 500 ms on this loaded machine; fenced, it stepped down): ${falseTakeovers}`,
        'warm backup: its server, the show read and checked run before the kill; the takeover writes the followed state, opens the transmitter (fenced HELLO, SYNC) and restores the show',
      ],
    };
    return [summary, { name: 'standby runs', rows }];
  } finally {
    for (const p of procs) if (p && p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await Promise.all(procs.map((p) => p?.exited));
    await rig.close();
    for (const d of dirs) await removeDir(d);
  }
}
