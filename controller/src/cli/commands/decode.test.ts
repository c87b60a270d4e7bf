import { describe, expect, it } from 'vitest';
import { main, type CliIO } from '../main';

function capture(): CliIO & { out: (l: string) => void; lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (l) => lines.push(l), err: (l) => errors.push(l) };
}

async function decode(...args: string[]) {
  const io = capture();
  const code = await main(['decode', ...args], io);
  return {
    code,
    get json() {
      return io.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    },
    lines: io.lines,
    errors: io.errors,
  };
}

describe('crowdcue decode', () => {
  it('decodes a CCB packet', async () => {
    const r = await decode('ccb', '01010100ff8000f401');
    expect(r.code).toBe(0);
    expect(r.json).toEqual([{ site: 1, seq: 1, target: { kind: 'ALL' }, cmd: 'COLOR', rgb: [255, 128, 0], fadeMs: 500 }]);
    expect(r.errors).toEqual([]);
  });

  it('decodes CCL wire bytes, with or without the closing 00, several frames per argument', async () => {
    const r = await decode('ccl', '030101039dc800', '07018201031ca4', '060103ff0fb000 0a0184ff15cd5b0767a000');
    expect(r.code).toBe(0);
    expect(r.json.map((j) => j.message)).toEqual([
      { type: 'HELLO' }, { type: 'ACK', queued: 3 }, { type: 'TIME' }, { type: 'CLOCK', nowUs: 123456789 },
    ]);
    expect(r.json[3]).toMatchObject({ seq: 255, version: 1, type: 0x84, payload: '15cd5b07' });
  });

  it('prints byte strings as hex', async () => {
    const r = await decode('ccl', '0401020101010407010102ff01010103284700');
    expect(r.json[0].message).toEqual({ type: 'SEND', timed: false, priority: false, repeat: 0, gapMs: 0, rf: '07010100ff00000000' });
  });

  it('decodes a decoded CCL frame with --frame', async () => {
    const r = await decode('ccl', '--frame', '01050400010265b1');
    expect(r.code).toBe(0);
    expect(r.json[0]).toMatchObject({ seq: 4, message: { type: 'PING', data: '000102' } });
  });

  it('decodes Xyloband packets and XyloSender serial frames', async () => {
    const r = await decode('xylo', '00010001ff06013e000000fa03080107', '00ffff008102');
    expect(r.code).toBe(0);
    expect(r.json).toEqual([
      { kind: 'color', site: 0, zonesMask: 1, zones: [1], counter: 1, rgb332: 7, rgb: [255, 0, 0] },
      { kind: 'wake' },
    ]);
    const s = await decode('xylo', '--serial', '10030021ffff06013e000000fa0308011e');
    expect(s.json[0]).toMatchObject({ kind: 'color', site: 3, zonesMask: 0x840, zones: [7, 12], counter: 255 });
  });

  it('decodes PixMob IR codes and IR forwarder lines', async () => {
    const r = await decode('pixmob', '80aa21212621212121');
    expect(r.code).toBe(0);
    expect(r.json).toEqual([{ kind: 'color', rgb: [252, 0, 0], attack: 0, sustain: 0, release: 0, chance: 0, group: 0 }]);
    const l = await decode('pixmob', '--line', '[36]111111112412141322121412141214121419,');
    expect(l.json).toEqual(r.json);
    const bad = await decode('pixmob', '--line', '[3]341,', '[2]12,');
    expect(bad.code).toBe(1);
    expect(bad.errors.join('\n')).toMatch(/argument 1 .*NOT_A_CODE/);
    expect(bad.errors.join('\n')).toMatch(/argument 2 .*NOT_A_CODE/);
  });

  it('names a bad argument, still decodes the good ones, exits 1', async () => {
    const r = await decode('ccl', '030101039dc800', '05aabb', 'xyz');
    expect(r.code).toBe(1);
    expect(r.json).toHaveLength(1);
    expect(r.errors).toHaveLength(2);
    expect(r.errors[0]).toMatch(/^crowdcue decode: argument 2 '05aabb': frame 1: cobs error, COBS_TRUNCATED/);
    expect(r.errors[1]).toMatch(/argument 3 'xyz': not hex: hex string has an odd number of digits/);
  });

  it('names a frame with a bad CRC, and a CCB packet that is too short', async () => {
    const crc = await decode('ccl', '030101039dc900');
    expect(crc.code).toBe(1);
    expect(crc.errors[0]).toMatch(/argument 1 '030101039dc900': frame 1: crc error, BAD_CRC \(crc\)/);
    const ccb = await decode('ccb', '010101');
    expect(ccb.code).toBe(1);
    expect(ccb.errors[0]).toMatch(/^crowdcue decode: argument 1 '010101': /);
  });

  it('answers bad usage with exit 2 and the usage text', async () => {
    for (const args of [[], ['ccx', '00'], ['ccb'], ['ccb', '--serial', '00'], ['ccl', '--nope', '00'], ['xylo', '--line', '[1]1,']]) {
      const r = await decode(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.errors.join('\n')).toMatch(/usage: crowdcue decode/);
    }
  });

  it('--help says which CCL form it accepts', async () => {
    const r = await decode('--help');
    expect(r.code).toBe(0);
    expect(r.lines.join('\n')).toMatch(/COBS-encoded frames,\s+each closed by 00/);
  });
});
