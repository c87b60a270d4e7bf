/**
 * The whole path a show takes to a real transmitter: `crowdcue play demo` in its
 * own process -> serialport -> pty <-> pty -> an independent CCL device in
 * another process. What reaches the air must be the demo's own CCB packets,
 * handed over ahead of time (timed SENDs).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { decodeCcb, fromHex } from '@crowdcue/protocol';
import { hasSocat } from '@crowdcue/simulator/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPtyRig, type PtyRig } from './serial-rig';

const bin = fileURLToPath(new URL('../../controller/bin/crowdcue.js', import.meta.url));
// CI installs socat; there a missing socat is a failure, not a skip.
const runSerial = hasSocat() || Boolean(process.env.CI);
let rig: PtyRig;

function play(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, 'play', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

describe.skipIf(!runSerial)('crowdcue play over a real pty pair', () => {
  beforeAll(async () => {
    rig = await startPtyRig();
  }, 30_000);
  afterAll(async () => {
    await rig?.close();
  });

  it('drives an independent CCL device through the opening of the demo show', async () => {
    const res = await play(['demo', '--until', '12', '--transmitter', `serial:${rig.hostPath}`]);
    expect(res.code, res.err).toBe(0);
    expect(res.out).toMatch(/stopped at --until 12 s/);
    const fired = Number(/cues fired: (\d+) of 13/.exec(res.out)?.[1]);
    expect(fired).toBeGreaterThanOrEqual(2);

    const air = rig.device.air();
    expect(air.length).toBeGreaterThan(5);
    const packets = air.map((a) => decodeCcb(fromHex(a.rf)));
    expect(packets.every((p) => p.ok)).toBe(true);
    const cmds = new Set(packets.map((p) => (p.ok ? p.value.cmd : '')));
    expect(cmds).toContain('SYNC');
    expect(cmds).toContain('COLOR');
    // Look-ahead: the controller handed most packets over early with their start time.
    expect(air.filter((a) => a.timed).length).toBeGreaterThan(air.length / 2);
  }, 90_000);
});
