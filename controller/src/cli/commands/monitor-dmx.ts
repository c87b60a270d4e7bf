/** `crowdcue monitor sacn|artnet`: the DMX monitors share their flags and their run; each protocol's file names its own. */
import { parseArgs } from 'node:util';
import { DmxMonitor } from '../../inputs/desk/dmx-monitor';
import type { DmxProtocol } from '../../inputs/desk/dmx-socket';
import type { CliIO } from '../main';

export function dmxUsage(protocol: DmxProtocol): string {
  const name = protocol === 'sacn' ? 'sACN (E1.31), UDP 5568' : 'Art-Net (ArtDmx), UDP 6454';
  return `usage: crowdcue monitor ${protocol} [--universe N] [--port N] [--interface IP] [--every] [--count N]

Prints what arrives over ${name}, one JSON line per frame that changes something:
source name and address, priority, universe, sequence and the channels that
changed (slot numbers from 1); refused packets as a line with their cause.

  --universe N     only this universe${protocol === 'sacn' ? ' (and join its multicast group)' : ''}; default every universe
  --port N         UDP port (default ${protocol === 'sacn' ? 5568 : 6454})
  --interface IP   local address to join multicast on
  --every          print frames that change nothing too
  --count N        stop after N lines
  -h, --help       this text`;
}

export async function runDmxMonitor(protocol: DmxProtocol, argv: string[], io: CliIO): Promise<number> {
  const usage = dmxUsage(protocol);
  let values: { universe?: string; port?: string; interface?: string; every?: boolean; count?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        universe: { type: 'string' },
        port: { type: 'string' },
        interface: { type: 'string' },
        every: { type: 'boolean' },
        count: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    io.err(`crowdcue monitor ${protocol}: ${err instanceof Error ? err.message : String(err)}\n${usage}`);
    return 2;
  }
  if (values.help) {
    io.out(usage);
    return 0;
  }
  const whole = (flag: string, v: string | undefined, min: number, max: number): number | undefined | string => {
    if (v === undefined) return undefined;
    const n = Number(v);
    return /^\d+$/.test(v) && n >= min && n <= max ? n : `--${flag} must be a whole number ${min}..${max}, got '${v}'`;
  };
  const universe = whole('universe', values.universe, protocol === 'sacn' ? 1 : 0, protocol === 'sacn' ? 63_999 : 32_767);
  const port = whole('port', values.port, 0, 65_535);
  const count = whole('count', values.count, 1, Number.MAX_SAFE_INTEGER);
  for (const v of [universe, port, count]) {
    if (typeof v === 'string') {
      io.err(`crowdcue monitor ${protocol}: ${v}`);
      return 2;
    }
  }
  let lines = 0;
  let done: () => void = () => undefined;
  const finished = new Promise<void>((r) => (done = r));
  const monitor = new DmxMonitor({
    protocol,
    universe: (universe as number | undefined) ?? null,
    port: port as number | undefined,
    interface: values.interface,
    every: values.every,
    line: (json) => {
      io.out(json);
      if (count !== undefined && ++lines >= (count as number)) done();
    },
  });
  try {
    await monitor.start();
  } catch (err) {
    io.err(`crowdcue monitor ${protocol}: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  io.err(`listening on ${monitor.listening} (Ctrl-C to stop)`);
  const stop = () => done();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await finished;
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  await monitor.close();
  return 0;
}
