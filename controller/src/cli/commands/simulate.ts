/**
 * `crowdcue simulate`: a virtual CCL transmitter with a crowd behind it, for a
 * controller running elsewhere (rehearsal without hardware). The controller
 * reaches it as `tcp://host:port` or, over a pty pair, as `serial:/dev/pts/N`.
 *
 * Hook for the live page: `startSimulation()` answers a `Simulation` with
 *   - `device`: the VirtualTransmitter (onAir, onEvent, stats, onAirRecord);
 *   - `crowd`, `venue`, `channel` (RF model) and `recipe` (plain JSON a page
 *     rebuilds the same crowd from: the shape of the page's CrowdRecipe);
 *   - `onAir(listener)`: every transmission at its end as `{ rf, endMs, reached }`,
 *     `endMs` on this process's performance.now() (the crowd's time line),
 *     `reached` one byte per band (undefined = every band).
 * `attachPage()` below is the one place that serves HTTP (`--port`).
 */
import { parseArgs } from 'node:util';
import {
  listenTcp,
  openSerialDevice,
  startSimulatePage,
  VirtualTransmitter,
  type DeviceEvent,
  type OnAirTransmission,
  type SerialDevice,
  type TcpDeviceListener,
  venueFromRecipe,
} from '@crowdcue/simulator/node';
import {
  buildCrowd,
  RfChannel,
  type BuildCrowdOptions,
  type Crowd,
  type VenueMap,
} from '@crowdcue/simulator';
import type { CliIO, CommandRun } from '../main';

const USAGE = `usage: crowdcue simulate (--listen tcp://HOST:PORT | --serial PATH) [options]

Runs a virtual CCL transmitter and the crowd it lights, until Ctrl-C.

  --listen URL     accept a controller on tcp://HOST:PORT (port 0 = any free port)
  --serial PATH    be the device on a serial path, e.g. one end of
                   socat -d -d pty,raw,echo=0 pty,raw,echo=0
  --baud N         serial baud rate (default 115200)
  --venue KIND     stadium | arena | field (default stadium)
  --seats N        about this many seats (default: the venue's own size)
  --seed N         crowd seed: attendance, band clocks (default 1)
  --name TEXT      the transmitter's INFO name (default "CrowdCue simulator")
  --port N         serve the live crowd page on this HTTP port (default 8080,
                   or any free port when 8080 is taken; 0 = any free port)
  --no-page        run the transmitter and crowd without the page
  -h, --help       this text`;

export type VenueKindFlag = 'stadium' | 'arena' | 'field';

export interface SimulateOptions {
  listen?: { host: string; port: number };
  serial?: { path: string; baudRate: number };
  venue: VenueKindFlag;
  seats?: number;
  seed: number;
  name: string;
  httpPort?: number;
  /** Run without the live crowd page. */
  noPage?: boolean;
}

/** A transmission as the crowd and the page take it. */
export interface AirDelivery {
  rf: Uint8Array;
  /** performance.now() ms the transmission ended: when bands act on it. */
  endMs: number;
  /** 1 = that band got it (RF model); undefined = every band. */
  reached?: Uint8Array;
  tx: OnAirTransmission;
}

/**
 * How the crowd was built, as plain JSON (the shape of the simulate page's
 * CrowdRecipe): a page rebuilds the very same crowd from it, band for band.
 */
export interface SimulationRecipe {
  /** `seats` for stadium and arena, `people` for a field (each generator's own word). */
  venue: { kind: VenueKindFlag; options: { seats?: number; people?: number; seed?: number } };
  crowd: BuildCrowdOptions;
}

export interface Simulation {
  readonly device: VirtualTransmitter;
  readonly recipe: SimulationRecipe;
  readonly venue: VenueMap;
  readonly crowd: Crowd;
  /** The RF model between the device and the crowd (one transmitter, id `sim`, covering everything). */
  readonly channel: RfChannel;
  /** Where the controller connects, e.g. `tcp://127.0.0.1:7000` or `serial:/dev/pts/4`. */
  readonly address: string;
  onAir(listener: (air: AirDelivery) => void): () => void;
  close(): Promise<void>;
}

type ParseResult = { ok: true; value: SimulateOptions } | { ok: false; error: string } | { ok: 'help' };

