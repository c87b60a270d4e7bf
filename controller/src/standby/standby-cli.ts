/**
 * `crowdcue start --backup-of URL | --peer URL [--standby-key FILE] [--takeover-ms N]`:
 * the flags of a hot-standby pair, checked, and the pair run until SIGINT/SIGTERM.
 */
import { DEFAULT_TAKEOVER_MS } from './heartbeat';
import { StandbyPair, type PairIO, type PairOptions } from './standby-pair';
import type { StandbyServerOptions } from './standby-server';
import type { ControllerServer } from '../server/controller-server';

export interface PairFlags {
  backupOf?: string;
  peer?: string;
  standbyKey?: string;
  takeoverMs?: string;
}

export const PAIR_USAGE = `  --backup-of URL    run as the hot-standby backup of the controller at URL: follow its live
                     state, shows and accounts, and take over its transmitters when its
                     heartbeat stops (see the controller README, hot standby)
  --peer URL         the other controller of a pair (on the primary): consoles are told of it,
                     and if it is already active this controller starts as its backup
  --standby-key FILE the pair's key (default: the data directory's standby.key, created by the primary)
  --takeover-ms N    heartbeat silence before the backup takes over (default ${DEFAULT_TAKEOVER_MS})`;

const httpUrl = (flag: string, value: string): { ok: true; url: string } | { ok: false; error: string } => {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return { ok: false, error: `${flag} must be a URL such as http://10.0.0.2:4300/, got '${value}'` };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return { ok: false, error: `${flag} must be an http:// URL, got '${value}'` };
  return { ok: true, url: u.href.endsWith('/') ? u.href : `${u.href}/` };
};

/** The pair options from the flags, or undefined when none is given (a controller alone). */
export function parsePairFlags(flags: PairFlags, dataDir: string): { ok: true; pair: PairOptions | undefined } | { ok: false; error: string } {
  if (flags.backupOf === undefined && flags.peer === undefined) {
    if (flags.standbyKey !== undefined || flags.takeoverMs !== undefined) return { ok: false, error: '--standby-key and --takeover-ms need --backup-of or --peer' };
    return { ok: true, pair: undefined };
  }
  if (flags.backupOf !== undefined && flags.peer !== undefined) return { ok: false, error: 'give --backup-of (on the backup) or --peer (on the primary), not both' };
  const takeoverMs = flags.takeoverMs === undefined ? DEFAULT_TAKEOVER_MS : Number(flags.takeoverMs);
  if (!/^\d+$/.test(flags.takeoverMs ?? '0') || takeoverMs < 100 || takeoverMs > 60_000) {
    return { ok: false, error: `--takeover-ms must be a whole number of ms 100..60000, got '${flags.takeoverMs}'` };
  }
  const which = flags.backupOf !== undefined ? httpUrl('--backup-of', flags.backupOf) : httpUrl('--peer', flags.peer!);
  if (!which.ok) return which;
  return {
    ok: true,
    pair: {
      dataDir,
      ...(flags.backupOf !== undefined ? { backupOf: which.url } : { peer: which.url }),
      ...(flags.standbyKey !== undefined ? { keyFile: flags.standbyKey } : {}),
      takeoverMs,
    },
  };
}

/** Runs the pair until SIGINT/SIGTERM; answers the exit code. */
export async function runPairFromCli(pair: PairOptions, io: PairIO, startActive: (standby: StandbyServerOptions) => Promise<ControllerServer>): Promise<number> {
  const p = new StandbyPair(pair, io, startActive);
  const stop = (signal: NodeJS.Signals) => {
    io.out(`${signal}: stopping ...`);
    p.stop();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    await p.run();
    return 0;
  } catch (err) {
    io.err(`crowdcue start: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
