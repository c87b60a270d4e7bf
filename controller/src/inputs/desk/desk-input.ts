/**
 * A lighting desk patched onto the crowd: its universe arrives over sACN or
 * Art-Net (DmxSocket), several sources merge as E1.31 says (SourceMerge), the
 * personality is read out of it (readDeskControls) and becomes the mixer's
 * 'desk' source, the show's blackout and the playbacks' GO and level.
 *
 * Only what changes what bands show leaves here: per zone a RampFollower
 * sends nothing while the bands already show the desk's colour and turns a
 * fade on the desk into one band-side fade; an effect goes once when it
 * changes. Colour changes pass the flash limit (DeskFlashGuard); effects pass
 * the mixer's safety clamp.
 *
 * Loss of signal (every source silent past the E1.31 timeout) holds the last
 * look for `holdMs`, then lets go so the sources below show. A source that
 * says Stream_Terminated left on purpose: with none left, the desk lets go at
 * once. Edges (blackout, GO) and faders (level) act on change only: the first
 * frame after start or loss is their reference, so a desk plugged in with a
 * GO held or a fader down changes nothing until it moves.
 */
import type { DeskInput as DeskInputConfig, DeskInputStatus, Look } from '@crowdcue/protocol';
import { DESK_ON, DESK_PLAYBACKS, deskFootprint } from '@crowdcue/protocol';
import type { SchedulerLike, Subscription } from 'rxjs';
import { DeskFlashGuard } from './desk-flash-guard';
import { readDeskControls, type DeskControls } from './desk-controls';
import type { DeskTarget } from './desk-target';
import { DmxSocket } from './dmx-socket';
import type { DmxFrame } from './dmx-frame';
import type { FloodGuardOptions } from './flood-guard';
import { RampFollower } from './ramp-follower';
import { SACN_SOURCE_TIMEOUT_MS, SourceMerge, type MergedDmx } from './source-merge';

export interface DeskInputOptions {
  config: DeskInputConfig;
  target: DeskTarget;
  scheduler: SchedulerLike;
  /** Flashes per second (the show's safety limit). */
  flashLimit: number;
  /** A warning for the operator (a clamped effect, a colour held back). */
  warn?: (message: string) => void;
  /** Source silence that counts as loss (default the E1.31 2.5 s). */
  sourceTimeoutMs?: number;
  flood?: FloodGuardOptions;
  /** Address to bind (default every address). */
  bindAddress?: string;
}

/** How often silence is checked for. */
const WATCH_MS = 250;

export class DeskInput {
  private readonly config: DeskInputConfig;
  private readonly target: DeskTarget;
  private readonly scheduler: SchedulerLike;
  private readonly warn: (message: string) => void;
  private readonly merge: SourceMerge;
  private readonly socket: DmxSocket;
  private readonly guard: DeskFlashGuard;
  private readonly followers = new Map<number, RampFollower>();
  /** Per zone what the desk sent last: 'color' (the follower has it), an effect's JSON, or absent (let go). */
  private readonly sent = new Map<number, string>();
  private prev: DeskControls | null = null;
  private state: DeskInputStatus['state'] = 'waiting';
  private winner: DeskInputStatus['source'] = null;
  private sourceCount = 0;
  private frameCount = 0;
  private fps = 0;
  private fpsFromMs: number;
  private holdTimer: Subscription | null = null;
  private watch: Subscription | null = null;
  private error: string | undefined;
  private lastPatch: Uint8Array | null = null;

  constructor(opts: DeskInputOptions) {
    this.config = opts.config;
    this.target = opts.target;
    this.scheduler = opts.scheduler;
    this.warn = opts.warn ?? (() => undefined);
    this.merge = new SourceMerge(opts.sourceTimeoutMs ?? SACN_SOURCE_TIMEOUT_MS);
    this.guard = new DeskFlashGuard(opts.flashLimit);
    this.fpsFromMs = this.scheduler.now();
    this.socket = new DmxSocket({
      protocol: this.config.protocol,
      universes: [this.config.universe],
      port: this.config.port,
      interface: this.config.interface,
      bindAddress: opts.bindAddress,
      flood: opts.flood,
      now: () => this.scheduler.now(),
      onFrame: (frame, now) => this.takeFrame(frame, now),
    });
  }

  /** Opens the socket; a port that cannot be had is reported in the status and thrown. */
  async start(): Promise<void> {
    try {
      await this.socket.start();
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
      throw err;
    }
    this.watch = this.every(WATCH_MS, () => this.checkSilence());
  }

  async stop(): Promise<void> {
    this.watch?.unsubscribe();
    this.holdTimer?.unsubscribe();
    await this.socket.close();
  }

  get port(): number {
    return this.socket.port;
  }

  status(): DeskInputStatus {
    this.rollFps(this.scheduler.now());
    return {
      protocol: this.config.protocol,
      universe: this.config.universe,
      address: this.config.address,
      zones: this.config.zones,
      listening: this.socket.listening,
      state: this.state,
      source: this.winner,
      sources: this.sourceCount,
      framesPerSec: this.fps,
      malformed: { ...this.socket.malformed.toJSON(), ...(this.outOfSequence > 0 ? { 'out-of-sequence': this.outOfSequence } : {}) },
      ...(this.error !== undefined ? { error: this.error } : {}),
    };
  }

  private outOfSequence = 0;

  /** One frame from the socket (public for benchmarks that feed frames without a socket). */
  takeFrame(frame: DmxFrame, now: number): void {
    const r = this.merge.push(frame, now);
    if (r.kind === 'out-of-sequence') {
      this.outOfSequence++;
      return;
    }
    this.rollFps(now);
    this.frameCount++;
    if (r.kind === 'left') {
      this.lose('released');
      return;
    }
    this.take(r.merged, now);
  }

