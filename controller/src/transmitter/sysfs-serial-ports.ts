/**
 * Serial ports read straight from Linux's /dev and /sys, for machines where
 * serialport's own listing cannot run: on Linux it asks `udevadm`, which
 * slim installs (containers, minimal images, many venue PCs) do not have.
 * USB transmitters show up as ttyUSB / ttyACM; USB ids come from sysfs.
 */
import { readdir, readFile, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import type { SerialPortInfo } from './serial-transport';

const PORT_NAME = /^(ttyUSB|ttyACM|ttyAMA|rfcomm)\d+$/;

async function readTrimmed(path: string): Promise<string | undefined> {
  try {
    const text = (await readFile(path, 'utf8')).trim();
    return text === '' ? undefined : text;
  } catch {
    return undefined;
  }
}

/** The USB device's attributes: walk up from the tty's device until a folder has idVendor. */
async function usbAttributes(sysTty: string): Promise<Partial<SerialPortInfo>> {
  let dir: string;
  try {
    dir = await realpath(join(sysTty, 'device'));
  } catch {
    return {};
  }
  for (let up = 0; up < 4 && dir !== '/'; up++, dir = join(dir, '..')) {
    const vendorId = await readTrimmed(join(dir, 'idVendor'));
    if (vendorId === undefined) continue;
    return {
      vendorId,
      productId: await readTrimmed(join(dir, 'idProduct')),
      manufacturer: await readTrimmed(join(dir, 'manufacturer')),
      serialNumber: await readTrimmed(join(dir, 'serial')),
    };
  }
  return {};
}

/** Ports under `devDir` whose names are serial devices, with USB ids from `sysDir` where it has them. */
export async function sysfsSerialPorts(devDir = '/dev', sysDir = '/sys/class/tty'): Promise<SerialPortInfo[]> {
  let names: string[];
  try {
    names = (await readdir(devDir)).filter((n) => PORT_NAME.test(n)).sort();
  } catch {
    return [];
  }
  const ports: SerialPortInfo[] = [];
  for (const name of names) {
    const attrs = await usbAttributes(join(sysDir, name));
    const info: SerialPortInfo = { path: join(devDir, name) };
    for (const [key, value] of Object.entries(attrs)) if (value !== undefined) Object.assign(info, { [key]: value });
    ports.push(info);
  }
  return ports;
}
