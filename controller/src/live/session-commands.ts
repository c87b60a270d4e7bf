/**
 * The live commands that act on a playing show session, one line each: the
 * server's live runtime and `crowdcue play --osc` both carry them out
 * through this table.
 */
import type { CommandAck, CommandPayload } from '@crowdcue/protocol';
import type { CommandResult } from '../engine/engine-types';
import type { LiveCommandName } from './live-runtime';
import type { ShowSession } from './show-session';

export type SessionCommandName = Extract<LiveCommandName, 'go' | 'back' | 'goto' | 'pause' | 'resume' | 'stop' | 'level' | 'stopParade' | 'blackout' | 'master' | 'busk' | 'release'>;

type SessionCommands = { [K in SessionCommandName]: (s: ShowSession, p: CommandPayload<K>) => CommandResult };

export const SESSION_COMMANDS: SessionCommands = {
  go: (s, p) => s.go(p.cueList),
  back: (s, p) => s.back(p.cueList),
  goto: (s, p) => s.goto(p.cue, p.cueList),
  pause: (s, p) => s.pause(p.cueList),
  resume: (s, p) => s.resume(p.cueList),
  stop: (s, p) => s.stopShow(p.cueList),
  level: (s, p) => s.setLevel(p.cueList, p.level),
  stopParade: (s, p) => s.stopParade(p.run),
  blackout: (s, p) => s.setBlackout(p.on),
  master: (s, p) => s.setMaster(p.level),
  busk: (s, p) => s.busk(p.zones, p.look),
  release: (s, p) => s.release(p.zones ?? 'all'),
};

export const isSessionCommand = (name: string): name is SessionCommandName => Object.prototype.hasOwnProperty.call(SESSION_COMMANDS, name);

/** The handlers of every session command, each run by `on` (which answers when no show is live). */
export function sessionHandlers(on: (act: (s: ShowSession) => CommandResult) => CommandAck): { [K in SessionCommandName]: (p: CommandPayload<K>) => CommandAck } {
  const out = {} as { [K in SessionCommandName]: (p: CommandPayload<K>) => CommandAck };
  for (const name of Object.keys(SESSION_COMMANDS) as SessionCommandName[]) {
    const run = SESSION_COMMANDS[name] as (s: ShowSession, p: unknown) => CommandResult;
    (out as Record<SessionCommandName, (p: unknown) => CommandAck>)[name] = (p) => on((s) => run(s, p));
  }
  return out;
}
