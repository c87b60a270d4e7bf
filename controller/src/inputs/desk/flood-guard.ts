/**
 * A desk sends about 44 packets a second per universe; a flood (a looping
 * switch, a hostile sender) must not take the event loop from the show. Token
 * buckets per sender address and for the whole socket drop what is over the
 * rate before any parsing. Cheap by design: a few arithmetic steps a packet.
 */
export interface FloodGuardOptions {
  /** Packets per second one sender may keep up (default 200: four universes at 44 fps, with room). */
  perSourceRate?: number;
  /** Packets per second the socket takes from everyone (default 1000). */
  totalRate?: number;
  /** Bucket size: packets that may arrive at once (default a quarter of a second's worth). */
  burstSeconds?: number;
  /** Senders tracked at most; the least recently seen is forgotten (default 256). */
  maxSources?: number;
}

interface Bucket {
  tokens: number;
  atMs: number;
}

export class FloodGuard {
  private readonly perSource: number;
  private readonly total: number;
  private readonly burst: number;
  private readonly maxSources: number;
  private readonly sources = new Map<string, Bucket>();
  private readonly all: Bucket;

  constructor(opts: FloodGuardOptions = {}) {
    this.perSource = opts.perSourceRate ?? 200;
    this.total = opts.totalRate ?? 1000;
    this.burst = opts.burstSeconds ?? 0.25;
    this.maxSources = opts.maxSources ?? 256;
    this.all = { tokens: this.total * this.burst, atMs: -Infinity };
  }

  /** Whether a packet from `source` at `nowMs` may be handled. */
  allow(source: string, nowMs: number): boolean {
    let b = this.sources.get(source);
    if (!b) {
      if (this.sources.size >= this.maxSources) this.sources.delete(this.sources.keys().next().value as string);
      b = { tokens: this.perSource * this.burst, atMs: nowMs };
    } else this.sources.delete(source);
    this.sources.set(source, b);
    const ok = take(b, this.perSource, this.perSource * this.burst, nowMs) && take(this.all, this.total, this.total * this.burst, nowMs);
    return ok;
  }
}

function take(b: Bucket, rate: number, cap: number, nowMs: number): boolean {
  if (nowMs > b.atMs) {
    b.tokens = Math.min(cap, b.tokens + (Number.isFinite(b.atMs) ? ((nowMs - b.atMs) * rate) / 1000 : cap));
    b.atMs = nowMs;
  }
  if (b.tokens < 1) return false;
  b.tokens -= 1;
  return true;
}
