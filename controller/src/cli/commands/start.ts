/**
 * `crowdcue start` (what `npm start` runs): the controller server with the
 * live show, the REST API, socket.io and the web console on one port. Runs
 * until SIGINT/SIGTERM, then saves where the live show is, stops the
 * transmitters and exits.
 */
import { parseTimecodeSource } from '@crowdcue/protocol';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pendingInitialPassword } from '../../accounts/initial-password';
import { RepeatedWarnings } from '../../logging/repeated-warnings';
import { sweepTempFiles } from '../../storage/temp-files';
import { trustedOrigins } from '../../server/same-origin';
import { DEFAULT_DATA_DIR, DEFAULT_HOST, DEFAULT_PORT, startControllerServer, type ControllerServer, type ControllerServerOptions } from '../../server/controller-server';
import { PAIR_USAGE, parsePairFlags, runPairFromCli } from '../../standby/standby-cli';
import type { PairOptions } from '../../standby/standby-pair';
import type { CliIO, CommandRun } from '../main';
import type { DeskInput } from '@crowdcue/protocol';
import { parseDeskArg } from '../../inputs/desk/desk-arg';
import { parseOscPort } from './osc-port-option';

const USAGE = `usage: crowdcue start [--data DIR] [--port N] [--host ADDR] [--transmitter URL ...] [--timecode SOURCE] [--desk sacn|artnet:U@A] [--osc PORT]
                      [--origin URL ...]
                      [--backup-of URL | --peer URL] [--standby-key FILE] [--takeover-ms N]

Runs the controller: the live show, the API (OpenAPI at /docs) and the web console.

  --data DIR         data directory: shows, accounts, runtime state (default ${DEFAULT_DATA_DIR})
  --port N           HTTP port (default ${DEFAULT_PORT}; 0 = any free port)
  --host ADDR        address to listen on (default ${DEFAULT_HOST})
  --transmitter URL  play the live show on this transmitter instead of the show's own
                     (repeatable): virtual, serial:/dev/ttyUSB0?baud=115200, tcp://host:port,
                     xylo+serial:/dev/ttyACM0, pixmob+serial:/dev/ttyUSB1?zones=3
  --timecode SOURCE  chase this timecode instead of the show's own inputs.timecode:
                     ltc:FILE.wav, alsa:DEVICE, mtc:PORT or artnet[:PORT]
  --desk P:U@A       take a lighting desk on protocol P (sacn, artnet), universe U, start
                     address A, instead of the show's own (?zones=N&hold=MS&interface=IP&port=N)
  --osc PORT         take OSC commands on this UDP port (on --host), whatever the live
                     show's inputs say; the show's allow-list, else this machine only
  --origin URL       also accept the console from this origin, e.g. https://console.example.com
                     behind a reverse proxy (repeatable; this host's own is always accepted)
  --no-build         do not build the console even if console-ui/dist is missing or stale
${PAIR_USAGE}
  -h, --help         this text

First start creates the data directory, an admin account with a random password,
imports the demo show and makes it live on the virtual transmitter. The admin
password is printed at every start until someone logs in with it; a forgotten
password is reset with \`crowdcue accounts reset-password NAME --data DIR\`.`;

export interface StartOptions {
  dataDir: string;
  port: number;
  host: string;
  transmitters: string[];
  /** Console origins trusted besides this host's own. */
  origins?: string[];
  build: boolean;
  /** Half of a hot-standby pair (standby/); undefined = a controller alone. */
  pair?: PairOptions;
  /** `--timecode SOURCE`. */
  timecode?: string;
  /** `--desk P:U@A`. */
  desk?: DeskInput;
  /** `--osc PORT`. */
  oscPort?: number;
}

