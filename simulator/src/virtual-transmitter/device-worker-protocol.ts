/** Messages between a DeviceWorker (main thread) and the device running in its worker thread. */
import type { DeviceEvent, DeviceFaults, VirtualTransmitterOptions, VirtualTransmitterStats, DeviceInfo } from './virtual-transmitter';
import type { OnAirTransmission } from './on-air';

/** Device options that can cross a thread boundary (no functions, no objects with behaviour). */
export type WorkerDeviceOptions = Omit<VirtualTransmitterOptions, 'clock' | 'crowd' | 'rf' | 'faults'> & {
  faults?: Partial<Omit<DeviceFaults, 'nack'>>;
};

export type WorkerLink =
  | { kind: 'in-process' }
  | { kind: 'tcp'; port: number; host?: string }
  /** A terminal path such as a socat pty end (no baud rate: Node's tty streams, as serialport cannot run in a worker). */
  | { kind: 'tty'; path: string; retryMs?: number };

export interface WorkerStart {
  options: WorkerDeviceOptions;
  link: WorkerLink;
}

export type ToWorker =
  | { type: 'bytes'; data: Uint8Array }
  | { type: 'connect' }
  | { type: 'disconnect' }
  | { type: 'faults'; faults: Partial<Omit<DeviceFaults, 'nack'>> }
  | { type: 'stats'; id: number }
  | { type: 'record'; id: number }
  | { type: 'clear-record' }
  | { type: 'close' };

export type FromWorker =
  | { type: 'ready'; timeOrigin: number; info: DeviceInfo; address: string }
  | { type: 'failed'; message: string }
  | { type: 'bytes'; data: Uint8Array }
  | { type: 'air'; tx: OnAirTransmission }
  | { type: 'event'; event: Exclude<DeviceEvent, { kind: 'listener-error' }> }
  | { type: 'stats'; id: number; stats: VirtualTransmitterStats }
  | { type: 'record'; id: number; record: OnAirTransmission[] }
  | { type: 'closed' };
