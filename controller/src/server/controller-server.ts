/**
 * The whole controller server on one port: the REST API (shows, venues,
 * transmitters, brands, accounts; OpenAPI at /docs), socket.io for the live
 * console, the built console itself, and the live show running behind them.
 * `crowdcue start` calls `startControllerServer`; end-to-end tests start it
 * in-process on a temp data directory and port 0.
 *
 * The data directory holds everything that must survive a restart: accounts,
 * shows, brand logos and reports, and runtime.json (the live show and where
 * it is). First start (no accounts yet) creates `admin` with a random
 * password, imports the built-in demo show and makes it live.
 */
import { validateShowOffLoop } from './show-validate-task';
import { checkShowOffLoop } from './show-check-task';
import { readStoredOffLoop } from './show-read-task';
import { trustedOrigins } from './same-origin';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { LiveInputsStatus } from '@crowdcue/protocol';
import { AccountStore } from '../accounts/account-store';
import { placeLogoInWorker } from './place-logo-task';
import { replaySlotInWorker } from './replay-slot-task';
import { closeWorkerTasks, warmSpare } from './worker-task';
import { BrandService } from '../brand/brand-service';
import { LiveShowRuntime, RuntimeError, type LiveShowRuntimeOptions, type LogFn } from '../live/live-show-runtime';
import { configsFromUrls } from '../live/transmitter-configs';
import { runtimeFilePath } from '../live/runtime-file';
import { demoShowInput } from '../show/demo-show';
import { DEFAULT_DATA_DIR } from '../storage/data-dir';
import { ShowStore } from '../storage/show-store';
import { buildApp } from './app';
import { closeWithin } from './close-within';
import { ensureConsoleBuilt } from './console-build';
import brandPlugin from './plugins/brand';
import { DEFAULT_CONSOLE_ROOT, registerConsoleStatic } from './plugins/console-static';
import realtimePlugin from './plugins/realtime';
import transmittersPlugin from './plugins/transmitters';
import venuesPlugin from './plugins/venues';
import { StandbyServer, type StandbyServerOptions } from '../standby/standby-server';
import { OscLiveInput } from '../inputs/osc/osc-live-input';

export const DEFAULT_PORT = 4300;
export const DEFAULT_HOST = '127.0.0.1';
export { DEFAULT_DATA_DIR };
const DEMO_ID = 'demo';

export interface ControllerServerOptions {
  /** Default ./crowdcue-data; created when missing. */
  dataDir?: string;
  /** Default 4300; 0 = any free port. */
  port?: number;
  host?: string;
  /** `--transmitter URL ...`: the live show plays on these instead of its own list. */
  transmitterUrls?: string[];
  /** `--origin URL ...`: console origins trusted besides this host's own (a reverse proxy). */
  trustedOrigins?: string[];
  /** Build the console when console-ui/dist is missing or stale (default true). */
  buildConsole?: boolean;
  /** Where the built console is; default console-ui/dist. */
  consoleRoot?: string;
  /** Progress and log lines for the operator's terminal. */
  log?: LogFn;
  /** fastify's own request log (default off). */
  logger?: FastifyServerOptions['logger'];
  loginAttemptsPerMinute?: number;
  /** Runtime tuning for tests (crowd off, report rate, transmitter opener). */
  runtime?: Partial<Omit<LiveShowRuntimeOptions, 'shows' | 'dataDir' | 'transmitterUrls'>>;
  /** How long on-air packets are gathered into one socket message, ms (default 1). */
  packetBatchMs?: number;
  /** The active half of a hot-standby pair (standby/): fenced transmitters, the backup's link, the pair's status. */
  standby?: StandbyServerOptions;
  /** `--osc PORT`: the OSC input listens here, whatever the live show says. */
  oscPort?: number;
}

export interface ControllerServer {
  app: FastifyInstance;
  runtime: LiveShowRuntime;
  accounts: AccountStore;
  shows: ShowStore;
  dataDir: string;
  /** The console's address, e.g. http://127.0.0.1:4300/ */
  url: string;
  port: number;
  /** This start created the data directory's accounts. */
  firstStart: boolean;
  /** The first admin password, set on every start until someone logs in with it: print it. */
  adminPassword?: string;
  /** What happened to the live show at start (restored, demo loaded, nothing). */
  liveShowNote: string;
  /** The live show's OSC input. */
  osc: OscLiveInput;
  /** Half of a hot-standby pair: its role and status (standby/). */
  standby?: StandbyServer;
  /** Saves the live show's state, stops transmitters, closes the server. */
  close(): Promise<void>;
}

