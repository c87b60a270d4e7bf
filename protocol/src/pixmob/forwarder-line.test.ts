import { describe, expect, it } from 'vitest';
import { decodePixmob, type PixmobColorCommand } from './ir-code';
import { forwarderLine, parseForwarderLine, pixmobAirtimeUs, pixmobLine, pixmobRuns, pixmobSerialUs } from './forwarder-line';

const black: PixmobColorCommand = { kind: 'color', rgb: [0, 0, 0], attack: 0, sustain: 0, release: 0, chance: 0, group: 0 };

describe('IR forwarder line', () => {
  it('writes [N], one digit per run and a comma', () => {
    expect(forwarderLine([3, 4, 1])).toBe('[3]341,');
    expect(pixmobLine(black)).toBe('[34]2121112412141214121412141214121419,');
  });

  it('times a colour code: 63 slots of code and 9 of gap, 50.4 ms of IR', () => {
    const runs = pixmobRuns(black);
    expect(pixmobAirtimeUs(runs)).toBe(50_400);
    expect(pixmobSerialUs(pixmobLine(black))).toBeCloseTo(3385, 0);
  });

  it('refuses runs the sketch cannot send', () => {
    expect(() => forwarderLine([10])).toThrow(/1..9 slots/);
    expect(() => forwarderLine([])).toThrow(/1..200 runs/);
  });

  it('parses its own lines back to the codes', () => {
    const cmd: PixmobColorCommand = { ...black, rgb: [252, 128, 0], attack: 2 };
    const p = parseForwarderLine(pixmobLine(cmd));
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    expect(p.value.codes).toHaveLength(1);
    expect(decodePixmob(p.value.codes[0])).toEqual({ ok: true, value: cmd });
  });

  it('names what is wrong with a line the sketch would mangle', () => {
    expect(parseForwarderLine('[3]34,')).toMatchObject({ ok: false, error: { code: 'BAD_COUNT' } });
    expect(parseForwarderLine('[3]301,')).toMatchObject({ ok: false, error: { code: 'BAD_RUN' } });
    expect(parseForwarderLine('3]341,')).toMatchObject({ ok: false, error: { code: 'BAD_LINE' } });
    expect(parseForwarderLine('[3]341,\n')).toMatchObject({ ok: false, error: { code: 'BAD_LINE' } });
    expect(parseForwarderLine('[3]341,')).toMatchObject({ ok: false, error: { code: 'NOT_A_CODE' } });
  });
});
