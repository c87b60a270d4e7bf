/**
 * Clients that asked for state feedback. Feedback goes only back to the
 * address a subscription came from (never to a third address named in it, so
 * the input cannot be used to aim traffic elsewhere); a subscription lasts
 * SUBSCRIPTION_MS and is renewed by subscribing again; past the limit the one
 * renewed longest ago makes room.
 */
export const SUBSCRIPTION_MS = 10 * 60_000;

export interface Subscriber {
  address: string;
  port: number;
  renewedAt: number;
}

export class Subscribers {
  private readonly byKey = new Map<string, Subscriber>();

  constructor(
    private readonly max: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Adds or renews; true when this client is new (it is then sent the whole state). */
  add(address: string, port: number): boolean {
    this.expire();
    const key = `${address}|${port}`;
    const isNew = !this.byKey.has(key);
    this.byKey.delete(key);
    this.byKey.set(key, { address, port, renewedAt: this.now() });
    // Map order is renewal order: the first key is the one renewed longest ago.
    while (this.byKey.size > this.max) this.byKey.delete(this.byKey.keys().next().value as string);
    return isNew;
  }

  remove(address: string, port: number): void {
    this.byKey.delete(`${address}|${port}`);
  }

  list(): Subscriber[] {
    this.expire();
    return [...this.byKey.values()];
  }

  get size(): number {
    return this.list().length;
  }

  private expire(): void {
    const t = this.now();
    for (const [key, s] of this.byKey) if (t - s.renewedAt >= SUBSCRIPTION_MS) this.byKey.delete(key);
  }
}
