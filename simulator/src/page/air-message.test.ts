import { describe, expect, it } from 'vitest';
import { packReached, readAirMessage, toAirMessage, unpackReached } from './air-message';

describe('air messages', () => {
  it('round-trip a transmission with a partial reach', () => {
    const reached = Uint8Array.from([1, 0, 1, 1, 0, 0, 0, 1, 1, 0]);
    const msg = toAirMessage({ rf: Uint8Array.from([0x07, 0x2a, 0xff]), endMs: 1234.5, reached });
    expect(msg.rf).toBe('072aff');
    const back = readAirMessage(msg, 10);
    expect(back).toEqual({ ok: true, value: { rf: Uint8Array.from([0x07, 0x2a, 0xff]), endMs: 1234.5, reached } });
  });

  it('sends no reach at all when every band got it', () => {
    expect(packReached(Uint8Array.from([1, 1, 1]))).toBeNull();
    expect(toAirMessage({ rf: 'AB', endMs: 0 }).reached).toBeNull();
    expect(toAirMessage({ rf: 'AB', endMs: 0 }).rf).toBe('ab');
  });

  it('unpacks bits LSB first', () => {
    expect(Array.from(unpackReached(Uint8Array.from([0b10000001, 0b1]), 9))).toEqual([1, 0, 0, 0, 0, 0, 0, 1, 1]);
  });

  it('accepts reach bytes arriving as an ArrayBuffer', () => {
    const r = readAirMessage({ rf: '00', endMs: 1, reached: Uint8Array.from([0b10]).buffer }, 2);
    expect(r.ok && Array.from(r.value.reached ?? [])).toEqual([0, 1]);
  });

  it('names what is wrong with a bad message and never throws', () => {
    expect(readAirMessage(null, 1)).toEqual({ ok: false, error: 'air message is not an object' });
    expect(readAirMessage({ rf: 'zz', endMs: 1 }, 1)).toMatchObject({ ok: false, error: expect.stringContaining('rf:') });
    expect(readAirMessage({ rf: '00', endMs: Number.NaN }, 1)).toMatchObject({ ok: false, error: expect.stringContaining('endMs') });
    expect(readAirMessage({ rf: '00', endMs: 1, reached: 'x' }, 1)).toMatchObject({ ok: false, error: expect.stringContaining('reached') });
    expect(readAirMessage({ rf: '00', endMs: 1, reached: new Uint8Array(3) }, 9)).toMatchObject({ ok: false, error: expect.stringContaining('needs 2') });
  });
});
