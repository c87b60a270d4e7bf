/**
 * The live state's upcoming brand slots: the approved sequences of the live
 * show (re-read when the show is saved: an approval is a save) with the zones
 * each takes, judged against the session's state now by upcoming-slots.
 */
import type { BrandSequence, LiveState } from '@crowdcue/protocol';
import { venueFromShow } from '@crowdcue/simulator';
import { sequenceZones } from '../brand/brand-schedule';
import { seatMapOf } from '../brand/seat-map';
import { upcomingBrandSlots } from '../brand/upcoming-slots';
import type { ShowSession } from './show-session';

export class BrandSlotsFeed {
  private showId: string | null = null;
  private sequences: { seq: BrandSequence; zones: number[] }[] = [];
  private reading = 0;

  constructor(private readonly approved: (showId: string) => Promise<BrandSequence[]>) {}

  /** Reads the live show's approved sequences again; resolves true when the list changed. */
  async refresh(session: ShowSession): Promise<boolean> {
    const n = ++this.reading;
    const list = await this.approved(session.show.id);
    if (n !== this.reading) return false;
    const venue = venueFromShow(session.show.venue);
    const ctx = { map: seatMapOf(venue), venueZones: venue.zones.map((z) => z.id), parades: session.show.parades };
    this.showId = session.show.id;
    this.sequences = list.map((seq) => ({ seq, zones: sequenceZones(seq, ctx) }));
    return true;
  }

  /** `state` with the slots still ahead, judged now. */
  withSlots(session: ShowSession, state: LiveState, wallNow = Date.now()): LiveState {
    if (this.showId !== session.show.id) return state;
    const zonesBySeq = new Map(this.sequences.map((s) => [s.seq.id, s.zones]));
    const brandSlots = upcomingBrandSlots({
      sequences: this.sequences.map((s) => s.seq),
      status: state.running ? 'running' : state.paused ? 'paused' : 'stopped',
      positionMs: state.positionMs,
      wallNow,
      blackout: state.blackout,
      zones: state.zones,
      zonesOf: (seq) => zonesBySeq.get(seq.id) ?? [],
      cueName: (id) => session.cueName(id),
    });
    return { ...state, brandSlots };
  }
}