export function parseSimulateArgs(argv: string[]): ParseResult {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        listen: { type: 'string' },
        serial: { type: 'string' },
        baud: { type: 'string' },
        venue: { type: 'string' },
        seats: { type: 'string' },
        seed: { type: 'string' },
        name: { type: 'string' },
        port: { type: 'string' },
        'no-page': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
  if (values.help) return { ok: 'help' };
  const int = (flag: string, text: string | undefined, min: number, max: number): number | string | undefined => {
    if (text === undefined) return undefined;
    const n = Number(text);
    if (!/^\d+$/.test(text) || n < min || n > max) return `--${flag} must be an integer ${min}..${max}, got '${text}'`;
    return n;
  };
  if (!values.listen === !values.serial) return { ok: false, error: 'give exactly one of --listen tcp://HOST:PORT or --serial PATH' };
  const opts: SimulateOptions = { venue: 'stadium', seed: 1, name: values.name ?? 'CrowdCue simulator' };
  if (values.listen) {
    const m = /^tcp:\/\/(\[[^\]]+\]|[^:/]+):(\d+)\/?$/.exec(values.listen);
    const port = m ? Number(m[2]) : NaN;
    if (!m || port > 65535) return { ok: false, error: `--listen must look like tcp://127.0.0.1:7000, got '${values.listen}'` };
    opts.listen = { host: m[1].replace(/^\[|\]$/g, ''), port };
  }
  const baud = int('baud', values.baud, 50, 4_000_000);
  if (typeof baud === 'string') return { ok: false, error: baud };
  if (values.serial) opts.serial = { path: values.serial, baudRate: baud ?? 115200 };
  if (values.venue !== undefined) {
    if (values.venue !== 'stadium' && values.venue !== 'arena' && values.venue !== 'field') {
      return { ok: false, error: `--venue must be stadium, arena or field, got '${values.venue}'` };
    }
    opts.venue = values.venue;
  }
  const seats = int('seats', values.seats, 1, 1_000_000);
  if (typeof seats === 'string') return { ok: false, error: seats };
  opts.seats = seats;
  const seed = int('seed', values.seed, 0, 0xffffffff);
  if (typeof seed === 'string') return { ok: false, error: seed };
  if (seed !== undefined) opts.seed = seed;
  const port = int('port', values.port, 0, 65535);
  if (typeof port === 'string') return { ok: false, error: port };
  opts.httpPort = port;
  if (values['no-page']) {
    if (port !== undefined) return { ok: false, error: 'give --port or --no-page, not both' };
    opts.noPage = true;
  }
  return { ok: true, value: opts };
}

/** Starts the device on its link; answers once it is listening (TCP) or trying its path (serial). */
export async function startSimulation(opts: SimulateOptions, io: CliIO): Promise<Simulation> {
  const listeners = new Set<(air: AirDelivery) => void>();
  const recipe: SimulationRecipe = {
    venue: { kind: opts.venue, options: { ...sizeOption(opts), seed: opts.seed } },
    crowd: { seed: opts.seed },
  };
  const venue = venueFromRecipe(recipe.venue);
  const crowd = buildCrowd(venue, recipe.crowd);
  // The RF model decides which bands get each transmission and lands it in the crowd.
  const channel = new RfChannel(crowd, { transmitters: [{ id: 'sim', coverage: 'ALL' }], seed: opts.seed });
  const device = new VirtualTransmitter({ name: opts.name });
  device.onAir((tx) => {
    channel.transmit({ transmitterId: 'sim', rf: tx.rf, startMs: tx.startHostMs, endMs: tx.endHostMs });
    for (const d of channel.advanceTo(tx.endHostMs)) {
      const air: AirDelivery = { rf: d.rf, endMs: d.endMs, reached: d.reached, tx };
      for (const l of listeners) l(air);
    }
  });
  device.onEvent((e) => logEvent(e, io));

  let tcp: TcpDeviceListener | undefined;
  let serial: SerialDevice | undefined;
  let address: string;
  try {
    if (opts.listen) {
      tcp = await listenTcp(device, opts.listen.port, opts.listen.host);
      const host = tcp.host.includes(':') ? `[${tcp.host}]` : tcp.host;
      address = `tcp://${host}:${tcp.port}`;
    } else if (opts.serial) {
      serial = openSerialDevice(opts.serial.path, { device, baudRate: opts.serial.baudRate, log: io.out });
      address = `serial:${opts.serial.path}`;
    } else {
      throw new Error('no link: give --listen or --serial');
    }
  } catch (err) {
    device.close();
    throw err;
  }

  return {
    device,
    recipe,
    venue,
    crowd,
    channel,
    address,
    onAir(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      await tcp?.close();
      await serial?.close();
      device.close();
    },
  };
}

function sizeOption(opts: SimulateOptions): { seats?: number; people?: number } {
  if (opts.seats === undefined) return {};
  return opts.venue === 'field' ? { people: opts.seats } : { seats: opts.seats };
}

