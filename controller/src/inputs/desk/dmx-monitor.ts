/**
 * What a lighting tech checks at the venue: every DMX frame that changes
 * something, as one JSON line (source, priority, universe, the channels that
 * changed), and every refused packet with its cause. The first frame of a
 * source lists its channels that are not 0.
 */
import type { DmxFrame } from './dmx-frame';
import { DmxSocket, type DmxProtocol } from './dmx-socket';

export interface DmxMonitorOptions {
  protocol: DmxProtocol;
  universe: number | null;
  port?: number;
  interface?: string;
  /** Print frames that change nothing too. */
  every?: boolean;
  line: (json: string) => void;
}

export class DmxMonitor {
  private readonly socket: DmxSocket;
  private readonly last = new Map<string, Uint8Array>();

  constructor(private readonly opts: DmxMonitorOptions) {
    this.socket = new DmxSocket({
      protocol: opts.protocol,
      universes: opts.universe === null ? null : [opts.universe],
      port: opts.port,
      interface: opts.interface,
      onFrame: (frame) => this.frame(frame),
      onMalformed: (cause, detail, from) => opts.line(JSON.stringify({ at: new Date().toISOString(), protocol: opts.protocol, refused: cause, detail, from })),
    });
  }

  start(): Promise<void> {
    return this.socket.start();
  }

  get listening(): string {
    return this.socket.listening;
  }

  close(): Promise<void> {
    return this.socket.close();
  }

  private frame(f: DmxFrame): void {
    const key = `${f.sourceKey}/${f.universe}`;
    const before = this.last.get(key);
    const changed: Record<string, number> = {};
    let n = 0;
    for (let i = 0; i < f.slots.length; i++) {
      if (f.slots[i] !== (before?.[i] ?? 0)) {
        changed[String(i + 1)] = f.slots[i];
        n++;
      }
    }
    for (let i = f.slots.length; i < (before?.length ?? 0); i++) {
      if (before?.[i] === 0) continue;
      changed[String(i + 1)] = 0;
      n++;
    }
    if (f.terminated) this.last.delete(key);
    else this.last.set(key, Uint8Array.from(f.slots));
    if (n === 0 && before && !f.terminated && !this.opts.every) return;
    this.opts.line(
      JSON.stringify({
        at: new Date().toISOString(),
        protocol: this.opts.protocol,
        source: f.sourceName,
        address: f.sourceAddress,
        priority: f.priority,
        universe: f.universe,
        sequence: f.sequence,
        ...(f.terminated ? { terminated: true } : {}),
        slots: f.slots.length,
        changed,
      }),
    );
  }
}
