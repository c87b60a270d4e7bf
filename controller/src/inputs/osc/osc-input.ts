/**
 * The OSC input: a UDP port that show-callers (QLab, Companion, TouchOSC)
 * send commands to, and that sends state feedback to the clients that
 * subscribe. What it takes, in order, each step counted for the console:
 *
 * 1. only packets from the allow-list (others are dropped, unanswered);
 * 2. at most `packetsPerSecond` packets a second from one source (a flood is
 *    dropped before it is decoded);
 * 3. only OSC (anything else is counted malformed and answered with a reason);
 * 4. only the addresses of the address space, with their arguments;
 * 5. then each command passes the console's own gate (live-command-gate:
 *    permission, live command rate per source, payload schema) and the live
 *    runtime's command path, with its safety (busks clamped to the show's
 *    flash limit). An OSC source acts as an operator: never more.
 *
 * Every command is answered (`/crowdcue/ok` or `/crowdcue/error` with the
 * reason) to the port it came from.
 */
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import type { LiveState, OscInput, OscInputStatus } from '@crowdcue/protocol';
import { toBuffer, type OscArgInput } from 'osc-min';
import { auditTime, Subscription, type Observable } from 'rxjs';
import type { PublicAccount } from '../../accounts/account-store';
import type { LiveRuntime } from '../../live/live-runtime';
import { admitCommand } from '../../server/live-command-gate';
import { LiveCommandLimiter, type LiveCommandLimits } from '../../server/live-command-limits';
import { readOscMessage, type OscRequest } from './osc-address-space';
import { AllowList } from './osc-allow-list';
import { decodeOscPacket, type OscMessageIn } from './osc-decode';
import { FeedbackDiff, feedbackMessages, type OscOut } from './osc-feedback';
import { FloodGuard } from './osc-flood-guard';
import { Subscribers } from './osc-subscribers';

export type OscRuntime = Pick<LiveRuntime, 'command' | 'snapshot'> & { readonly state$: Observable<LiveState> };

export interface OscInputOptions {
  config: OscInput;
  /** Address to listen on (the controller's own --host). */
  host: string;
  /** Overrides `config.port` (`--osc PORT`); 0 = any free port (tests). */
  port?: number;
  source?: OscInputStatus['source'];
  runtime: OscRuntime;
  /** The incoming timecode as text, when the show has a timecode source. */
  timecode?: () => string | null;
  /** Packets a second one source may send (default 200: a TouchOSC page of faders moving). */
  packetsPerSecond?: number;
  /** Live commands a second per source (default: the console's, 30 presses and 120 fader moves). */
  commandLimits?: LiveCommandLimits;
  /** Feedback goes out at most this often, ms (default 50). */
  feedbackEveryMs?: number;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

/** Packets waiting for the ones before them: beyond this a source is flooding and packets are dropped. */
const MAX_QUEUED = 256;
const RECENT = 8;

export class OscInputServer {
  private readonly socket: Socket;
  private readonly allow: AllowList;
  private readonly flood: FloodGuard;
  private readonly limiter: LiveCommandLimiter;
  private readonly subscribers: Subscribers;
  private readonly diff = new FeedbackDiff();
  private readonly subs = new Subscription();
  private queue: Promise<void> = Promise.resolve();
  private queued = 0;
  private closed = false;
  private boundPort = 0;
  private readonly counts = { messages: 0, dropped: 0, malformed: 0, rateLimited: 0 };
  private secondStart = performance.now();
  private thisSecond = 0;
  private lastSecond = 0;
  private readonly recent: OscInputStatus['recent'] = [];

  private constructor(private readonly opts: OscInputOptions) {
    this.socket = createSocket({ type: isIPv6(opts.host) ? 'udp6' : 'udp4' });
    this.allow = new AllowList(opts.config.allow);
    this.flood = new FloodGuard(opts.packetsPerSecond ?? 200);
    this.limiter = new LiveCommandLimiter({ pressesPerSecond: 30, fadesPerSecond: 120, ...opts.commandLimits });
    this.subscribers = new Subscribers(opts.config.feedback.maxSubscribers);
  }

  /** Opens the port; refuses with the reason (a port in use) and leaves nothing open. */
  static async open(opts: OscInputOptions): Promise<OscInputServer> {
    const input = new OscInputServer(opts);
    await input.bind();
    return input;
  }

  private bind(): Promise<void> {
    const port = this.opts.port ?? this.opts.config.port;
    return new Promise((resolve, reject) => {
      const fail = (err: NodeJS.ErrnoException) => {
        this.socket.close();
        reject(new Error(err.code === 'EADDRINUSE' ? `OSC port ${port} is in use (another program listening there?)` : `OSC port ${port} could not be opened: ${err.message}`));
      };
      this.socket.once('error', fail);
      this.socket.bind(port, this.opts.host, () => {
        this.socket.off('error', fail);
        // A send to a client that went away comes back as an error on the socket: never fatal.
        this.socket.on('error', (err) => this.opts.log?.('warn', `OSC: ${err.message}`));
        this.socket.on('message', (bytes, from) => this.take(bytes, from));
        this.boundPort = this.socket.address().port;
        if (this.opts.config.feedback.enabled) {
          // What a subscriber joining now is sent whole: later pushes carry only what changed since.
          this.diff.changed(this.feedbackOf(this.opts.runtime.snapshot()));
          this.subs.add(this.opts.runtime.state$.pipe(auditTime(this.opts.feedbackEveryMs ?? 50)).subscribe((state) => this.pushFeedback(state)));
        }
        resolve();
      });
    });
  }

  get port(): number {
    return this.boundPort;
  }

