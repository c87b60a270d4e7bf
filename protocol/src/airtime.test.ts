import { describe, expect, it } from 'vitest';
import {
  MIN_TX_GAP_US, airtimePercent, airtimeUs, channelCapacityPerSecond, channelHoldUs, repeatGapUs, sendSpanUs,
} from './airtime';

const radio = { bitrate: 38400, overhead: 13 };

describe('airtime', () => {
  it('follows ceil((overhead + len) * 8e6 / bitrate)', () => {
    // 25 bytes total at 38.4 kbit/s = 5208.33 us, rounded up.
    expect(airtimeUs(12, 38400, 13)).toBe(5209);
    expect(airtimeUs(0, 8_000_000, 1)).toBe(1);
    expect(airtimeUs(48, 38400, 13)).toBe(Math.ceil((61 * 8e6) / 38400));
  });

  it('refuses a zero bitrate or negative sizes, naming the argument', () => {
    expect(() => airtimeUs(10, 0, 13)).toThrow(/bitrate/);
    expect(() => airtimeUs(-1, 38400, 13)).toThrow(/rfLen/);
    expect(() => airtimeUs(1, 38400, Number.NaN)).toThrow(/overhead/);
  });

  it('keeps at least 1 ms between repeats', () => {
    expect(repeatGapUs(0)).toBe(MIN_TX_GAP_US);
    expect(repeatGapUs(5)).toBe(5000);
  });

  it('spans all repeats of a SEND', () => {
    const air = airtimeUs(20, radio.bitrate, radio.overhead);
    expect(sendSpanUs(20, 0, 9, radio)).toBe(air);
    expect(sendSpanUs(20, 2, 5, radio)).toBe(3 * air + 2 * 5000);
    expect(channelHoldUs(20, 2, 0, radio)).toBe(3 * air + 2 * 1000 + 1000);
  });

  it('gives channel capacity and busy share', () => {
    const air = airtimeUs(20, radio.bitrate, radio.overhead);
    expect(channelCapacityPerSecond(20, radio)).toBeCloseTo(1e6 / (air + 1000), 9);
    expect(airtimePercent(250_000, 1_000_000)).toBe(25);
    expect(airtimePercent(2_000_000, 1_000_000)).toBe(100);
  });
});
