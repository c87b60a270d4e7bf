/**
 * Chooses the one packet a XyloSender gets in each free slot.
 *
 * The sketch takes a packet about every 50 ms plus airtime and has no queue, so
 * the host decides, slot by slot, what matters most (spec section 3, XyloLibrary):
 *   1. sleep / wake-up packets the show asked for (4 times, 80 ms apart);
 *   2. the 10-second wake at show start: the raw wake packet every 80 ms;
 *   3. colour commands for zones whose colour changed (4 times, 80 ms apart);
 *      a newer colour for a zone removes it from older commands' masks, so a
 *      fade sends its latest step, not a backlog;
 *   4. keep-alive: the raw wake packet 4 times every 2 s;
 *   5. refresh: each zone's colour again when it has not been on air for 500 ms.
 * Zones sharing a colour share one command (one 12-bit mask).
 */
import {
  nextXyloCounter,
  rgb332,
  rgbFrom332,
  XYLO_ALL_ZONES,
  XYLO_KEEPALIVE_INTERVAL_MS,
  XYLO_KEEP_ALIVE,
  XYLO_REFRESH_MS,
  XYLO_REPEAT_GAP_MS,
  XYLO_REPEATS,
  XYLO_SLEEP,
  XYLO_WAKE,
  XYLO_WAKE_MS,
  xyloColorPacket,
  type Rgb,
} from '@crowdcue/protocol';
import { XYLO_ZONES } from './xylo-zone-model';

export interface XyloAirOptions {
  /** Xyloband site byte. */
  site: number;
  /** Transmissions per command (the library's PACKET_REPEAT_CNT). */
  repeats: number;
  /** ms between transmissions of one command (the library's PACKET_REPEAT_DELAY). */
  repeatGapMs: number;
  /** Length of the wake phase at show start, ms. */
  wakeMs: number;
  keepAliveEveryMs: number;
  refreshEveryMs: number;
  /** First command counter (1..255). */
  counterStart: number;
}

export const XYLO_AIR_DEFAULTS: XyloAirOptions = {
  site: 0,
  repeats: XYLO_REPEATS,
  repeatGapMs: XYLO_REPEAT_GAP_MS,
  wakeMs: XYLO_WAKE_MS,
  keepAliveEveryMs: XYLO_KEEPALIVE_INTERVAL_MS,
  refreshEveryMs: XYLO_REFRESH_MS,
  counterStart: 1,
};

export type XyloPacketKind = 'colour' | 'refresh' | 'wake' | 'keep-alive' | 'sleep';

export interface XyloOutput {
  kind: XyloPacketKind;
  /** The RF packet (what the sketch puts on air, without the length byte). */
  packet: Uint8Array;
  /** Xyloband zones it reaches (bit 0 = zone 1); 0xFFF for raw packets. */
  zonesMask: number;
  counter?: number;
}

interface ColourCommand {
  counter: number;
  code: number;
  rgb: Rgb;
  mask: number;
  left: number;
  dueMs: number;
  kind: 'colour' | 'refresh';
}

interface RawRun {
  kind: 'sleep' | 'wake' | 'keep-alive';
  packet: Uint8Array;
  left: number;
  dueMs: number;
}

const ALL_ZONES = XYLO_ALL_ZONES;

export class XyloAirQueue {
  readonly options: XyloAirOptions;
  private counter: number;
  private commands: ColourCommand[] = [];
  /** Sleep / wake-up runs the show asked for. */
  private control: RawRun[] = [];
  private keepAlive: RawRun | undefined;
  private nextKeepAliveMs = Infinity;
  private wakeUntilMs = -Infinity;
  private nextWakeMs = 0;
  private sleeping = false;
  /** RGB332 code last commanded per zone; -1 = bands told nothing we trust. */
  private commanded = new Array<number>(XYLO_ZONES).fill(-1);
  private lastAirMs = new Array<number>(XYLO_ZONES).fill(-Infinity);

  constructor(options: Partial<XyloAirOptions> = {}) {
    this.options = { ...XYLO_AIR_DEFAULTS, ...options };
    this.counter = this.options.counterStart;
  }

  /** Show start or wake-up: 10 s of raw wake packets, then keep-alives. */
  startWake(nowMs: number): void {
    this.sleeping = false;
    this.wakeUntilMs = nowMs + this.options.wakeMs;
    this.nextWakeMs = nowMs;
    this.nextKeepAliveMs = this.wakeUntilMs + this.options.keepAliveEveryMs;
    this.forget();
  }

  sleepAll(nowMs: number): void {
    this.sleeping = true;
    this.wakeUntilMs = -Infinity;
    this.commands = [];
    this.keepAlive = undefined;
    this.control = [{ kind: 'sleep', packet: XYLO_SLEEP, left: this.options.repeats, dueMs: nowMs }];
  }

  wakeAll(nowMs: number): void {
    this.control = [];
    this.startWake(nowMs);
  }

  /** After a reconnect nothing the bands were told is trusted: every zone is sent again. */
  forget(): void {
    this.commanded.fill(-1);
    this.commands = [];
  }

  get isSleeping(): boolean {
    return this.sleeping;
  }

  /** Transmissions waiting (health's queue depth). */
  get depth(): number {
    let n = this.keepAlive?.left ?? 0;
    for (const c of this.commands) n += c.left;
    for (const c of this.control) n += c.left;
    return n;
  }