  status(): OscInputStatus {
    this.tickSecond();
    const stale = performance.now() - this.secondStart >= 2000;
    return {
      state: 'listening',
      port: this.boundPort,
      source: this.opts.source ?? 'show',
      subscribers: this.subscribers.size,
      messagesPerSecond: stale ? 0 : this.lastSecond,
      ...this.counts,
      recent: [...this.recent],
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.subs.unsubscribe();
    await new Promise<void>((resolve) => this.socket.close(() => resolve()));
  }

  // ---- in ---------------------------------------------------------------------

  private take(bytes: Buffer, from: RemoteInfo): void {
    if (this.closed) return;
    const who = `${from.address}:${from.port}`;
    if (!this.allow.allows(from.address)) {
      this.counts.dropped++;
      this.note(who, `${bytes.length} bytes`, 'not on the allow-list');
      return;
    }
    if (!this.flood.admit(from.address) || this.queued >= MAX_QUEUED) {
      this.counts.rateLimited++;
      return;
    }
    const packet = decodeOscPacket(bytes);
    if (!packet.ok) {
      this.counts.malformed++;
      this.note(who, `${bytes.length} bytes`, packet.error);
      this.send(from.address, from.port, '/crowdcue/error', [s(''), s(packet.error)]);
      return;
    }
    if (packet.skipped > 0) {
      this.counts.malformed += packet.skipped;
      this.note(who, 'bundle', `${packet.skipped} messages past the first ${packet.messages.length} not taken`);
    }
    // Commands run one after another in arrival order: a GO then a GO is two GOs, in that order.
    this.queued++;
    this.queue = this.queue.then(async () => {
      try {
        for (const m of packet.messages) await this.handle(m, from);
      } catch (err) {
        this.opts.log?.('error', `OSC ${who}: ${err instanceof Error ? err.message : String(err)}`);
      } finally {
        this.queued--;
      }
    });
  }

  private async handle(m: OscMessageIn, from: RemoteInfo): Promise<void> {
    if (this.closed) return;
    this.counts.messages++;
    this.tickSecond();
    this.thisSecond++;
    const who = `${from.address}:${from.port}`;
    const request: OscRequest = readOscMessage(m.address, m.args);
    switch (request.kind) {
      case 'ignore':
        return;
      case 'error':
        this.counts.malformed++;
        return this.refuse(from, m.address, request.error);
      case 'ping':
        return this.send(from.address, from.port, '/crowdcue/pong', []);
      case 'unsubscribe':
        this.subscribers.remove(from.address, request.port ?? from.port);
        return this.send(from.address, from.port, '/crowdcue/ok', [s(m.address)]);
      case 'subscribe': {
        if (!this.opts.config.feedback.enabled) return this.refuse(from, m.address, 'state feedback is off for this show (inputs.osc.feedback.enabled)');
        const port = request.port ?? from.port;
        this.send(from.address, from.port, '/crowdcue/ok', [s(m.address)]);
        if (this.subscribers.add(from.address, port)) {
          const all = this.feedbackOf(this.opts.runtime.snapshot());
          for (const out of all) this.send(from.address, port, out.address, out.args);
        }
        return;
      }
      case 'command': {
        const account = oscAccount(from.address);
        const admitted = await admitCommand(this.limiter, account, request.name, request.payload);
        if (!admitted.ok) {
          if (admitted.why === 'rate') this.counts.rateLimited++;
          else this.counts.malformed++;
          return this.refuse(from, m.address, admitted.ack.error);
        }
        const ack = await this.opts.runtime.command(request.name, admitted.value as never, account, { socketId: `osc:${who}`, toSocket: () => undefined });
        if (ack.ok) return this.send(from.address, from.port, '/crowdcue/ok', [s(m.address)]);
        return this.refuse(from, m.address, ack.error);
      }
    }
  }

  private refuse(from: RemoteInfo, address: string, why: string): void {
    this.note(`${from.address}:${from.port}`, address.slice(0, 100), why);
    this.send(from.address, from.port, '/crowdcue/error', [s(address.slice(0, 200)), s(why)]);
  }

  private note(from: string, what: string, why: string): void {
    this.recent.push({ from, what, why });
    if (this.recent.length > RECENT) this.recent.shift();
  }

  private tickSecond(): void {
    const t = performance.now();
    if (t - this.secondStart < 1000) return;
    this.lastSecond = t - this.secondStart < 2000 ? this.thisSecond : 0;
    this.thisSecond = 0;
    this.secondStart = t;
  }

  // ---- out --------------------------------------------------------------------

  /** Feedback for a live state: timecode from the hook when given, else the live timecode input's. */
  private feedbackOf(state: LiveState) {
    return feedbackMessages({ state, timecode: this.opts.timecode?.() ?? state.inputs?.timecode?.timecode ?? null });
  }

  private pushFeedback(state: LiveState): void {
    if (this.closed) return;
    const changed = this.diff.changed(this.feedbackOf(state));
    if (changed.length === 0) return;
    for (const sub of this.subscribers.list()) for (const out of changed) this.send(sub.address, sub.port, out.address, out.args);
  }

  private send(address: string, port: number, oscAddress: string, args: OscOut['args']): void {
    if (this.closed) return;
    const bytes = toBuffer({ address: oscAddress, args });
    this.socket.send(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), port, address);
  }
}

const s = (value: string): OscArgInput => ({ type: 'string', value });

/**
 * Who an OSC source is to the command gate: an operator, whatever the account
 * that configured the input (an admin's role never reaches OSC), one rate
 * budget per source address.
 */
export function oscAccount(address: string): PublicAccount {
  return { id: `osc:${address}`, username: `OSC ${address}`, role: 'operator', createdAt: '' };
}
