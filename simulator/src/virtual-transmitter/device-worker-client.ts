/**
 * A virtual transmitter in its own worker thread. Same device, same link
 * choices, but its timed starts no longer wait for this thread's event loop:
 * a blocked show engine cannot make it late, just as it could not make a real
 * transmitter late. On-air records come back with host times converted to this
 * thread's performance.now().
 */
import { Duplex } from 'node:stream';
import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker, WorkerDeviceOptions, WorkerLink } from './device-worker-protocol';
import type { OnAirTransmission } from './on-air';
import type { DeviceEvent, DeviceFaults, DeviceInfo, VirtualTransmitterStats } from './virtual-transmitter';

export interface DeviceWorkerOptions extends WorkerDeviceOptions {
  /** Default in-process: use `connect()` for the host's stream. */
  link?: WorkerLink;
}

type Listener<T> = (value: T) => void;

export class DeviceWorker {
  private readonly airListeners = new Set<Listener<OnAirTransmission>>();
  private readonly eventListeners = new Set<Listener<DeviceEvent>>();
  private readonly pending = new Map<number, (msg: FromWorker) => void>();
  private nextId = 1;
  private hostSide?: Duplex;
  private closed = false;
  private exited: Promise<void>;
  /** Worker performance.now() + this = this thread's performance.now(). */
  private clockShiftMs = 0;
  info!: DeviceInfo;
  /** Where a controller reaches it: `virtual`, `tcp://host:port` or `serial:/path`. */
  address = '';

  private constructor(private readonly worker: Worker) {
    this.exited = new Promise((resolve) => worker.once('exit', () => resolve()));
    worker.on('message', (msg: FromWorker) => this.onMessage(msg));
  }

  /** Starts the worker; resolves once the device is up on its link. */
  static async start(opts: DeviceWorkerOptions = {}): Promise<DeviceWorker> {
    const { link = { kind: 'in-process' }, ...options } = opts;
    const worker = new Worker(new URL('./device-worker-entry.mjs', import.meta.url), { workerData: { options, link } });
    const dw = new DeviceWorker(worker);
    await new Promise<void>((resolve, reject) => {
      const onMessage = (msg: FromWorker) => {
        if (msg.type === 'ready') {
          dw.clockShiftMs = msg.timeOrigin - performance.timeOrigin;
          dw.info = msg.info;
          dw.address = msg.address;
          done();
          resolve();
        } else if (msg.type === 'failed') {
          done();
          void worker.terminate();
          reject(new Error(`virtual transmitter worker: ${msg.message}`));
        }
      };
      const onError = (err: Error) => {
        done();
        reject(err);
      };
      const done = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
    });
    worker.on('error', () => undefined);
    return dw;
  }

  /**
   * In-process link only: a fresh host stream to the device (replacing any
   * earlier one, which ends). Destroying it disconnects.
   */
  connect(): Duplex {
    this.hostSide?.destroy();
    const stream: Duplex = new Duplex({
      read() {
        /* bytes arrive from the worker */
      },
      write: (chunk: Buffer, _encoding, callback) => {
        const data = new Uint8Array(chunk.byteLength);
        data.set(chunk);
        if (this.hostSide === stream) this.send({ type: 'bytes', data }, [data.buffer]);
        callback();
      },
      final: (callback) => {
        stream.destroy();
        callback();
      },
      destroy: (err, callback) => {
        if (this.hostSide === stream) {
          this.hostSide = undefined;
          if (!this.closed) this.send({ type: 'disconnect' });
        }
        callback(err);
      },
    });
    this.hostSide = stream;
    this.send({ type: 'connect' });
    return stream;
  }

  onAir(listener: Listener<OnAirTransmission>): () => void {
    this.airListeners.add(listener);
    return () => this.airListeners.delete(listener);
  }

  onEvent(listener: Listener<DeviceEvent>): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  setFaults(faults: Partial<Omit<DeviceFaults, 'nack'>>): void {
    this.send({ type: 'faults', faults });
  }

  async stats(): Promise<VirtualTransmitterStats> {
    const msg = await this.ask((id) => ({ type: 'stats', id }));
    if (msg.type !== 'stats') throw new Error('unexpected answer from the worker');
    return msg.stats;
  }

  async onAirRecord(): Promise<OnAirTransmission[]> {
    const msg = await this.ask((id) => ({ type: 'record', id }));
    if (msg.type !== 'record') throw new Error('unexpected answer from the worker');
    return msg.record.map((tx) => this.toHostTime(tx));
  }

  clearRecord(): void {
    this.send({ type: 'clear-record' });
  }

  /** Stops the device and the worker. */
  async close(): Promise<void> {
    if (this.closed) return this.exited;
    this.closed = true;
    this.hostSide?.destroy();
    this.send({ type: 'close' });
    const timer = setTimeout(() => void this.worker.terminate(), 2000);
    await this.exited;
    clearTimeout(timer);
  }

  private ask(make: (id: number) => ToWorker): Promise<FromWorker> {
    if (this.closed) return Promise.reject(new Error('virtual transmitter worker is closed'));
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.send(make(id));
    });
  }

  private send(msg: ToWorker, transfer?: ArrayBuffer[]): void {
    this.worker.postMessage(msg, transfer);
  }

  private toHostTime(tx: OnAirTransmission): OnAirTransmission {
    return { ...tx, startHostMs: tx.startHostMs + this.clockShiftMs, endHostMs: tx.endHostMs + this.clockShiftMs };
  }

  private onMessage(msg: FromWorker): void {
    switch (msg.type) {
      case 'bytes':
        this.hostSide?.push(Buffer.from(msg.data.buffer, msg.data.byteOffset, msg.data.byteLength));
        return;
      case 'air': {
        const tx = this.toHostTime(msg.tx);
        for (const l of this.airListeners) l(tx);
        return;
      }
      case 'event':
        for (const l of this.eventListeners) l(msg.event);
        return;
      case 'stats':
      case 'record':
        this.pending.get(msg.id)?.(msg);
        this.pending.delete(msg.id);
        return;
      default:
        return;
    }
  }
}

/** Shorthand for `DeviceWorker.start(opts)`. */
export function startDeviceWorker(opts: DeviceWorkerOptions = {}): Promise<DeviceWorker> {
  return DeviceWorker.start(opts);
}
