import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sysfsSerialPorts } from './sysfs-serial-ports';

describe('sysfsSerialPorts', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'sysfs-ports-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('lists USB serial devices with their USB ids and ignores other ttys', async () => {
    const dev = join(root, 'dev');
    const sys = join(root, 'sys');
    await mkdir(dev);
    for (const n of ['ttyUSB0', 'ttyACM1', 'tty0', 'ttyS0', 'null']) await writeFile(join(dev, n), '');
    // /sys/class/tty/ttyUSB0/device -> .../usb1/1-1/1-1:1.0/ttyUSB0; the USB device is two folders up.
    const usb = join(root, 'devices', 'usb1', '1-1');
    const iface = join(usb, '1-1:1.0', 'ttyUSB0');
    await mkdir(iface, { recursive: true });
    await writeFile(join(usb, 'idVendor'), '0403\n');
    await writeFile(join(usb, 'idProduct'), '6001\n');
    await writeFile(join(usb, 'manufacturer'), 'FTDI\n');
    await mkdir(join(sys, 'ttyUSB0'), { recursive: true });
    await symlink(iface, join(sys, 'ttyUSB0', 'device'));

    expect(await sysfsSerialPorts(dev, sys)).toEqual([
      { path: join(dev, 'ttyACM1') },
      { path: join(dev, 'ttyUSB0'), vendorId: '0403', productId: '6001', manufacturer: 'FTDI' },
    ]);
  });

  it('answers an empty list when the device folder cannot be read', async () => {
    expect(await sysfsSerialPorts(join(root, 'missing'))).toEqual([]);
  });
});
