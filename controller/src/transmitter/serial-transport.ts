/**
 * Serial ports through `serialport`. The binding is injectable so unit tests run
 * against `@serialport/binding-mock` with no hardware.
 */
import type { Duplex } from 'node:stream';
import { SerialPort, type SerialPortOpenOptions } from 'serialport';
import type { AutoDetectTypes } from '@serialport/bindings-cpp';
import { sysfsSerialPorts } from './sysfs-serial-ports';
import type { Transport } from './transport';

/** What a port listing tells us (serialport's PortInfo). */
export interface SerialPortInfo {
  path: string;
  manufacturer?: string;
  serialNumber?: string;
  pnpId?: string;
  locationId?: string;
  productId?: string;
  vendorId?: string;
}

/**
 * A serialport binding (bindings-cpp, binding-mock...). Declared structurally:
 * @serialport/bindings-interface ships no types TypeScript can resolve under ESM.
 */
export interface SerialBinding {
  list(): Promise<SerialPortInfo[]>;
  open(options: never): Promise<unknown>;
}

export function serialTransport(path: string, baudRate: number, binding?: SerialBinding): Transport {
  return {
    label: `${path} @ ${baudRate}`,
    open: () =>
      new Promise<Duplex>((resolve, reject) => {
        // SerialPort spreads our options over its default binding, so an injected one wins.
        const options = { path, baudRate, autoOpen: false, endOnClose: true, ...(binding ? { binding } : {}) };
        const port = new SerialPort(options as SerialPortOpenOptions<AutoDetectTypes>);
        port.open((err) => {
          if (err) reject(new Error(`cannot open serial port ${path}: ${err.message}`));
          else resolve(port);
        });
      }),
  };
}

/** Serial ports the system (or an injected binding) can see. */
export async function listSerialPorts(binding?: SerialBinding): Promise<SerialPortInfo[]> {
  if (binding) return binding.list();
  try {
    return await SerialPort.list();
  } catch (err) {
    // serialport lists Linux ports through `udevadm`; without it, read /dev and /sys ourselves.
    if (process.platform === 'linux' && (err as NodeJS.ErrnoException).code === 'ENOENT') return sysfsSerialPorts();
    throw err;
  }
}
