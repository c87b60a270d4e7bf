/**
 * `crowdcue play FILE|demo [--transmitter URL ...] [--until SECONDS]`: plays
 * a show headless. The show is checked first (schema, parades, flash limit)
 * and refused with every error by path; then the first cue is GOne, follows
 * and the show timeline carry it, and a progress line shows where it is
 * (a live line on a terminal, a plain line every few seconds otherwise).
 * The closing report gives cues fired, packets, airtime per transmitter and
 * lateness.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parseShow, type Show, type TransmitterConfig } from '@crowdcue/protocol';
import { LatenessStats, type LatenessSummary } from '../../engine/lateness-stats';
import { ShowSession, ShowSessionError } from '../../live/show-session';
import { checkShow } from '../../safety/check-show';
import { autoRunEndMs, autoRunSchedule } from '../../show/auto-run-schedule';
import { demoShowInput } from '../../show/demo-show';
import { parseTransmitterUrl, TransmitterUrlError } from '../../transmitter/transmitter-url';
import type { OpenedTransmitter } from '../../transmitter/open-transmitter';
import { RepeatedWarnings } from '../../logging/repeated-warnings';
import type { CliIO, CommandRun } from '../main';
import { playTimecode } from '../../inputs/timecode/play-timecode';
import { parseDeskArg } from '../../inputs/desk/desk-arg';
import { LiveDesk } from '../../inputs/desk/live-desk';
import { openPlayOsc } from '../../inputs/osc/osc-play-input';
import { parseOscPort } from './osc-port-option';

const USAGE = `usage: crowdcue play FILE|demo [--transmitter URL ...] [--until SECONDS] [--timecode SOURCE]
                    [--desk sacn|artnet:U@A] [--osc PORT]

Plays a show headless: GOes its first cue and lets follows and the show
timeline carry it, with a live progress line and a closing report.

  FILE               a show file (JSON); "demo" plays the built-in demo show
  --transmitter URL  where to play (repeatable): virtual, serial:/dev/ttyUSB0,
                     tcp://host:port, xylo+serial:PATH, pixmob+serial:PATH; default: the show's
                     own transmitters, else the built-in virtual transmitter
  --until SECONDS    stop at this show time
  --timecode SOURCE  chase timecode: ltc:FILE.wav, alsa:DEVICE, mtc:PORT or
                     artnet[:PORT] (overrides the show's inputs.timecode)
  --desk P:U@A       take a lighting desk (sacn or artnet, universe U, start address A;
                     ?zones=N&hold=MS&interface=IP&port=N) instead of the show's own
  --osc PORT         take OSC commands on this UDP port on 127.0.0.1 (the show's
                     allow-list, else this machine only)
  --quiet            no progress line, only the report
  -h, --help         this text`;

const fmtTime = (ms: number) => {
  const s = Math.max(0, ms) / 1000;
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${(s % 60).toFixed(1).padStart(4, '0')}`;
};
const fmtMs = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1));

type Loaded = { ok: true; show: Show; name: string } | { ok: false; code: number };

async function loadShow(source: string, io: CliIO): Promise<Loaded> {
  let json: unknown;
  if (source === 'demo') json = demoShowInput();
  else {
    let text: string;
    try {
      text = await readFile(source, 'utf8');
    } catch (err) {
      io.err(`crowdcue play: cannot read ${source}: ${err instanceof Error ? err.message : String(err)}`);
      return { ok: false, code: 1 };
    }
    try {
      json = JSON.parse(text);
    } catch (err) {
      io.err(`crowdcue play: ${source} is not JSON: ${err instanceof Error ? err.message : String(err)}`);
      return { ok: false, code: 1 };
    }
  }
  const parsed = parseShow(json);
  const errors = parsed.ok ? checkShow(parsed.value) : parsed.errors;
  if (!parsed.ok || errors.length > 0) {
    io.err(`crowdcue play: ${source} cannot play (${errors.length} error${errors.length === 1 ? '' : 's'}):`);
    for (const e of errors) io.err(`  ${e.path ? `${e.path}: ` : ''}${e.message}`);
    return { ok: false, code: 1 };
  }
  return { ok: true, show: parsed.value, name: source };
}

function transmitterConfigs(urls: string[], io: CliIO): TransmitterConfig[] | undefined {
  const configs: TransmitterConfig[] = [];
  for (const [i, url] of urls.entries()) {
    try {
      const address = parseTransmitterUrl(url);
      configs.push({ id: address.id ?? (urls.length === 1 && url.split('?')[0] === 'virtual' ? 'virtual' : `tx${i + 1}`), url, coverage: address.zones ?? 'ALL' });
    } catch (err) {
      io.err(`crowdcue play: --transmitter ${url}: ${err instanceof TransmitterUrlError || err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  }
  return configs;
}

/** On-air lateness of timed starts, read from the virtual transmitters' own record (the truth of what went on air). */
function watchVirtualAir(session: ShowSession): { stats: LatenessStats; stop: () => void; devices: number } {
  const stats = new LatenessStats(100_000);
  const offs: Array<() => void> = [];
  for (const tx of session.transmitters.transmitters) {
    const device = (tx as Partial<OpenedTransmitter>).virtualDevice;
    if (!device) continue;
    offs.push(
      device.onAir((t) => {
        if (t.timed && t.errorUs !== undefined) stats.record(t.errorUs / 1000);
      }),
    );
  }
  return { stats, stop: () => offs.forEach((off) => off()), devices: offs.length };
}

