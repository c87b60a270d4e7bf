import { describe, expect, it } from 'vitest';
import { MockBinding } from '../../transmitter/mock-serial.test-util';
import { formatPorts, runPorts } from './ports';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

describe('crowdcue ports', () => {
  it('lists the ports a binding sees, with the URL to use', async () => {
    MockBinding.createPort('/dev/ttyUSB7', { echo: false });
    const { out, io: cli } = io();
    expect(await runPorts([], cli, MockBinding)).toBe(0);
    expect(out[0]).toMatch(/^PATH\s+MANUFACTURER\s+USB ID\s+SERIAL\s+URL$/);
    expect(out.some((l) => l.startsWith('/dev/ttyUSB7') && l.endsWith('serial:/dev/ttyUSB7'))).toBe(true);
  });

  it('prints JSON with --json', async () => {
    const { out, io: cli } = io();
    expect(await runPorts(['--json'], cli, MockBinding)).toBe(0);
    const ports = JSON.parse(out.join('\n')) as Array<{ path: string }>;
    expect(ports.map((p) => p.path)).toContain('/dev/ttyUSB7');
  });

  it('says so when there is nothing, and rejects unknown flags', async () => {
    expect(formatPorts([])).toEqual(['no serial ports found']);
    const { err, io: cli } = io();
    expect(await runPorts(['--bogus'], cli, MockBinding)).toBe(2);
    expect(err[0]).toMatch(/Unknown option '--bogus'/);
  });

  it('runs against the real system binding without failing', async () => {
    const { out, io: cli } = io();
    expect(await runPorts([], cli)).toBe(0);
    expect(out.length).toBeGreaterThan(0);
  });
});
