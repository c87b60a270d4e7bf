/**
 * `crowdcue start` (what `npm start` runs): the controller server with the
 * live show, the REST API, socket.io and the web console on one port. Runs
 * until SIGINT/SIGTERM, then saves where the live show is, stops the
 * transmitters and exits.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pendingInitialPassword } from '../../accounts/initial-password';
import { RepeatedWarnings } from '../../logging/repeated-warnings';
import { sweepTempFiles } from '../../storage/temp-files';
import { trustedOrigins } from '../../server/same-origin';
import { DEFAULT_DATA_DIR, DEFAULT_HOST, DEFAULT_PORT, startControllerServer, type ControllerServer } from '../../server/controller-server';
import type { CliIO, CommandRun } from '../main';

const USAGE = `usage: crowdcue start [--data DIR] [--port N] [--host ADDR] [--transmitter URL ...] [--origin URL ...]

Runs the controller: the live show, the API (OpenAPI at /docs) and the web console.

  --data DIR         data directory: shows, accounts, runtime state (default ${DEFAULT_DATA_DIR})
  --port N           HTTP port (default ${DEFAULT_PORT}; 0 = any free port)
  --host ADDR        address to listen on (default ${DEFAULT_HOST})
  --transmitter URL  play the live show on this transmitter instead of the show's own
                     (repeatable): virtual, serial:/dev/ttyUSB0?baud=115200, tcp://host:port,
                     xylo+serial:/dev/ttyACM0
  --origin URL       also accept the console from this origin, e.g. https://console.example.com
                     behind a reverse proxy (repeatable; this host's own is always accepted)
  --no-build         do not build the console even if console-ui/dist is missing or stale
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
        origin: { type: 'string', multiple: true },
        'no-build': { type: 'boolean' },
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
  const origins = trustedOrigins(values.origin ?? []);
  if (!origins.ok) return { ok: false, error: origins.error };
  return {
    ok: true,
    options: {
      dataDir: values.data ?? DEFAULT_DATA_DIR,
      port,
      host: values.host ?? DEFAULT_HOST,
      transmitters: values.transmitter ?? [],
      origins: values.origin ?? [],
      build: !values['no-build'],
    },
  };
}

const passwordLine = (password: string) => `admin login: username admin, password ${password}  (shown at every start until the first login)`;

/**
 * Starts the server and prints the console address (and, until someone has
 * logged in with it, the first admin password). Warnings go through `warnings`:
 * a late cue or a garbled device repeats many times a second.
 */
export async function startFromCli(options: StartOptions, io: CliIO, warnings = new RepeatedWarnings((level, message) => io.err(`${level}: ${message}`))): Promise<ControllerServer> {
  const server = await startControllerServer({
    dataDir: options.dataDir,
    port: options.port,
    host: options.host,
    transmitterUrls: options.transmitters,
    trustedOrigins: options.origins,
    buildConsole: options.build,
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