function latenessLine(label: string, s: LatenessSummary): string {
  if (s.count === 0) return `${label}: none recorded`;
  return `${label}: p50 ${fmtMs(s.p50Ms)} ms  p99 ${fmtMs(s.p99Ms)} ms  max ${fmtMs(s.maxMs)} ms  (${s.count} ${s.early ? `, ${s.early} early` : ''})`.replace(' )', ')');
}

export const run: CommandRun = async (argv, io) => {
  let values: { transmitter?: string[]; until?: string; quiet?: boolean; help?: boolean; timecode?: string; desk?: string; osc?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        transmitter: { type: 'string', multiple: true },
        until: { type: 'string' },
        timecode: { type: 'string' },
        desk: { type: 'string' },
        quiet: { type: 'boolean' },
        osc: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    io.err(`crowdcue play: ${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  if (positionals.length !== 1) {
    io.err(`crowdcue play: name one show file, or demo\n${USAGE}`);
    return 2;
  }
  let untilMs = Infinity;
  if (values.until !== undefined) {
    const s = Number(values.until);
    if (!Number.isFinite(s) || s <= 0) {
      io.err(`crowdcue play: --until must be a positive number of seconds, got ${JSON.stringify(values.until)}`);
      return 2;
    }
    untilMs = s * 1000;
  }
  const deskArg = values.desk === undefined ? undefined : parseDeskArg(values.desk);
  if (deskArg && !deskArg.ok) {
    io.err(`crowdcue play: ${deskArg.error}`);
    return 2;
  }
  const oscPort = parseOscPort(values.osc);
  if (!oscPort.ok) {
    io.err(`crowdcue play: ${oscPort.error}`);
    return 2;
  }
  const configs = values.transmitter ? transmitterConfigs(values.transmitter, io) : undefined;
  if (values.transmitter && !configs) return 2;

  const loaded = await loadShow(positionals[0], io);
  if (!loaded.ok) return loaded.code;
  const show = loaded.show;

  // A late cue or a garbled device repeats many times a second: one line, then counts.
  const warnings = new RepeatedWarnings((level, message) => io.err(`${level}: ${message}`));
  let session: ShowSession;
  try {
    session = new ShowSession({
      show,
      transmitters: configs,
      log: (level, message) => {
        if (level !== 'info') warnings.note(level, message);
      },
    });
  } catch (err) {
    warnings.close();
    if (err instanceof ShowSessionError) {
      io.err(`crowdcue play: ${err.message}`);
      for (const e of err.errors) io.err(`  ${e.path ? `${e.path}: ` : ''}${e.message}`);
      return 1;
    }
    throw err;
  }

  // Every cue list starts together and runs by itself (its follows), each as its own playback.
  const showEndMs = Math.max(0, ...show.cueLists.map((_, i) => autoRunEndMs(show, autoRunSchedule(show, i))));
  const lengthMs = Math.min(untilMs, showEndMs);
  const cues = show.cueLists.reduce((n, l) => n + l.cues.length, 0);
  const lists = show.cueLists.length > 1 ? ` in ${show.cueLists.length} cue lists` : '';
  io.out(`crowdcue play: "${show.name}" (${loaded.name}), ${show.venue.zones.length} zones, ${cues} cues${lists}, ${show.parades.length} parades, about ${fmtTime(lengthMs)}`);
  io.out(`transmitters: ${session.transmitterConfigs.map((c) => `${c.id} = ${c.url}`).join(', ')}`);

  const air = watchVirtualAir(session);
  let lateCues = 0;
  let worstLate = 0;
  const lateSub = session.planner.late$.subscribe((l) => {
    lateCues++;
    worstLate = Math.max(worstLate, l.lateByMs);
  });
  const playbacks = [...session.playbacks.values()];
  const many = playbacks.length > 1;
  /** Each playback's current cue (and phase), `Songs: cue 3 (fade)` when there are several. */
  const currentCues = (): string =>
    playbacks
      .map((p) => {
        const st = p.engine.state;
        const cue = st.currentCue ? `${session.cueName(st.currentCue.id)}${st.phase ? ` (${st.phase})` : ''}` : '-';
        return many ? `${p.list.name}: ${cue}` : cue;
      })
      .join('; ');

  await session.start();
  // Give the transmitters a moment to answer HELLO, so airtime is planned on their real figures.
  const waitUntil = performance.now() + 3000;
  while (session.transmitters.transmitters.some((t) => !t.capabilities()) && performance.now() < waitUntil) {
    await new Promise((r) => setTimeout(r, 20));
  }
  for (const t of session.transmitters.transmitters) {
    if (!t.capabilities()) io.err(`warning: transmitter ${t.id} has not answered; planning with assumed radio figures`);
  }

  let timecode;
  try {
    timecode = await playTimecode(session, show, values.timecode, (level, message) => (level === 'info' ? io.out(message) : warnings.note(level, message)));
  } catch (err) {
    io.err(`crowdcue play: ${err instanceof Error ? err.message : String(err)}`);
    await session.stop();
    warnings.close();
    return 2;
  }
  const desk = new LiveDesk({ override: deskArg?.desk, warn: (m) => warnings.note('warn', m), log: (_level, m) => io.out(m) });
  await desk.attach(session);
  const osc = oscPort.port === undefined ? undefined : await openPlayOsc(session, oscPort.port, (level, message) => warnings.note(level, message)).catch((err: unknown) => err as Error);
  if (osc instanceof Error) io.err(`crowdcue play: ${osc.message}; playing without OSC`);
  else if (osc) io.out(`OSC: listening on 127.0.0.1:${osc.port}`);

  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
  };
  process.once('SIGINT', onSignal);

  for (const p of playbacks) {
    if (p.list.cues.length === 0 || timecode?.chasing.has(p.id)) continue;
    const r = session.go(p.id);
    if (!r.ok) io.err(`crowdcue play: ${many ? `${p.list.name}: ` : ''}${r.error}`);
  }

  const tty = process.stdout.isTTY === true && !values.quiet;
  const plainEveryMs = 5000;
  let lastPlain = -Infinity;
  const progress = (): string => {
    const pos = session.engine.clock.position();
    const airs = session.transmitters.transmitters.map((t) => `${t.id} ${session.planner.airtimePct(t.id).toFixed(0)}%`).join(' ');
    const sent = session.planner.stats().transmitters.reduce((n, t) => n + t.packets, 0);
    const parades = session.activeParades().length;
    return `${fmtTime(pos)} / ${fmtTime(lengthMs)}  ${timecode ? `${timecode.progress()}  ` : ''}${currentCues()}${parades ? `  parades ${parades}` : ''}  air ${airs}  sent ${sent}  late ${lateCues}`;
  };

  let ended = '';
  let drainUntil = Infinity;
  while (!ended) {
    await new Promise((r) => setTimeout(r, tty ? 200 : 250));
    const pos = session.engine.clock.position();
    const states = playbacks.map((p) => p.engine.state);
    if (interrupted) ended = 'interrupted';
    else if (pos >= untilMs) ended = `stopped at --until ${untilMs / 1000} s`;
    else if (timecode?.ended()) ended = timecode.ended() as string;
    else {
      // Chasing lists wait for timecode; a show where nothing chases ends like one without timecode.
      const idle =
        !(timecode && timecode.chasing.size > 0) &&
        session.activeParades().length === 0 &&
        session.planner.pendingCount() === 0 &&
        states.every((st) => st.status === 'stopped' || (st.phase === 'complete' && st.followAtMs === null)) &&
        pos >= showEndMs;
      if (idle && drainUntil === Infinity) drainUntil = performance.now() + 500;
      if (!idle) drainUntil = Infinity;
      if (performance.now() >= drainUntil) {
        const waiting = states.filter((st) => st.nextCue !== null).map((st) => session.cueName((st.nextCue as { id: string }).id));
        ended = waiting.length > 0 ? `waiting for a GO at ${waiting.join(', ')}: play only follows, so it ends here` : 'end of show';
      }
    }
    if (values.quiet) continue;
    if (tty) process.stdout.write(`\r\x1b[2K${progress()}`);
    else if (performance.now() - lastPlain >= plainEveryMs) {
      lastPlain = performance.now();
      io.out(progress());
    }
  }
  process.removeListener('SIGINT', onSignal);
  if (tty) process.stdout.write(`\r\x1b[2K${progress()}\n`);

  const playedMs = session.engine.clock.position();
  const report = session.report();
  await timecode?.stop();
  air.stop();
  await desk.close();
  lateSub.unsubscribe();
  if (osc && !(osc instanceof Error)) await osc.close();
  await session.stop();
  warnings.close();

  const p = report.planner;
  const byPurpose = Object.entries(p.byPurpose)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  io.out(`played ${fmtTime(playedMs)}: ${ended}`);
  io.out(`cues fired: ${report.cuesFired} of ${cues}; parades started: ${report.paradesStarted}`);
  io.out(`packets: ${p.logicalPackets} (${byPurpose}); on air: ${report.onAir} transmissions`);
  for (const t of p.transmitters) {
    const h = report.transmitters.find((x) => x.id === t.id);
    const caps = h?.capabilities;
    const radio = caps ? `${caps.bitrate} bit/s` : 'radio unknown';
    const nacks = h ? Object.entries(h.nacks).map(([k, v]) => `${k} ${v}`).join(', ') : '';
    io.out(
      `transmitter ${t.id} (${radio}): ${t.packets} SENDs, ${t.transmissions} transmissions, ${(t.airMs / 1000).toFixed(2)} s on air = ${((t.airMs / Math.max(1, playedMs)) * 100).toFixed(1)} % of the show` +
        (h ? `; late sends ${h.lateSends}${nacks ? `; NACKs ${nacks}` : ''}` : ''),
    );
  }
  if (air.devices > 0) io.out(latenessLine('on-air lateness (virtual transmitter, timed starts)', air.stats.summary()));
  io.out(latenessLine('scheduler lateness (deadlines on this host)', report.lateness));
  if (timecode) io.out(timecode.report());
  io.out(`late cues: ${lateCues}${lateCues ? ` (worst ${fmtMs(worstLate)} ms)` : ''}`);
  return interrupted ? 130 : 0;
};
