/**
 * The console's one socket to the controller: commands with acks, and the live
 * streams (state, health, airtime, lateness, warnings, packets, show changes).
 * Everything live on screen comes from here, so every console shows the same
 * show. Framework-free; React reads it through useSyncExternalStore.
 */
import type {
  AirtimeReport,
  ClientToServerEvents,
  CommandAck,
  CommandInput,
  CommandName,
  LatenessReport,
  LiveState,
  OnAirPacketInfo,
  ServerToClientEvents,
  TransmitterHealthInfo,
} from '@crowdcue/protocol';
import { io, type Socket } from 'socket.io-client';
import { ShowTime } from '../crowd/show-time';
import { GoLockout, goLockoutOf } from './go-lockout';
import { ReconnectBackoff } from './reconnect-backoff';

/**
 * `syncing`: connected again, waiting for the controller's fresh state; the
 * live controls stay off until it arrives (`online`).
 */
export type ConnectionStatus = 'connecting' | 'syncing' | 'online' | 'offline' | 'refused';

export interface LiveWarningItem {
  id: number;
  /** In the show's words. */
  message: string;
  /** The technical path behind it, shown on demand. */
  detail?: string;
  code?: string;
  atMs?: number;
  /** Local time it arrived (ms since epoch). */
  at: number;
  level: 'warning' | 'error' | 'info';
}

export interface LiveSnapshot {
  status: ConnectionStatus;
  /** The controller's refusal of this console, in words (log in first, locked, ...). */
  statusText?: string;
  /** This console's epoch ms when the link went down; null while online. The last state stays on screen, stale. */
  offlineSince: number | null;
  state: LiveState | null;
  /** This console's clock (ShowTime's local wall ms) when `state` arrived: countdowns run from here. */
  stateAtLocalMs: number;
  /** Playbacks (cue list id; '' = the show's first list) inside their GO lock-out now, until (local ms). */
  goLocked: Readonly<Record<string, number>>;
  health: TransmitterHealthInfo[];
  airtime: AirtimeReport | null;
  lateness: LatenessReport | null;
  /** Newest first. */
  warnings: LiveWarningItem[];
}

type PacketListener = (batch: OnAirPacketInfo[]) => void;
type ShowChangeListener = (change: { show: string; revision: number; by?: string }) => void;

const ACK_TIMEOUT_MS = 5000;
const MAX_WARNINGS = 50;

export class LiveStore {
  private socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
  private snap: LiveSnapshot = { status: 'connecting', offlineSince: null, state: null, stateAtLocalMs: 0, goLocked: {}, health: [], airtime: null, lateness: null, warnings: [] };
  private readonly listeners = new Set<() => void>();
  private readonly packetListeners = new Set<PacketListener>();
  private readonly showListeners = new Set<ShowChangeListener>();
  private packetWanters = 0;
  private warningId = 0;
  private readonly goLockout = new GoLockout();
  private readonly backoff = new ReconnectBackoff();
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Show time from the state stream: the show clock, and where packets land on this console's clock. */
  readonly showTime = new ShowTime();

  connect(): void {
    if (this.socket) return;
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({ transports: ['websocket'], withCredentials: true });
    this.socket = socket;
    socket.on('connect', () => {
      this.backoff.reset();
      this.clearRetry();
      // Nothing on screen may act until the controller has said where the show is now.
      this.set({ status: 'syncing', statusText: undefined });
      this.subscribe();
    });
    socket.on('disconnect', (reason) => {
      this.wentOffline();
      // A dropped transport is retried by socket.io itself, with back-off. A close by the
      // controller (a restart, the session ended, the role changed) is not: ask again, with
      // our own back-off, to be let in with what the account may do now, or be told to log in.
      if (reason === 'io server disconnect') this.retry();
    });
    socket.on('connect_error', (err) => {
      const refused = /log in|no live console|locked|another site/i.test(err.message);
      if (refused) {
        this.clearRetry();
        this.set({ status: 'refused', statusText: err.message });
        return;
      }
      this.wentOffline();
      // socket.io keeps trying while the socket is active; a manual connect that failed is ours to retry.
      if (!socket.active) this.retry();
    });
    socket.on('state', (state) => {
      this.showTime.update(state);
      const fresh = this.snap.status === 'syncing' ? { status: 'online' as const, offlineSince: null } : {};
      this.set({ state, stateAtLocalMs: this.showTime.localWall(), ...fresh });
    });
    socket.on('health', (health) => this.set({ health }));
    socket.on('airtime', (airtime) => this.set({ airtime }));
    socket.on('lateness', (lateness) => this.set({ lateness }));
    socket.on('warning', (w) => this.warn(w.message, 'warning', w.code, w.atMs, w.detail));
    socket.on('packets', (batch) => {
      if (!Array.isArray(batch)) return;
      for (const l of this.packetListeners) l(batch);
    });
    socket.on('showChanged', (change) => {
      for (const l of this.showListeners) l(change);
    });
  }

