/**
 * `artnet[:PORT]`: Art-Net timecode from the network (a desk or a media
 * server sends OpTimeCode each frame, usually broadcast). Other Art-Net
 * packets (ArtDmx, ArtPoll) on the same port are not ours and are skipped;
 * malformed OpTimeCode packets are counted and reported, never thrown. It
 * listens on the process's shared Art-Net port (../artnet/artnet-port.ts), so
 * a desk input on the same port gets its ArtDmx and this gets the timecode.
 *
 * It follows one sender: a desk and a media server often both send Art-Net
 * timecode on the venue network, and chasing both would re-locate the show
 * at every frame, flashing the crowd between two songs' looks. The first
 * sender heard (its address and stream id) is followed; others are counted
 * and named once; when the followed one has been silent for `takeoverMs`,
 * the next one heard takes over (a jump the chase re-locates once).
 */
import { Subject } from 'rxjs';
import { listenArtnet, type ArtnetLease } from '../artnet/artnet-port';
import { OP_TIMECODE } from '../artnet/artnet-header';
import { decodeArtTimecode } from './artnet-timecode';
import type { MonotonicClock, TimecodeFrame, TimecodeSource, TimecodeSourceEvent } from './timecode-source';

export interface ArtnetSourceOptions {
  port: number;
  /** Address to listen on (default all interfaces). */
  host?: string;
  clock: MonotonicClock;
  /** Silence of the followed sender after which another may take over (default 1000 ms). */
  takeoverMs?: number;
}

const TAKEOVER_MS = 1000;

export class ArtnetTimecodeSource implements TimecodeSource {
  readonly name: string;
  private readonly framesSubject = new Subject<TimecodeFrame>();
  private readonly eventsSubject = new Subject<TimecodeSourceEvent>();
  readonly frames$ = this.framesSubject.asObservable();
  readonly events$ = this.eventsSubject.asObservable();
  private lease: ArtnetLease | undefined;
  /** OpTimeCode packets refused, by reason code. */
  readonly refused: Record<string, number> = {};
  received = 0;
  /** Frames from senders other than the one followed, since start. */
  ignored = 0;
  /** The sender followed (`address stream N`) and when it was last heard. */
  private followed: { key: string; atMs: number } | undefined;
  private readonly named = new Set<string>();

  constructor(private readonly options: ArtnetSourceOptions) {
    this.name = `artnet:${options.port}`;
  }

  /** The port bound (useful when asked for 0). */
  get port(): number | undefined {
    return this.lease?.port;
  }

  async start(): Promise<void> {
    this.lease = await listenArtnet(
      { port: this.options.port, bindAddress: this.options.host },
      {
        opcodes: [OP_TIMECODE],
        onPacket: (packet, from) => this.take(packet, from, this.options.clock.now()),
        onMalformed: (_cause, detail) => this.refuse('NOT_ARTNET', `not an Art-Net packet (${detail})`),
      },
    );
  }

  /** The sender followed now, e.g. `10.0.0.4 stream 0`; undefined before any. */
  get following(): string | undefined {
    return this.followed?.key;
  }

  private take(packet: Uint8Array, from: string, at: number): void {
    const r = decodeArtTimecode(packet);
    if (r.ok) {
      const key = `${from} stream ${r.value.streamId}`;
      const f = this.followed;
      if (f && f.key !== key && at - f.atMs < (this.options.takeoverMs ?? TAKEOVER_MS)) {
        this.ignored++;
        if (!this.named.has(key)) {
          this.named.add(key);
          this.eventsSubject.next({ level: 'warn', message: `${this.name}: timecode also from ${key}; following ${f.key} (heard first)` });
        }
        return;
      }
      if (f && f.key !== key) this.eventsSubject.next({ level: 'warn', message: `${this.name}: ${f.key} went silent; following ${key}` });
      this.followed = { key, atMs: at };
      this.received++;
      this.framesSubject.next({ timecode: r.value.timecode, rate: r.value.rate, atMs: at });
      return;
    }
    this.refuse(r.error.code, r.error.message);
  }

  private refuse(code: string, message: string): void {
    const first = this.refused[code] === undefined;
    this.refused[code] = (this.refused[code] ?? 0) + 1;
    if (first) this.eventsSubject.next({ level: 'warn', message: `${this.name}: refused a packet: ${message}` });
  }

  async stop(): Promise<void> {
    const lease = this.lease;
    this.lease = undefined;
    await lease?.release();
    this.framesSubject.complete();
    this.eventsSubject.complete();
  }
}
