/**
 * `openTransmitter(url, opts)`: the one way the controller gets a transmitter.
 * The URL names the device (see transmitter-url.ts); options carry what a URL
 * should not: the scheduler, hooks, test bindings, driver fine-tuning.
 */
import type { SchedulerLike } from 'rxjs';
import { createVirtualLink, type VirtualTransmitter, type VirtualTransmitterOptions } from '@crowdcue/simulator/node';
import { CclTransmitter, type CclTransmitterOptions } from './ccl-transmitter';
import { duplexTransport } from './duplex-transport';
import type { LinkedTransmitterOptions, LogLevel } from './linked-transmitter';
import { monotonicScheduler } from './monotonic-scheduler';
import { serialTransport, type SerialBinding } from './serial-transport';
import { tcpTransport } from './tcp-transport';
import { parseTransmitterUrl, type TransmitterAddress } from './transmitter-url';
import type { Transport } from './transport';
import type { Transmitter, TransmitterEvent, TransmitterHealth } from './types';
import { PixmobTransmitter, type PixmobTransmitterOptions } from './pixmob-transmitter';
import { XyloTransmitter, type XyloTransmitterOptions } from './xylo-transmitter';

type CclTuning = Omit<CclTransmitterOptions, keyof LinkedTransmitterOptions>;
type XyloTuning = Omit<XyloTransmitterOptions, keyof LinkedTransmitterOptions>;
type PixmobTuning = Omit<PixmobTransmitterOptions, keyof LinkedTransmitterOptions>;

export interface OpenTransmitterOptions {
  /** Default: the URL's `id`, else `tx1`. */
  id?: string;
  /** Zones covered; the URL's `zones` wins over this; default ALL. */
  coverage?: number[] | 'ALL';
  /** Clock and timers (the engine's DeadlineScheduler; TestScheduler in tests). Default performance.now() + timers. */
  scheduler?: SchedulerLike;
  /** CCL look-ahead, ms; the URL's `lookahead` wins. Default 50; 0 = untimed sends at the deadline. */
  lookaheadMs?: number;
  /** serialport binding, e.g. @serialport/binding-mock's MockBinding in tests. */
  serialBinding?: SerialBinding;
  /** For `virtual`: options of the simulator's device (bitrate, queue, crowd sink...). */
  virtual?: VirtualTransmitterOptions;
  /** A lost link came back: re-send the current look. */
  onReconnect?: (transmitter: Transmitter) => void;
  log?: (level: LogLevel, message: string, transmitterId: string) => void;
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  /** CCL timeouts, heartbeat, clock sync and back-off. */
  ccl?: CclTuning;
  /** Xyloband slot, radio, wake and zone settings. */
  xylo?: XyloTuning;
  /** PixMob IR: settle time, repeats, refresh, zone. */
  pixmob?: PixmobTuning;
  /**
   * The show's flash limit (flashes per second). Drivers that step looks on
   * the host (PixMob IR) hold back a colour change that would go over it.
   */
  flashesPerSecond?: number;
}

/** What openTransmitter answers: a Transmitter with its full streams and, for `virtual`, the device. */
export interface OpenedTransmitter extends Transmitter {
  readonly events$: NonNullable<Transmitter['events$']>;
  /** The latest health figures. */
  health(): TransmitterHealth;
  /** For `virtual`: the simulator's device (its on-air record, faults). */
  readonly virtualDevice?: VirtualTransmitter;
}

export type { TransmitterEvent };

function transportFor(address: TransmitterAddress, opts: OpenTransmitterOptions): { transport: Transport; device?: VirtualTransmitter } {
  const link = address.link;
  switch (link.kind) {
    case 'serial':
      return { transport: serialTransport(link.path, link.baudRate, opts.serialBinding) };
    case 'tcp':
      return { transport: tcpTransport(link.host, link.port) };
    case 'virtual': {
      // One device for the transmitter's life: its queue, clock and record survive a reconnect.
      const { hostSide, device } = createVirtualLink(opts.virtual);
      let first: typeof hostSide | undefined = hostSide;
      const open = () => {
        const stream = first ?? device.connect();
        first = undefined;
        return stream;
      };
      return { transport: duplexTransport('in-process virtual transmitter', open), device };
    }
  }
}

/** Opens nothing yet: call `start()`. Throws TransmitterUrlError for a bad URL. */
export function openTransmitter(url: string, opts: OpenTransmitterOptions = {}): OpenedTransmitter {
  const address = parseTransmitterUrl(url);
  const { transport, device } = transportFor(address, opts);
  const base: LinkedTransmitterOptions = {
    id: address.id ?? opts.id ?? 'tx1',
    url,
    coverage: address.zones ?? opts.coverage ?? 'ALL',
    transport,
    scheduler: opts.scheduler ?? monotonicScheduler,
    onReconnect: opts.onReconnect,
    log: opts.log,
    reconnectMinMs: opts.reconnectMinMs,
    reconnectMaxMs: opts.reconnectMaxMs,
  };
  const transmitter =
    address.driver === 'xylo'
      ? new XyloTransmitter({ ...base, ...opts.xylo, site: address.site ?? opts.xylo?.site })
      : address.driver === 'pixmob'
        ? new PixmobTransmitter({ ...base, ...opts.pixmob, air: { ...(opts.flashesPerSecond === undefined ? {} : { flashesPerSecond: opts.flashesPerSecond }), ...opts.pixmob?.air } })
        : new CclTransmitter({ ...base, ...opts.ccl, lookaheadMs: address.lookaheadMs ?? opts.lookaheadMs ?? opts.ccl?.lookaheadMs });
  if (device) {
    const stop = transmitter.stop.bind(transmitter);
    Object.assign(transmitter, {
      virtualDevice: device,
      stop: async () => {
        await stop();
        device.close();
      },
    });
  }
  return transmitter as OpenedTransmitter;
}
