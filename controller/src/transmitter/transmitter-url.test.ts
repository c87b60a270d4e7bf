import { describe, expect, it } from 'vitest';
import { parseTransmitterUrl, parseZoneList, TransmitterUrlError } from './transmitter-url';

describe('parseTransmitterUrl', () => {
  it('reads serial paths with and without a baud rate', () => {
    expect(parseTransmitterUrl('serial:/dev/ttyUSB0?baud=57600')).toEqual({
      driver: 'ccl',
      link: { kind: 'serial', path: '/dev/ttyUSB0', baudRate: 57600 },
    });
    expect(parseTransmitterUrl('serial:///dev/pts/4').link).toEqual({ kind: 'serial', path: '/dev/pts/4', baudRate: 115200 });
    expect(parseTransmitterUrl('serial:COM3').link).toEqual({ kind: 'serial', path: 'COM3', baudRate: 115200 });
  });

  it('reads tcp bridges, including IPv6 hosts', () => {
    expect(parseTransmitterUrl('tcp://10.0.0.7:4001').link).toEqual({ kind: 'tcp', host: '10.0.0.7', port: 4001 });
    expect(parseTransmitterUrl('tcp://[::1]:9').link).toEqual({ kind: 'tcp', host: '::1', port: 9 });
  });

  it('reads virtual and xylo forms with options', () => {
    expect(parseTransmitterUrl('virtual?zones=0-2,7&id=sim&lookahead=20')).toEqual({
      driver: 'ccl',
      link: { kind: 'virtual' },
      zones: [0, 1, 2, 7],
      id: 'sim',
      lookaheadMs: 20,
    });
    expect(parseTransmitterUrl('xylo+serial:/dev/ttyACM0?site=3')).toEqual({
      driver: 'xylo',
      link: { kind: 'serial', path: '/dev/ttyACM0', baudRate: 115200 },
      site: 3,
    });
    expect(parseTransmitterUrl('xylo+tcp://bridge:4001').link).toEqual({ kind: 'tcp', host: 'bridge', port: 4001 });
  });

  it('reads the PixMob IR forms: zones are the zones the IR is aimed at', () => {
    expect(parseTransmitterUrl('pixmob+serial:/dev/ttyUSB1?zones=3&id=ir-left')).toEqual({
      driver: 'pixmob',
      link: { kind: 'serial', path: '/dev/ttyUSB1', baudRate: 115200 },
      zones: [3],
      id: 'ir-left',
    });
    expect(parseTransmitterUrl('pixmob+tcp://bridge:4001').link).toEqual({ kind: 'tcp', host: 'bridge', port: 4001 });
  });

  it.each([
    ['', /empty/],
    ['usb:/dev/x', /unknown scheme 'usb'/],
    ['serial:', /serial port path is missing/],
    ['serial:/dev/x?baud=fast', /baud must be a whole number, got 'fast'/],
    ['serial:/dev/x?baud=0', /baud must be 50\.\.4000000, got 0/],
    ['tcp://host', /expected host:port/],
    ['tcp://host:', /port is missing/],
    ['tcp://host:70000', /port must be 1\.\.65535, got 70000/],
    ['tcp:host:1', /tcp:\/\/host:port/],
    ['virtual:/x', /takes no path/],
    ['virtual?speed=2', /unknown option 'speed'/],
    ['serial:/dev/x?site=1', /unknown option 'site'/],
    ['xylo+virtual', /no virtual XyloSender/],
    ['xylo+serial:/dev/x?zones=0-12', /zones 0\.\.11 only/],
    ['xylo+serial:/dev/x?lookahead=5', /unknown option 'lookahead'/],
    ['pixmob+virtual', /no virtual IR forwarder/],
    ['pixmob+serial:/dev/x?site=2', /unknown option 'site'/],
    ['virtual?zones=5-2', /runs backwards/],
    ['virtual?zones=64', /zones must be 0\.\.63/],
    ['virtual?id=a b', /id must be/],
  ])('rejects %j naming what is wrong', (url, message) => {
    expect(() => parseTransmitterUrl(url)).toThrow(TransmitterUrlError);
    expect(() => parseTransmitterUrl(url)).toThrow(message);
  });
});

describe('parseZoneList', () => {
  it('sorts, merges and accepts all', () => {
    expect(parseZoneList('8, 0-2,1')).toEqual([0, 1, 2, 8]);
    expect(parseZoneList('ALL')).toBe('ALL');
  });
});
