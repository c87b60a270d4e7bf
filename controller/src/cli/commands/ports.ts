/**
 * `crowdcue ports`: the serial ports this machine can see, so an operator can
 * find the transmitter they just plugged in and write its URL.
 */
import { parseArgs } from 'node:util';
import { listSerialPorts, type SerialBinding, type SerialPortInfo } from '../../transmitter/serial-transport';
import type { CliIO, CommandRun } from '../main';

const USAGE = `usage: crowdcue ports [--json]

Lists serial ports (USB transmitters, XyloSender and IR forwarder boards) with
their maker and USB ids, and the transmitter URL to use for each.

options:
  --json     print the list as JSON
  -h, --help this text`;

/** One line per port: path, maker, USB vendor:product, serial number, URL. */
export function formatPorts(ports: SerialPortInfo[]): string[] {
  if (ports.length === 0) return ['no serial ports found'];
  const rows = ports.map((p) => [
    p.path,
    p.manufacturer ?? '',
    p.vendorId || p.productId ? `${p.vendorId ?? '?'}:${p.productId ?? '?'}` : '',
    p.serialNumber ?? '',
    `serial:${p.path}`,
  ]);
  const head = ['PATH', 'MANUFACTURER', 'USB ID', 'SERIAL', 'URL'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(head), ...rows.map(line)];
}

/** The command with an injectable binding (tests use binding-mock). */
export async function runPorts(argv: string[], io: CliIO, binding?: SerialBinding): Promise<number> {
  let values: { json?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({ args: argv, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, strict: true }));
  } catch (err) {
    io.err(`crowdcue ports: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  let ports: SerialPortInfo[];
  try {
    ports = await listSerialPorts(binding);
  } catch (err) {
    io.err(`crowdcue ports: cannot list serial ports: ${(err as Error).message}`);
    return 1;
  }
  if (values.json) io.out(JSON.stringify(ports, null, 2));
  else for (const l of formatPorts(ports)) io.out(l);
  return 0;
}

export const run: CommandRun = (argv, io) => runPorts(argv, io);
