/**
 * The PixMob IR driver over a real pty pair to a stand-in IR forwarder
 * (pixmob-forwarder.ts): every line the driver writes must be one the sketch
 * sends faithfully, and decode back to the look. First in-process, then the
 * demo show through `crowdcue play demo --transmitter pixmob+serial:PTY` in
 * its own process.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { encodeCcb, type CcbCommand, type CcbTarget, type PixmobCommand } from '@crowdcue/protocol';
import { hasSocat, openPtyPair, type PtyPair } from '@crowdcue/simulator/node';
import { openTransmitter, type OpenedTransmitter, type PlannedPacket } from '@crowdcue/controller';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FakeIrForwarder } from './pixmob-forwarder';

const bin = fileURLToPath(new URL('../../controller/bin/crowdcue.js', import.meta.url));
// CI installs socat; there a missing socat is a failure, not a skip.
const runSerial = hasSocat() || Boolean(process.env.CI);
/** Show seconds of the demo to play; the whole show (about two minutes) with PIXMOB_DEMO_UNTIL=200. */
const DEMO_UNTIL_S = Number(process.env.PIXMOB_DEMO_UNTIL ?? 40);

let pty: PtyPair;
let forwarder: FakeIrForwarder;
let tx: OpenedTransmitter | undefined;

function send(seq: number, target: CcbTarget, command: CcbCommand): void {
  const rf = encodeCcb({ site: 7, seq, target, ...command });
  const p: PlannedPacket = { seq, rf, zones: target.kind === 'ZONES' ? target.zones : 'ALL', atMs: null, priority: false, repeat: 0, gapMs: 0, purpose: 'cue' };
  tx!.send(p);
}

const colours = (cmds: PixmobCommand[]) => cmds.map((c) => c.rgb.join(','));

describe.skipIf(!runSerial)('PixMob IR driver over a real pty pair', () => {
  beforeAll(async () => {
    pty = await openPtyPair();
    forwarder = await FakeIrForwarder.open(pty.paths[1]);
  }, 20_000);

  afterEach(async () => {
    await tx?.stop();
    tx = undefined;
  });

  afterAll(async () => {
    await forwarder?.close();
    await pty?.close();
  });

  it('writes lines the forwarder sends faithfully, at a pace it keeps up with, and survives garbage from the board', async () => {
    tx = openTransmitter(`pixmob+serial:${pty.paths[0]}?zones=2`, { pixmob: { settleMs: 200 } });
    await tx.start();
    // A board printing junk (a boot banner, line noise) must not upset the driver.
    forwarder.say(Uint8Array.from([0x00, 0xff, 0xfe, 0x0d, 0x0a]));
    forwarder.say('ets Jun  8 2016 00:22:57\r\nrst:0x1 (POWERON_RESET)\r\n');
    forwarder.say('z'.repeat(700));
    send(1, { kind: 'ZONES', zones: [2] }, { cmd: 'COLOR', rgb: [255, 128, 0], fadeMs: 0 });
    send(2, { kind: 'ZONES', zones: [5] }, { cmd: 'COLOR', rgb: [0, 0, 255], fadeMs: 0 });
    await vi.waitFor(() => expect(forwarder.lines.length).toBeGreaterThanOrEqual(2), { timeout: 5000 });
    // Back to back changes: each is a line of its own, none lost to the sketch's 64-byte buffer.
    send(3, { kind: 'ZONES', zones: [2] }, { cmd: 'EFFECT', shape: 'SINE', c1: [255, 255, 255], c2: [0, 0, 64], periodMs: 1500, axis: 'NONE', dir: 0, spread: 0, startMs: 0xffffffff });
    await vi.waitFor(() => expect(forwarder.lines.length).toBeGreaterThanOrEqual(20), { timeout: 10_000 });
    expect(forwarder.invalid()).toEqual([]);
    expect(forwarder.overflowed).toBe(0);
    expect(forwarder.junk).toBe(0);
    const cmds = forwarder.lines.flatMap((l) => l.commands);
    // Zone 2's orange (nearest 6-bit colour), never zone 5's blue.
    expect(colours(cmds).slice(0, 2)).toEqual(['252,128,0', '252,128,0']);
    expect(colours(cmds)).not.toContain('0,0,252');
    // The SINE glides: the band fades between host steps.
    expect(cmds.slice(2).some((c) => c.kind === 'color' && c.attack > 0)).toBe(true);
    expect(tx.health().state).toBe('up');
    expect(Object.values(tx.health().deviceErrors ?? {}).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2);
  }, 30_000);

  it('plays the demo show from `crowdcue play` with every written line valid for the forwarder sketch', async () => {
    const before = forwarder.lines.length;
    const res = await new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
      const child = spawn(process.execPath, [bin, 'play', 'demo', '--quiet', '--until', String(DEMO_UNTIL_S), '--transmitter', `pixmob+serial:${pty.paths[0]}`], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('exit', (code) => resolve({ code, out, err }));
    });
    expect(res.code, res.err).toBe(0);
    const lines = forwarder.lines.slice(before);
    console.log(`demo to ${DEMO_UNTIL_S} s: ${lines.length} lines written, ${lines.filter((l) => l.error).length} invalid, overflow ${forwarder.overflowed}, junk ${forwarder.junk}, kept after a stall of this process ${forwarder.stallExcused} (worst stall ${forwarder.worstStallMs.toFixed(0)} ms)`);
    if (process.env.PIXMOB_DEMO_REPORT) console.log(res.out + res.err);
    expect(lines.length).toBeGreaterThan(DEMO_UNTIL_S * 2);
    expect(lines.filter((l) => l.error)).toEqual([]);
    expect(forwarder.overflowed).toBe(0);
    expect(forwarder.junk).toBe(0);
    const seen = new Set(colours(lines.flatMap((l) => l.commands)));
    // The house colour #000030 and the split's red #ff2000 (zone 0 is even), to their nearest codes.
    expect(seen).toContain('0,0,48');
    expect(seen).toContain('252,32,0');
  }, (DEMO_UNTIL_S + 60) * 1000);
});
