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

export type ConnectionStatus = 'connecting' | 'online' | 'offline' | 'refused';

export interface LiveWarningItem {
  id: number;
  message: string;
  code?: string;
  atMs?: number;
  /** Local time it arrived (ms since epoch). */
  at: number;
  level: 'warning' | 'error' | 'info';
}

export interface LiveSnapshot {
  status: ConnectionStatus;
  statusText?: string;
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
  private snap: LiveSnapshot = { status: 'connecting', state: null, stateAtLocalMs: 0, goLocked: {}, health: [], airtime: null, lateness: null, warnings: [] };
  private readonly listeners = new Set<() => void>();
  private readonly packetListeners = new Set<PacketListener>();
  private readonly showListeners = new Set<ShowChangeListener>();
  private packetWanters = 0;
  private warningId = 0;
  private readonly goLockout = new GoLockout();
  /** Show time from the state stream: the show clock, and where packets land on this console's clock. */
  readonly showTime = new ShowTime();

  connect(): void {
    if (this.socket) return;
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({ transports: ['websocket'], withCredentials: true });
    this.socket = socket;
    socket.on('connect', () => {
      this.set({ status: 'online', statusText: undefined });
      this.subscribe();
    });
    socket.on('disconnect', (reason) => {
      this.set({ status: 'offline', statusText: reason });
      // The controller closes a console's socket when its session ends or its role changes
      // (and when it shuts down): ask again, to be let in with what the account may do now,
      // or be told to log in. socket.io does not retry a server-side close by itself.
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.on('connect_error', (err) => {
      const refused = /log in|no live console|locked/i.test(err.message);
      this.set({ status: refused ? 'refused' : 'offline', statusText: err.message });
    });
    socket.on('state', (state) => {
      this.showTime.update(state);
      this.set({ state, stateAtLocalMs: this.showTime.localWall() });
    });
    socket.on('health', (health) => this.set({ health }));
    socket.on('airtime', (airtime) => this.set({ airtime }));
    socket.on('lateness', (lateness) => this.set({ lateness }));
    socket.on('warning', (w) => this.warn(w.message, 'warning', w.code, w.atMs));
    socket.on('packets', (batch) => {
      if (!Array.isArray(batch)) return;
      for (const l of this.packetListeners) l(batch);
    });
    socket.on('showChanged', (change) => {
      for (const l of this.showListeners) l(change);
    });
  }

  disconnect(): void {
    this.socket?.close();
    this.socket = null;
    this.showTime.reset();
    this.goLockout.reset();
    this.set({ status: 'offline', state: null, goLocked: {} });
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
    if (!socket?.connected) return Promise.resolve({ ok: false, error: 'not connected to the controller' });
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

  warn(message: string, level: LiveWarningItem['level'] = 'warning', code?: string, atMs?: number): void {
    const item: LiveWarningItem = { id: ++this.warningId, message, code, atMs, at: Date.now(), level };
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
