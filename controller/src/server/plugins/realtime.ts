/**
 * socket.io on fastify's own http server, typed with the shared event maps.
 * The session cookie is checked at the handshake, and again on every command
 * (a console can be locked or an account deleted while connected). Payloads are
 * checked with the shared command schemas: a hostile or stale console gets a
 * reason in its ack, never a crash, and nothing half-applied.
 *
 * A socket lives no longer than its session: a handshake from another site's
 * page (foreign `Origin`) or without a session is refused and its connection
 * closed; logout, account deletion and a role change close that account's
 * sockets at once (a console reconnects and is let in, or not, with its new
 * role), and a sweep every second catches sessions that ended any other way.
 * Live commands pass the same gate as every other carrier (live-command-gate:
 * permission, rate per account, payload schema).
 */
import {
  COMMAND_NAMES,
  type ClientToServerEvents,
  type CommandAck,
  type CommandName,
  type InterServerEvents,
  type OnAirPacketInfo,
  type ServerToClientEvents,
  type SocketData,
} from '@crowdcue/protocol';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { bufferTime, filter, interval, merge, Subscription } from 'rxjs';
import { Server, type Socket } from 'socket.io';
import type { PublicAccount } from '../../accounts/account-store';
import { can } from '../../accounts/roles';
import type { LiveCommandName, LiveRuntime } from '../../live/live-runtime';
import { admitCommand } from '../live-command-gate';
import { LiveCommandLimiter, type LiveCommandLimits } from '../live-command-limits';
import { tokenFromCookieHeader } from './auth';

export type CrowdCueServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
type CrowdCueSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

declare module 'fastify' {
  interface FastifyInstance {
    io: CrowdCueServer;
  }
}

export interface RealtimeOptions {
  runtime: LiveRuntime;
  /** How long on-air packets are gathered before one `packets` message, ms. */
  packetBatchMs?: number;
  /** Live commands per second per account (default 30 presses, 120 fader moves; blackout is never limited). */
  commandLimits?: LiveCommandLimits;
  /** How often every socket's session is checked again, ms (default 1000). */
  sessionSweepMs?: number;
}

const ROOM_STATE = 'state';
const ROOM_PACKETS = 'packets';

