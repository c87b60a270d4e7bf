/** The virtual CCL transmitter (Node only: it uses node:stream, node:net and serialport). */
export { VirtualTransmitter, createVirtualLink } from './virtual-transmitter';
export type {
  CrowdSink,
  DeviceEvent,
  DeviceFaults,
  DeviceInfo,
  RfChannelLike,
  VirtualTransmitterOptions,
  VirtualTransmitterStats,
} from './virtual-transmitter';
export type { OnAirTransmission } from './on-air';
export { listenTcp, type TcpDeviceListener } from './tcp-listener';
export { openSerialDevice, type SerialDevice, type SerialDeviceOptions } from './serial-device';
export { realDeviceClock, ManualDeviceClock, type DeviceClock, type RealClockOptions } from './device-clock';
export { wrapUs, wrapDeltaUs, unwrapAtUs } from './device-time';
export { AirPlanner, type SendRequest, type SubmitResult } from './air-planner';
export { duplexPair } from './duplex-pair';
export { hasSocat, openPtyPair, type PtyPair } from './pty-pair';
export { TestHost } from './test-host';
export { DeviceWorker, startDeviceWorker, type DeviceWorkerOptions } from './device-worker-client';
export type { WorkerDeviceOptions, WorkerLink } from './device-worker-protocol';
export { openTtyDevice, type TtyDevice } from './tty-device';
