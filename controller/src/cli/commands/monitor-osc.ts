/**
 * `crowdcue monitor osc --port N [--host ADDR]`: listens on a UDP port and
 * prints every OSC message that arrives as one JSON line, the way a
 * technician checks what a show-caller sends. Decoding is the OSC input's
 * own (bundles flattened); a packet that is not OSC prints its reason.
 */
import { createSocket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { parseArgs } from 'node:util';
import { argAsJson, decodeOscPacket } from '../../inputs/osc/osc-decode';
import type { CliIO } from '../main';

export const OSC_USAGE = `usage: crowdcue monitor osc --port N [--host ADDR]

Prints each OSC message arriving on UDP port N as one JSON line:
{"at","from","address","args":[{"type","value"}]}; a packet that is not OSC
prints {"at","from","bytes","error"}. Stops on Ctrl-C.

  --port N      UDP port to listen on (1..65535)
  --host ADDR   address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)`;

export async function monitorOsc(argv: string[], io: CliIO, stop: Promise<void> = interrupted()): Promise<number> {
  let values: { port?: string; host?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ args: argv, options: { port: { type: 'string' }, host: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (err) {
    io.err(`crowdcue monitor osc: ${err instanceof Error ? err.message : String(err)}\n${OSC_USAGE}`);
    return 2;
  }
  if (values.help) {
    io.out(OSC_USAGE);
    return 0;
  }
  const port = /^\d+$/.test(values.port ?? '') ? Number(values.port) : NaN;
  if (!(port >= 0 && port <= 65535)) {
    io.err(`crowdcue monitor osc: --port must be a UDP port 0..65535, got ${JSON.stringify(values.port ?? '')}\n${OSC_USAGE}`);
    return 2;
  }
  const host = values.host ?? '127.0.0.1';
  const socket = createSocket(isIPv6(host) ? 'udp6' : 'udp4');
  socket.on('message', (bytes, rinfo) => {
    const at = new Date().toISOString();
    const from = `${rinfo.address}:${rinfo.port}`;
    const packet = decodeOscPacket(bytes);
    if (!packet.ok) {
      io.out(JSON.stringify({ at, from, bytes: bytes.length, error: packet.error }));
      return;
    }
    for (const m of packet.messages) io.out(JSON.stringify({ at, from, address: m.address, args: m.args.map(argAsJson) }));
    if (packet.skipped > 0) io.out(JSON.stringify({ at, from, error: `${packet.skipped} more messages in this bundle not shown` }));
  });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(port, host, () => {
        socket.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    io.err(`crowdcue monitor osc: ${e.code === 'EADDRINUSE' ? `UDP port ${port} is in use (the controller's OSC input?)` : e.message}`);
    socket.close();
    return 1;
  }
  io.err(`listening for OSC on ${host}:${socket.address().port}`);
  await stop;
  socket.close();
  return 0;
}

function interrupted(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