  disconnect(): void {
    this.clearRetry();
    this.socket?.close();
    this.socket = null;
    this.showTime.reset();
    this.goLockout.reset();
    this.set({ status: 'offline', offlineSince: null, state: null, goLocked: {} });
  }

  /** The link is down: the last state stays on screen, its clocks stand still, and GO is off. */
  private wentOffline(): void {
    if (this.snap.status === 'offline') return;
    this.showTime.hold();
    this.set({ status: 'offline', offlineSince: this.snap.offlineSince ?? Date.now(), goLocked: {} });
  }

  private retry(): void {
    if (this.retryTimer !== undefined) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      const socket = this.socket;
      if (!socket || socket.connected) return;
      this.set({ status: 'connecting' });
      socket.connect();
    }, this.backoff.next());
  }

  private clearRetry(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  /** Reconnects (after an unlock or a new login) so the server re-reads the session. */
  reconnect(): void {
    this.disconnect();
    this.set({ status: 'connecting' });
    this.connect();
  }

  private subscribe(): void {
    this.socket?.emit('subscribe', { packets: this.packetWanters > 0 }, (ack) => {
      if (!ack.ok) this.warn(`live state: ${ack.error}`, 'error');
    });
  }

  /** Sends a command; resolves with the server's ack (or a timeout/offline reason). */
  command<K extends CommandName>(name: K, payload: CommandInput<K>): Promise<CommandAck> {
    const socket = this.socket;
    if (!socket?.connected) return Promise.resolve({ ok: false, error: 'the controller is offline' });
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve({ ok: false, error: `${name}: no answer from the controller` }), ACK_TIMEOUT_MS);
      const emit = socket.emit.bind(socket) as (n: string, p: unknown, ack: (r: CommandAck) => void) => void;
      emit(name, payload, (ack) => {
        clearTimeout(timer);
        resolve(ack);
      });
    });
  }

  /** A command whose refusal the operator must see. */
  async run<K extends CommandName>(name: K, payload: CommandInput<K>): Promise<CommandAck> {
    const ack = await this.command(name, payload);
    if (!ack.ok) this.warn(ack.error, 'error');
    return ack;
  }

  /**
   * GO one playback (`cueList`; absent = the show's first list). A second GO for
   * the same playback inside the show's lock-out is dropped here, unsent, so a
   * double-click is one GO; resolves null when it was dropped.
   */
  go(cueList: string | undefined): Promise<CommandAck> | null {
    const key = cueList ?? '';
    const lockoutMs = goLockoutOf(this.snap.state?.goLockoutMs);
    const now = this.showTime.localWall();
    if (!this.goLockout.tryGo(key, now, lockoutMs)) return null;
    const until = now + lockoutMs;
    this.set({ goLocked: { ...this.snap.goLocked, [key]: until } });
    // Only the display of the lock: the guard above decides by the clock.
    setTimeout(() => {
      if (this.snap.goLocked[key] !== until) return;
      const rest = { ...this.snap.goLocked };
      delete rest[key];
      this.set({ goLocked: rest });
    }, lockoutMs);
    return this.run('go', cueList === undefined ? {} : { cueList });
  }

  /** Receive on-air packets while `listener` is registered. */
  onPackets(listener: PacketListener, live = true): () => void {
    this.packetListeners.add(listener);
    if (live && this.packetWanters++ === 0) this.subscribe();
    return () => {
      this.packetListeners.delete(listener);
      if (live && --this.packetWanters === 0) this.subscribe();
    };
  }

  onShowChanged(listener: ShowChangeListener): () => void {
    this.showListeners.add(listener);
    return () => this.showListeners.delete(listener);
  }

  warn(message: string, level: LiveWarningItem['level'] = 'warning', code?: string, atMs?: number, detail?: string): void {
    const item: LiveWarningItem = { id: ++this.warningId, message, detail, code, atMs, at: Date.now(), level };
    this.set({ warnings: [item, ...this.snap.warnings].slice(0, MAX_WARNINGS) });
  }

  dismiss(id: number): void {
    this.set({ warnings: this.snap.warnings.filter((w) => w.id !== id) });
  }

  subscribeStore = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  getSnapshot = (): LiveSnapshot => this.snap;

  private set(patch: Partial<LiveSnapshot>): void {
    this.snap = { ...this.snap, ...patch };
    for (const l of this.listeners) l();
  }
}
