/**
 * `crowdcue play --osc PORT`: the OSC input in front of a show played
 * headless. Commands pass the same gate as on the server (permission, rate,
 * payload schema) and run through the session command table the server's
 * live runtime uses; the show's own allow-list applies (this machine only
 * when the show has no OSC input).
 */
import { OscInputSchema, type CommandAck } from '@crowdcue/protocol';
import { map } from 'rxjs';
import { liveStateOf } from '../../live/live-state';
import { isSessionCommand, SESSION_COMMANDS } from '../../live/session-commands';
import type { ShowSession } from '../../live/show-session';
import { OscInputServer, type OscInputOptions, type OscRuntime } from './osc-input';

export function sessionOscRuntime(session: ShowSession): OscRuntime {
  return {
    state$: session.changed$.pipe(map(() => liveStateOf(session))),
    snapshot: () => liveStateOf(session),
    async command(name, payload): Promise<CommandAck> {
      if (!isSessionCommand(name)) return { ok: false, error: `${name} is not available while a show plays headless` };
      const r = (SESSION_COMMANDS[name] as (s: ShowSession, p: unknown) => { ok: true } | { ok: false; error: string })(session, payload);
      return r.ok ? { ok: true } : { ok: false, error: r.error };
    },
  };
}

export function openPlayOsc(session: ShowSession, port: number, log?: OscInputOptions['log'], host = '127.0.0.1'): Promise<OscInputServer> {
  const config = session.show.inputs?.osc ?? OscInputSchema.parse({ allow: ['127.0.0.1', '::1'] });
  return OscInputServer.open({ config: { ...config, enabled: true }, port, host, source: 'command line', runtime: sessionOscRuntime(session), log });
}