function logEvent(e: DeviceEvent, io: CliIO): void {
  switch (e.kind) {
    case 'attached':
      io.out(`controller connected (${e.label})`);
      return;
    case 'detached':
      io.out(`controller gone (${e.label}: ${e.reason})`);
      return;
    case 'nack':
      io.out(`NACK ${e.reason} to frame ${e.frameSeq}${e.detail ? `: ${e.detail}` : ''}`);
      return;
    case 'dropped':
      io.out(`dropped a damaged frame: ${e.error.message}`);
      return;
    case 'flush':
      io.out(`FLUSH: dropped ${e.dropped} queued SEND(s)`);
      return;
    case 'listener-error':
      io.err(`on-air listener failed: ${String(e.error)}`);
      return;
  }
}

export const DEFAULT_PAGE_PORT = 8080;

/** The live crowd page: the rehearsal view, served unless `--no-page`; answers something to close. */
async function attachPage(sim: Simulation, opts: SimulateOptions, io: CliIO): Promise<{ close(): Promise<void> } | undefined> {
  if (opts.noPage) return undefined;
  // The page rebuilds the crowd from the recipe and hears what the RF model let through.
  const host = opts.listen?.host ?? '127.0.0.1';
  const start = (port: number) => startSimulatePage({ crowd: sim.recipe, port, host });
  // An explicit --port must be honoured or fail; the default gives way to a free port.
  const page =
    opts.httpPort !== undefined
      ? await start(opts.httpPort)
      : await start(DEFAULT_PAGE_PORT).catch((err: NodeJS.ErrnoException) => {
          if (err.code !== 'EADDRINUSE') throw err;
          return start(0);
        });
  const off = sim.onAir((air) => page.feed({ rf: air.rf, endMs: air.endMs, reached: air.reached }));
  io.out(`live crowd page at ${page.url}`);
  return {
    async close() {
      off();
      await page.close();
    },
  };
}

/** One line per second while anything goes on air. */
function reportAir(sim: Simulation, io: CliIO): () => void {
  let count = 0;
  let bytes = 0;
  const off = sim.onAir((air) => {
    count++;
    bytes += air.rf.length;
  });
  const timer = setInterval(() => {
    if (count === 0) return;
    const s = sim.device.stats();
    io.out(`on air: ${count} tx/s (${bytes} B), sent ${s.sent}, queued ${s.queued}, late ${s.late}, dropped frames ${s.dropped}`);
    count = 0;
    bytes = 0;
  }, 1000);
  return () => {
    clearInterval(timer);
    off();
  };
}

function untilSignal(): { received: Promise<NodeJS.Signals>; cancel(): void } {
  let on: (sig: NodeJS.Signals) => void = () => undefined;
  const cancel = () => {
    process.off('SIGINT', on);
    process.off('SIGTERM', on);
  };
  const received = new Promise<NodeJS.Signals>((resolve) => {
    on = (sig) => {
      cancel();
      resolve(sig);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
  return { received, cancel };
}

export const run: CommandRun = async (argv, io) => {
  const parsed = parseSimulateArgs(argv);
  if (parsed.ok === 'help') {
    io.out(USAGE);
    return 0;
  }
  if (!parsed.ok) {
    io.err(`crowdcue simulate: ${parsed.error}\n${USAGE}`);
    return 2;
  }
  const opts = parsed.value;
  // Listen for signals before anything starts, so Ctrl-C during start-up also stops cleanly.
  const signal = untilSignal();
  let sim: Simulation;
  try {
    sim = await startSimulation(opts, io);
  } catch (err) {
    signal.cancel();
    io.err(`crowdcue simulate: ${(err as Error).message}`);
    return 1;
  }
  const { info } = sim.device;
  io.out(`virtual transmitter '${info.name}' at ${sim.address} (rf_max ${info.rfMax}, queue ${info.queueCap}, ${info.bitrate} bit/s)`);
  io.out(`crowd: ${sim.venue.name} (${opts.venue}), ${sim.crowd.count} seats, ${sim.crowd.bandCount} bands, seed ${opts.seed}`);
  const stopReport = reportAir(sim, io);
  let page: { close(): Promise<void> } | undefined;
  try {
    page = await attachPage(sim, opts, io);
  } catch (err) {
    io.err(`crowdcue simulate: page: ${(err as Error).message}`);
    signal.cancel();
    stopReport();
    await sim.close();
    return 1;
  }
  const sig = await signal.received;
  io.out(`${sig}: stopping`);
  stopReport();
  await page?.close();
  await sim.close();
  return 0;
};
