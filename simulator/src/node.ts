/**
 * @crowdcue/simulator/node: the parts of the simulator that need Node (streams,
 * sockets, serial ports). The browser-safe crowd, bands and venues are in the
 * package's main entry.
 */
export * from './virtual-transmitter/index';
export * from './page-server/index';
