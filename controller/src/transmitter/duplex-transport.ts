/** An in-process device: anything that hands out a fresh Duplex (the simulator's virtual link). */
import type { Duplex } from 'node:stream';
import type { Transport } from './transport';

export function duplexTransport(label: string, openStream: () => Duplex | Promise<Duplex>): Transport {
  return { label, open: async () => openStream() };
}