export function parseStartArgs(argv: string[]): { ok: true; options: StartOptions } | { ok: false; error: string; help?: boolean } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        data: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        transmitter: { type: 'string', multiple: true },
        timecode: { type: 'string' },
        desk: { type: 'string' },
        origin: { type: 'string', multiple: true },
        'no-build': { type: 'boolean' },
        'backup-of': { type: 'string' },
        peer: { type: 'string' },
        'standby-key': { type: 'string' },
        'takeover-ms': { type: 'string' },
        osc: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
    }));
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  if (values.help) return { ok: false, error: USAGE, help: true };
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!/^\d+$/.test(values.port ?? '0') || !Number.isInteger(port) || port < 0 || port > 65535) {
    return { ok: false, error: `--port must be a whole number 0..65535, got '${values.port}'` };
  }
  const dataDir = values.data ?? DEFAULT_DATA_DIR;
  const pair = parsePairFlags({ backupOf: values['backup-of'], peer: values.peer, standbyKey: values['standby-key'], takeoverMs: values['takeover-ms'] }, dataDir);
  if (!pair.ok) return pair;
  const timecode = values.timecode === undefined ? undefined : parseTimecodeSource(values.timecode);
  if (timecode && !timecode.ok) return { ok: false, error: `--timecode ${values.timecode}: ${timecode.error}` };
  const desk = values.desk === undefined ? undefined : parseDeskArg(values.desk);
  if (desk && !desk.ok) return { ok: false, error: desk.error };
  const osc = parseOscPort(values.osc);
  if (!osc.ok) return osc;
  const origins = trustedOrigins(values.origin ?? []);
  if (!origins.ok) return { ok: false, error: origins.error };
  return {
    ok: true,
    options: {
      ...(values.timecode !== undefined ? { timecode: values.timecode } : {}),
      ...(desk ? { desk: desk.desk } : {}),
      ...(osc.port !== undefined ? { oscPort: osc.port } : {}),
      dataDir,
      port,
      host: values.host ?? DEFAULT_HOST,
      transmitters: values.transmitter ?? [],
      origins: values.origin ?? [],
      build: !values['no-build'],
      ...(pair.pair ? { pair: pair.pair } : {}),
    },
  };
}

const passwordLine = (password: string) => `admin login: username admin, password ${password}  (shown at every start until the first login)`;

/**
 * Starts the server and prints the console address (and, until someone has
 * logged in with it, the first admin password). Warnings go through `warnings`:
 * a late cue or a garbled device repeats many times a second.
 */
export async function startFromCli(
  options: StartOptions,
  io: CliIO,
  warnings = new RepeatedWarnings((level, message) => io.err(`${level}: ${message}`)),
  extra: Pick<ControllerServerOptions, 'standby'> = {},
): Promise<ControllerServer> {
  const server = await startControllerServer({
    ...extra,
    dataDir: options.dataDir,
    port: options.port,
    host: options.host,
    transmitterUrls: options.transmitters,
    trustedOrigins: options.origins,
    buildConsole: options.build,
    ...(options.timecode !== undefined || options.desk ? { runtime: { ...(options.timecode !== undefined ? { timecode: options.timecode } : {}), ...(options.desk ? { desk: options.desk } : {}) } } : {}),
    oscPort: options.oscPort,
    // Info lines are progress and the operators' commands: each one counts.
    log: (level, message) => (level === 'info' ? io.out(message) : warnings.note(level, message)),
  });
  io.out(`data: ${server.dataDir}`);
  io.out(`CrowdCue console: ${server.url}`);
  io.out(`API docs: ${server.url}docs`);
  if (server.adminPassword) io.out(passwordLine(server.adminPassword));
  return server;
}

export const run: CommandRun = async (argv, io) => {
  const parsed = parseStartArgs(argv);
  if (!parsed.ok) {
    if (parsed.help) {
      io.out(parsed.error);
      return 0;
    }
    io.err(`crowdcue start: ${parsed.error}\n${USAGE}`);
    return 2;
  }
  const dataDir = resolve(parsed.options.dataDir);
  // Temp files of atomic writes a crash left behind (see temp-files.ts).
  for (const name of await sweepTempFiles(dataDir)) io.out(`removed ${name}, left by an interrupted save`);
  const warnings = new RepeatedWarnings((level, message) => io.err(`${level}: ${message}`));
  if (parsed.options.pair) {
    const code = await runPairFromCli(parsed.options.pair, io, (standby) => startFromCli(parsed.options, io, warnings, { standby }));
    warnings.close();
    io.out('stopped');
    return code;
  }
  let server: ControllerServer;
  try {
    server = await startFromCli(parsed.options, io, warnings);
  } catch (err) {
    warnings.close();
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') io.err(`crowdcue start: port ${parsed.options.port} is in use (another controller running?); try --port`);
    else io.err(`crowdcue start: ${e instanceof Error ? e.message : String(e)}`);
    // The data directory may have been created on this very start: its password must not be lost.
    const pending = await pendingInitialPassword(dataDir);
    if (pending) io.err(passwordLine(pending.password));
    return 1;
  }
  await new Promise<void>((done) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      io.out(`${signal}: saving the live show's state and stopping ...`);
      server.close().then(done, (err: unknown) => {
        io.err(`while stopping: ${err instanceof Error ? err.message : String(err)}`);
        done();
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  warnings.close();
  io.out('stopped');
  return 0;
};
