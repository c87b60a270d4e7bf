/**
 * `artnet[:PORT]`: Art-Net timecode from the network (a desk or a media
 * server sends OpTimeCode each frame, usually broadcast). Other Art-Net
 * packets (ArtDmx, ArtPoll) on the same port are not ours and are skipped;
 * malformed OpTimeCode packets are counted and reported, never thrown. The
 * socket is opened with reuseAddr so the desk input can listen on 6454 too.
 */
import { createSocket, type Socket } from 'node:dgram';
import { Subject } from 'rxjs';
import { decodeArtTimecode } from './artnet-timecode';
import type { MonotonicClock, TimecodeFrame, TimecodeSource, TimecodeSourceEvent } from './timecode-source';

export interface ArtnetSourceOptions {
  port: number;
  /** Address to listen on (default all interfaces). */
  host?: string;
  clock: MonotonicClock;
}

export class ArtnetTimecodeSource implements TimecodeSource {
  readonly name: string;
  private readonly framesSubject = new Subject<TimecodeFrame>();
  private readonly eventsSubject = new Subject<TimecodeSourceEvent>();
  readonly frames$ = this.framesSubject.asObservable();
  readonly events$ = this.eventsSubject.asObservable();
  private socket: Socket | undefined;
  /** OpTimeCode packets refused, by reason code. */
  readonly refused: Record<string, number> = {};
  received = 0;

  constructor(private readonly options: ArtnetSourceOptions) {
    this.name = `artnet:${options.port}`;
  }

  /** The port bound (useful when asked for 0). */
  get port(): number | undefined {
    return this.socket?.address().port;
  }

  async start(): Promise<void> {
    const socket = createSocket({ type: 'udp4', reuseAddr: true });
    socket.on('message', (msg) => {
      const at = this.options.clock.now();
      const r = decodeArtTimecode(msg);
      if (r.ok) {
        this.received++;
        this.framesSubject.next({ timecode: r.value.timecode, rate: r.value.rate, atMs: at });
        return;
      }
      if (r.error.code === 'OTHER_OPCODE') return;
      const first = this.refused[r.error.code] === undefined;
      this.refused[r.error.code] = (this.refused[r.error.code] ?? 0) + 1;
      if (first) this.eventsSubject.next({ level: 'warn', message: `${this.name}: refused a packet: ${r.error.message}` });
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(this.options.port, this.options.host, () => {
        socket.off('error', reject);
        socket.on('error', (err) => this.eventsSubject.next({ level: 'error', message: `${this.name}: ${err.message}` }));
        resolve();
      });
    });
    this.socket = socket;
  }

  async stop(): Promise<void> {
    const s = this.socket;
    this.socket = undefined;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    this.framesSubject.complete();
    this.eventsSubject.complete();
  }
}