  private take(m: MergedDmx, now: number): void {
    this.holdTimer?.unsubscribe();
    this.holdTimer = null;
    this.state = 'receiving';
    this.winner = m.winner;
    this.sourceCount = m.sources;
    const c = this.config;
    const patch = m.slots.subarray(c.address - 1, c.address - 1 + deskFootprint(c.zones));
    const same = this.lastPatch !== null && equal(this.lastPatch, patch);
    // An unchanged universe only matters to zones the bands are fading (their course may run off the desk's).
    if (same && ![...this.sent.values()].includes('color')) return;
    this.lastPatch = Uint8Array.from(patch);
    const controls = readDeskControls(m.slots, c.address, c.zones);
    this.applyShow(controls);
    this.applyZones(controls, now);
    this.prev = controls;
  }

  /** Blackout, GO and level: on change only. */
  private applyShow(c: DeskControls): void {
    const p = this.prev;
    if (!p) return;
    if (p.blackout >= DESK_ON !== c.blackout >= DESK_ON) this.report('blackout', this.target.setBlackout(c.blackout >= DESK_ON));
    for (let i = 0; i < DESK_PLAYBACKS; i++) {
      const list = this.target.cueLists[i];
      if (list === undefined) continue;
      if (p.playbacks[i].go < DESK_ON && c.playbacks[i].go >= DESK_ON) this.report(`playback ${i + 1} GO`, this.target.go(list));
      if (p.playbacks[i].level !== c.playbacks[i].level) this.report(`playback ${i + 1} level`, this.target.setLevel(list, c.playbacks[i].level));
    }
  }

  private applyZones(c: DeskControls, now: number): void {
    const looks: Array<{ zone: number; look: Look }> = [];
    const letGo: number[] = [];
    for (const ask of c.zones) {
      if (!this.target.zones.includes(ask.zone)) continue;
      const follower = this.follower(ask.zone);
      const had = this.sent.get(ask.zone);
      if (Math.max(...ask.rgb) < 0.5) {
        if (had !== undefined) letGo.push(ask.zone);
        this.sent.delete(ask.zone);
        follower.reset();
        this.guard.forget(ask.zone);
        continue;
      }
      if (ask.effect) {
        const key = JSON.stringify(ask.effect);
        if (had !== key) looks.push({ zone: ask.zone, look: ask.effect });
        this.sent.set(ask.zone, key);
        follower.reset();
        continue;
      }
      if (had !== 'color') follower.reset();
      const look = follower.push(now, ask.rgb);
      if (!look) continue;
      if (!this.guard.allow(ask.zone, look.color, now)) {
        // Held back: the next frame tries again from the colour then.
        follower.reset();
        if (this.guard.heldBack === 1 || this.guard.heldBack % 100 === 0) this.warn(`desk: zone ${ask.zone} changes faster than the flash limit; held back (${this.guard.heldBack} so far)`);
        continue;
      }
      looks.push({ zone: ask.zone, look });
      this.sent.set(ask.zone, 'color');
    }
    if (looks.length > 0) this.report('looks', this.target.setLooks(looks));
    if (letGo.length > 0) this.report('release', this.target.release(letGo));
  }

  private follower(zone: number): RampFollower {
    let f = this.followers.get(zone);
    if (!f) {
      f = new RampFollower();
      this.followers.set(zone, f);
    }
    return f;
  }

  private checkSilence(): void {
    const now = this.scheduler.now();
    if (this.merge.expire(now) === 0) return;
    const left = this.merge.current();
    if (left) {
      this.take(left, now);
      return;
    }
    this.lose('holding');
  }

  /** Every source is gone: hold (then let go) or let go now. */
  private lose(how: 'holding' | 'released'): void {
    this.sourceCount = 0;
    this.prev = null;
    this.lastPatch = null;
    if (how === 'holding' && this.config.holdMs > 0) {
      this.state = 'holding';
      this.freeze();
      this.holdTimer?.unsubscribe();
      this.holdTimer = this.scheduler.schedule(() => this.letGoAll(), this.config.holdMs);
      return;
    }
    this.letGoAll();
  }

  /** Zones the bands are fading on the desk's behalf stop at the desk's last colour. */
  private freeze(): void {
    const now = this.scheduler.now();
    const looks: Array<{ zone: number; look: Look }> = [];
    for (const [zone, what] of this.sent) {
      if (what !== 'color') continue;
      const look = this.follower(zone).hold(now);
      if (look) looks.push({ zone, look });
    }
    if (looks.length > 0) this.report('hold', this.target.setLooks(looks));
  }

  private letGoAll(): void {
    this.holdTimer = null;
    this.state = 'released';
    if (this.sent.size > 0) this.report('release', this.target.release('all'));
    this.sent.clear();
    for (const f of this.followers.values()) f.reset();
  }

  private report(what: string, r: { ok: boolean; error?: string; warning?: string }): void {
    if (!r.ok) this.warn(`desk ${what}: ${r.error ?? 'refused'}`);
    else if (r.warning !== undefined) this.warn(`desk ${what}: ${r.warning}`);
  }

  private rollFps(now: number): void {
    const dt = now - this.fpsFromMs;
    if (dt < 1000) return;
    this.fps = dt < 2000 ? Math.round((this.frameCount * 1000) / dt) : 0;
    this.frameCount = 0;
    this.fpsFromMs = now;
  }

  private every(ms: number, work: () => void): Subscription {
    return this.scheduler.schedule(function (this: { schedule(state?: undefined, delay?: number): unknown }) {
      work();
      this.schedule(undefined, ms);
    }, ms);
  }
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
