/**
 * Band time: the millisecond clock SYNC sets in every band (spec 2.1, u32,
 * wrapping). The planner owns it: band time = controller time minus an epoch
 * taken when the planner starts, so EFFECT start times and SYNC clocks agree.
 */
const U32 = 0x1_0000_0000;

export class BandClock {
  constructor(readonly epochMs: number) {}

  /** Band clock reading (u32) at controller time `ms`. */
  toBand(ms: number): number {
    const t = Math.round(ms - this.epochMs) % U32;
    return t < 0 ? t + U32 : t;
  }

  /** Controller time of a band reading, taking the reading nearest to `nearMs`. */
  toMs(band: number, nearMs: number): number {
    const delta = (((band - this.toBand(nearMs)) % U32) + U32) % U32;
    const signed = delta >= U32 / 2 ? delta - U32 : delta;
    return Math.round(nearMs) + signed;
  }
}
