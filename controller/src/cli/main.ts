/**
 * The `crowdcue` command: one entry point, one file per sub-command under
 * `commands/`. Sub-commands are loaded lazily so `crowdcue decode` does not pay
 * for the server's start-up.
 */
import { lineWriter } from './closed-pipes';

export interface CliIO {
  out: (line: string) => void;
  err: (line: string) => void;
}

export type CommandRun = (argv: string[], io: CliIO) => Promise<number>;

interface CommandEntry {
  summary: string;
  load: () => Promise<{ run: CommandRun }>;
}

export const commands: Record<string, CommandEntry> = {
  decode: { summary: 'decode ccl|ccb|xylo HEX...  print frames/packets as JSON', load: () => import('./commands/decode') },
  conformance: { summary: 'conformance FILE  run a vectors file against the implementation', load: () => import('./commands/conformance') },
  simulate: { summary: 'simulate --listen tcp://H:P | --serial PATH  run a virtual transmitter and crowd', load: () => import('./commands/simulate') },
  ports: { summary: 'ports [--json]  list serial ports and the transmitter URL for each', load: () => import('./commands/ports') },
  start: { summary: 'start [--data DIR] [--port N] [--transmitter URL ...]  run the controller server and web console', load: () => import('./commands/start') },
  accounts: { summary: 'accounts reset-password NAME [--data DIR]  a new password for an account, offline', load: () => import('./commands/accounts') },
  timecode: { summary: 'timecode FILE.wav  decode LTC: one line per frame and the frame rate found', load: () => import('./commands/timecode') },
  play: { summary: 'play FILE|demo [--transmitter URL ...] [--until S]  play a show headless with a report', load: () => import('./commands/play') },
  monitor: { summary: 'monitor sacn|artnet|osc ...  print what arrives on a show-control link, as JSON lines', load: () => import('./commands/monitor') },
};

let stdio: CliIO | undefined;
/** The process's stdout/stderr, made safe against a reader that has gone (see closed-pipes.ts). */
function processIO(): CliIO {
  stdio ??= { out: lineWriter(process.stdout), err: lineWriter(process.stderr) };
  return stdio;
}

export function usage(): string {
  const lines = ['usage: crowdcue <command> [options]', '', 'commands:'];
  for (const [name, entry] of Object.entries(commands)) lines.push(`  ${name.padEnd(12)} ${entry.summary}`);
  return lines.join('\n');
}

export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name ? 0 : 2;
  }
  const entry = commands[name];
  if (!entry) {
    io.err(`crowdcue: unknown command '${name}'\n${usage()}`);
    return 2;
  }
  const { run } = await entry.load();
  return run(rest, io);
}
