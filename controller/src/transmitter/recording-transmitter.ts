/**
 * A transmitter that keeps what it is given instead of putting it on air. A
 * parade rehearsal plans through one (its packets go to a console, never to the
 * bands); tests and benchmarks use one to count packets and airtime without a
 * device.
 */
import { EMPTY, type Observable } from 'rxjs';
import type { OnAirPacket, PlannedPacket, Transmitter, TransmitterCapabilities, TransmitterHealth } from './types';

export class RecordingTransmitter implements Transmitter {
  readonly url: string;
  readonly health$: Observable<TransmitterHealth> = EMPTY;
  readonly onAir$: Observable<OnAirPacket> = EMPTY;
  readonly sent: PlannedPacket[] = [];
  /** Each FLUSH's choice of what to drop (undefined = everything). */
  readonly flushes: Array<((packet: PlannedPacket) => boolean) | undefined> = [];

  constructor(
    readonly id: string,
    readonly coverage: number[] | 'ALL' = 'ALL',
    private readonly caps: TransmitterCapabilities | undefined = {
      name: 'recording',
      rfMax: 48,
      queueCap: 64,
      bitrate: 38_400,
      overhead: 10,
      timedSend: true,
    },
  ) {
    this.url = `recording:${id}`;
  }

  capabilities(): TransmitterCapabilities | undefined {
    return this.caps;
  }
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  send(packet: PlannedPacket): void {
    this.sent.push(packet);
  }
  flush(obsolete?: (packet: PlannedPacket) => boolean): void {
    this.flushes.push(obsolete);
  }
}