  /** The packet for the slot starting now, if any; `desired` is each zone's colour now (undefined = leave it alone). */
  next(nowMs: number, desired: ReadonlyArray<Rgb | undefined>): XyloOutput | undefined {
    if (!this.sleeping) this.noteChanges(nowMs, desired);

    const control = this.control.find((c) => c.dueMs <= nowMs);
    if (control) return this.emitRaw(control, nowMs, (r) => (this.control = this.control.filter((c) => c !== r)));
    if (this.sleeping) return undefined;

    if (nowMs < this.wakeUntilMs) {
      if (nowMs >= this.nextWakeMs) {
        this.nextWakeMs = nowMs + this.options.repeatGapMs;
        return { kind: 'wake', packet: XYLO_WAKE, zonesMask: ALL_ZONES };
      }
    } else if (!this.keepAlive && nowMs >= this.nextKeepAliveMs) {
      this.keepAlive = { kind: 'keep-alive', packet: XYLO_KEEP_ALIVE, left: this.options.repeats, dueMs: nowMs };
      this.nextKeepAliveMs = nowMs + this.options.keepAliveEveryMs;
    }

    // A keep-alive long overdue beats colour traffic, or a busy effect would starve it.
    const ka = this.keepAlive;
    if (ka && ka.dueMs <= nowMs - this.options.refreshEveryMs) return this.emitRaw(ka, nowMs, () => (this.keepAlive = undefined));

    let cmd: ColourCommand | undefined;
    for (const c of this.commands) if (c.dueMs <= nowMs && (!cmd || c.dueMs < cmd.dueMs)) cmd = c;
    if (cmd) return this.emitColour(cmd, nowMs);

    if (ka && ka.dueMs <= nowMs) return this.emitRaw(ka, nowMs, () => (this.keepAlive = undefined));
    if (nowMs < this.wakeUntilMs) return undefined;

    const refresh = this.refreshCommand(nowMs);
    return refresh ? this.emitColour(refresh, nowMs) : undefined;
  }

  private nextCounter(): number {
    const c = this.counter;
    this.counter = nextXyloCounter(this.counter);
    return c;
  }

  private noteChanges(nowMs: number, desired: ReadonlyArray<Rgb | undefined>): void {
    const groups = new Map<number, { rgb: Rgb; mask: number }>();
    for (let z = 0; z < XYLO_ZONES; z++) {
      const rgb = desired[z];
      if (!rgb) continue;
      const code = rgb332(rgb);
      if (code === this.commanded[z]) continue;
      this.commanded[z] = code;
      const g = groups.get(code);
      if (g) g.mask |= 1 << z;
      else groups.set(code, { rgb, mask: 1 << z });
    }
    if (groups.size === 0) return;
    let changed = 0;
    for (const g of groups.values()) changed |= g.mask;
    // Older commands must not put a superseded colour back on those zones.
    for (const c of this.commands) c.mask &= ~changed;
    this.commands = this.commands.filter((c) => c.mask !== 0);
    for (const [code, g] of groups) {
      this.commands.push({ counter: this.nextCounter(), code, rgb: g.rgb, mask: g.mask, left: this.options.repeats, dueMs: nowMs, kind: 'colour' });
    }
  }

  private refreshCommand(nowMs: number): ColourCommand | undefined {
    let pending = 0;
    for (const c of this.commands) pending |= c.mask;
    let stalest = -1;
    for (let z = 0; z < XYLO_ZONES; z++) {
      if (this.commanded[z] < 0 || pending & (1 << z)) continue;
      if (this.lastAirMs[z] > nowMs - this.options.refreshEveryMs) continue;
      if (stalest < 0 || this.lastAirMs[z] < this.lastAirMs[stalest]) stalest = z;
    }
    if (stalest < 0) return undefined;
    const code = this.commanded[stalest];
    let mask = 0;
    for (let z = 0; z < XYLO_ZONES; z++) if (this.commanded[z] === code && !(pending & (1 << z))) mask |= 1 << z;
    const rgb = rgbFrom332(code);
    return { counter: this.nextCounter(), code, rgb, mask, left: 1, dueMs: nowMs, kind: 'refresh' };
  }

  private emitColour(cmd: ColourCommand, nowMs: number): XyloOutput {
    const packet = xyloColorPacket({ site: this.options.site, zonesMask: cmd.mask, counter: cmd.counter, rgb: cmd.rgb });
    for (let z = 0; z < XYLO_ZONES; z++) if (cmd.mask & (1 << z)) this.lastAirMs[z] = nowMs;
    cmd.left -= 1;
    cmd.dueMs = nowMs + this.options.repeatGapMs;
    if (cmd.left <= 0) this.commands = this.commands.filter((c) => c !== cmd);
    return { kind: cmd.kind, packet, zonesMask: cmd.mask, counter: cmd.counter };
  }

  private emitRaw(run: RawRun, nowMs: number, remove: (r: RawRun) => void): XyloOutput {
    run.left -= 1;
    run.dueMs = nowMs + this.options.repeatGapMs;
    if (run.left <= 0) remove(run);
    return { kind: run.kind, packet: run.packet, zonesMask: ALL_ZONES };
  }
}