async function realtimePlugin(app: FastifyInstance, opts: RealtimeOptions): Promise<void> {
  const io: CrowdCueServer = new Server(app.server, {
    serveClient: false,
    maxHttpBufferSize: 256 * 1024,
    cors: { origin: false },
  });
  app.decorate('io', io);

  const accountOf = (socket: CrowdCueSocket): { account: PublicAccount; locked: boolean } | undefined =>
    app.accounts.authenticate(tokenFromCookieHeader(socket.handshake.headers.cookie));

  const limiter = new LiveCommandLimiter({ pressesPerSecond: 30, fadesPerSecond: 120, ...opts.commandLimits });

  /** Why this handshake is refused, or undefined to let it in. */
  function refusal(socket: CrowdCueSocket): string | undefined {
    const foreign = app.foreignOrigin(socket.handshake.headers);
    if (foreign !== undefined) return `a console from another site (Origin ${foreign}) may not connect`;
    const found = accountOf(socket);
    if (!found) return 'log in first';
    if (!can(found.account.role, 'live:view') && !can(found.account.role, 'shows:write')) return `a ${found.account.role} account has no live console`;
    socket.data.user = { id: found.account.id, name: found.account.username, role: found.account.role };
    return undefined;
  }

  io.use((socket, next) => {
    const refused = refusal(socket);
    if (refused === undefined) return next();
    next(new Error(refused));
    // socket.io answers the refusal but keeps the connection open: close it once the
    // answer is on its way (socket.io sends it on the next tick; close flushes first).
    setImmediate(() => socket.conn.close());
  });

  /** Closes the sockets whose session has ended or whose account changed role. */
  function sweep(): void {
    for (const socket of io.sockets.sockets.values()) {
      const found = accountOf(socket);
      if (!found || found.account.role !== socket.data.user?.role) socket.disconnect(true);
    }
  }

  io.on('connection', (socket) => {
    for (const name of COMMAND_NAMES) {
      socket.on(name, (payload: unknown, ack: unknown) => {
        const reply = typeof ack === 'function' ? (ack as (r: CommandAck) => void) : () => undefined;
        handle(socket, name, payload).then(reply, (err: unknown) => {
          app.log.error({ err, command: name }, 'command failed');
          reply({ ok: false, error: `${name} failed: ${err instanceof Error ? err.message : String(err)}` });
        });
      });
    }
    socket.on('disconnect', () => opts.runtime.release?.(socket.id));
  });

  async function handle(socket: CrowdCueSocket, name: CommandName, payload: unknown): Promise<CommandAck> {
    const found = accountOf(socket);
    if (!found) return { ok: false, error: 'your session has ended; log in again' };
    if (found.locked) return { ok: false, error: 'this console is locked; unlock it with the PIN' };
    const parsed = await admitCommand(limiter, found.account, name, payload);
    if (!parsed.ok) return parsed.ack;

    if (name === 'subscribe') {
      const sub = parsed.value as { packets: boolean };
      await socket.join(ROOM_STATE);
      for (const w of opts.runtime.standingWarnings?.() ?? []) socket.emit('warning', w);
      socket.emit('state', opts.runtime.snapshot());
      const joining = sub.packets && !socket.rooms.has(ROOM_PACKETS);
      // Mid-show, the crowd view needs the clock, the level and every zone's look now, not at
      // the next refresh. The catch-up goes out before the socket joins the packet room (the
      // join takes effect in the same tick), so no live batch can overtake it.
      const catchUp = joining ? (opts.runtime.catchUp?.() ?? []) : [];
      if (catchUp.length > 0) socket.emit('packets', catchUp);
      if (sub.packets) await socket.join(ROOM_PACKETS);
      else await socket.leave(ROOM_PACKETS);
      return { ok: true };
    }
    if (name === 'unsubscribe') {
      await socket.leave(ROOM_STATE);
      await socket.leave(ROOM_PACKETS);
      return { ok: true };
    }
    return opts.runtime.command(name as LiveCommandName, parsed.value as never, found.account, {
      socketId: socket.id,
      toSocket: (packets: OnAirPacketInfo[]) => socket.emit('packets', packets),
    });
  }

  const subs = new Subscription();
  subs.add(merge(app.accountsChanged$, interval(opts.sessionSweepMs ?? 1000)).subscribe(() => sweep()));
  const rt = opts.runtime;
  subs.add(rt.state$.subscribe((s) => io.to(ROOM_STATE).emit('state', s)));
  subs.add(rt.health$.subscribe((h) => io.to(ROOM_STATE).emit('health', h)));
  subs.add(rt.airtime$.subscribe((a) => io.to(ROOM_STATE).emit('airtime', a)));
  subs.add(rt.lateness$.subscribe((l) => io.to(ROOM_STATE).emit('lateness', l)));
  subs.add(rt.warnings$.subscribe((w) => io.to(ROOM_STATE).emit('warning', w)));
  subs.add(
    rt.packets$
      .pipe(
        bufferTime(opts.packetBatchMs ?? 10),
        filter((batch) => batch.length > 0),
      )
      .subscribe((batch) => io.to(ROOM_PACKETS).emit('packets', batch)),
  );

  // An open websocket keeps the HTTP server from closing, and fastify waits for
  // the server before onClose: the consoles are let go before that.
  app.addHook('preClose', async () => {
    subs.unsubscribe();
    io.disconnectSockets(true);
  });
  app.addHook('onClose', async () => {
    await io.close();
  });
}

export default fp(realtimePlugin, { name: 'crowdcue-realtime', dependencies: ['crowdcue-auth'] });