export async function startControllerServer(opts: ControllerServerOptions = {}): Promise<ControllerServer> {
  const log: LogFn = opts.log ?? (() => undefined);
  if (opts.transmitterUrls && opts.transmitterUrls.length > 0) {
    // Before anything is created on disk: a typo in a URL should cost nothing.
    const checked = configsFromUrls(opts.transmitterUrls);
    if (!checked.ok) throw new RuntimeError(`--transmitter: ${checked.problems.map((p) => p.message).join('; ')}`, 400, checked.problems);
  }
  const origins = trustedOrigins(opts.trustedOrigins ?? []);
  if (!origins.ok) throw new RuntimeError(origins.error, 400);
  const dataDir = resolve(opts.dataDir ?? DEFAULT_DATA_DIR);
  await mkdir(dataDir, { recursive: true });
  const hadRuntime = existsSync(runtimeFilePath(dataDir));

  // Recoveries found before the live runtime exists are told to it once it does.
  const recovered: string[] = [];
  const live: { runtime?: LiveShowRuntime; osc?: OscLiveInput } = {};
  const recoveredNote = (message: string) => {
    log('warn', message);
    if (live.runtime) live.runtime.notify(message, 'storage');
    else recovered.push(message);
  };
  const accounts = new AccountStore(dataDir, Date.now, (problem) => recoveredNote(`accounts were damaged and their backup was used (${problem})`));
  const { createdAdminPassword, adminPassword } = await accounts.init();
  const firstStart = createdAdminPassword !== undefined;
  const shows = new ShowStore(dataDir, {
    validate: validateShowOffLoop,
    readStored: readStoredOffLoop,
    onRecovered: (id, problem) => recoveredNote(`show '${id}' was damaged and its backup was put back (${problem})`),
  });
  await shows.init();
  if (firstStart && !(await shows.has(DEMO_ID))) {
    await shows.save(demoShowInput(), 'crowdcue');
    log('info', `imported the built-in demo show '${DEMO_ID}'`);
  }

  if (opts.buildConsole ?? true) {
    await ensureConsoleBuilt({ progress: (line) => log('info', line) });
  }

  // The brand service asks the runtime for the live show's time; the runtime plays its approved sequences.
  // Heavy requests (venues, logos) and proof-of-play replays run in worker tasks: have one started before the first arrives.
  warmSpare();
  const standby = opts.standby ? new StandbyServer(opts.standby) : undefined;
  const brands = await BrandService.open({
    dataDir,
    shows,
    placeLogo: placeLogoInWorker,
    replay: replaySlotInWorker,
    liveShowTimeMs: (showId) => {
      const s = live.runtime?.current;
      return s && s.show.id === showId && s.engine.state.status === 'running' ? s.clock.position() : null;
    },
  });
  let runtime: LiveShowRuntime;
  try {
    runtime = new LiveShowRuntime({ shows, dataDir, transmitterUrls: opts.transmitterUrls, brands, log, ...(standby ? { open: standby.open, warmBackup: standby.role === 'backup' } : {}), inputsStatus: () => inputsStatus(live.osc), check: checkShowOffLoop, ...opts.runtime });
  } catch (err) {
    brands.close();
    throw err;
  }
  live.runtime = runtime;
  for (const message of recovered.splice(0)) runtime.notify(message, 'storage');

  let app: FastifyInstance | undefined;
  try {
    let liveShowNote: string;
    const restored = await runtime.init();
    if (restored.restored || hadRuntime || runtime.isBackup) liveShowNote = restored.message;
    else if (await shows.has(DEMO_ID)) {
      await runtime.load(DEMO_ID);
      liveShowNote = `demo show '${DEMO_ID}' is live`;
    } else liveShowNote = 'no live show; load one from the console';
    log('info', liveShowNote);

    app = await buildApp({
      accounts,
      shows,
      logger: opts.logger ?? false,
      errorLog: (line) => log('error', line),
      loginAttemptsPerMinute: opts.loginAttemptsPerMinute,
      trustedOrigins: origins.origins,
      ...(standby ? { backupOf: () => (standby.role === 'backup' ? standby.o.peerUrl : undefined) } : {}),
      onShowChange: (e) => {
        runtime.showChanged(e.id, e.revision, e.by);
        live.osc?.showSaved(e.id);
        if (e.revision !== null) app?.io?.emit('showChanged', { show: e.id, revision: e.revision, by: e.by });
      },
      extend: async (a) => {
        await a.register(realtimePlugin, { runtime, packetBatchMs: opts.packetBatchMs ?? 1 });
        await a.register(transmittersPlugin, { runtime });
        await a.register(venuesPlugin);
        await a.register(brandPlugin, { service: brands });
        await registerConsoleStatic(a, { root: opts.consoleRoot ?? DEFAULT_CONSOLE_ROOT });
        await standby?.register(a, runtime, dataDir, brands.log);
      },
    });
    const server = app;
    const sub = runtime.showChanged$.subscribe((c) => server.io.emit('showChanged', c));

    await server.listen({ port: opts.port ?? DEFAULT_PORT, host: opts.host ?? DEFAULT_HOST });
    const osc = new OscLiveInput({ runtime, shows, host: opts.host ?? DEFAULT_HOST, overridePort: opts.oscPort, log });
    live.osc = osc;
    await osc.start();
    // Start-up (crowd building, plugin loading) blocks the loop: lateness counts from here.
    runtime.resetLateness();
    const address = server.server.address();
    const port = typeof address === 'object' && address ? address.port : (opts.port ?? DEFAULT_PORT);
    const host = opts.host ?? DEFAULT_HOST;
    const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
    standby?.listening(`http://${shownHost}:${port}/`);

    let closing: Promise<void> | undefined;
    return {
      app: server,
      runtime,
      accounts,
      shows,
      dataDir,
      url: `http://${shownHost}:${port}/`,
      port,
      firstStart,
      ...(adminPassword ? { adminPassword } : {}),
      liveShowNote,
      osc,
      ...(standby ? { standby } : {}),
      close() {
        closing ??= (async () => {
          sub.unsubscribe();
          await osc.close();
          await runtime.close();
          await closeWithin(server, (message) => log('warn', message));
          brands.close();
          await closeWorkerTasks();
        })();
        return closing;
      },
    };
  } catch (err) {
    // Nothing keeps running after a failed start (a port in use, a broken data file).
    await live.osc?.close().catch(() => undefined);
    await runtime.close().catch(() => undefined);
    await app?.close().catch(() => undefined);
    brands.close();
    throw err;
  }
}

function inputsStatus(osc: OscLiveInput | undefined): LiveInputsStatus | undefined {
  const status = osc?.status();
  return status ? { osc: status } : undefined;
}
