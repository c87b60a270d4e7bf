/** Transmitter drivers: the public face of controller/src/transmitter. */
export * from './types';
export { openTransmitter, type OpenTransmitterOptions, type OpenedTransmitter } from './open-transmitter';
export { parseTransmitterUrl, parseZoneList, TransmitterUrlError, DEFAULT_BAUD, type TransmitterAddress, type LinkAddress } from './transmitter-url';
export { TransmitterSet, obsoletedBy, zonesMeet } from './transmitter-set';
export { CclTransmitter, CclProtocolError, FENCED_REASON, type CclFence, type CclTransmitterOptions } from './ccl-transmitter';
export { XyloTransmitter, type XyloTransmitterOptions } from './xylo-transmitter';
export { PixmobTransmitter, type PixmobTransmitterOptions } from './pixmob-transmitter';
export { LinkedTransmitter, type LinkedTransmitterOptions, type LogLevel } from './linked-transmitter';
export { ClockSync, type ClockSyncOptions } from './clock-sync';
export { listSerialPorts, serialTransport, type SerialBinding, type SerialPortInfo } from './serial-transport';
export { tcpTransport } from './tcp-transport';
export { duplexTransport } from './duplex-transport';
export { ByteLink, type Transport } from './transport';
export { monotonicScheduler } from './monotonic-scheduler';
