/**
 * Who put a transmission on air, in the show's words, for a proof of play that
 * names what overwrote a brand slot: the planner says why it planned each
 * packet (cue, busk, parade, blackout...), a parade packet is named by the
 * parades playing then, and what the planner never planned is the brand's own
 * (logo preload and reveal go straight to the transmitters).
 */
import { toHex } from '@crowdcue/protocol';
import type { Subscription } from 'rxjs';
import type { PacketPurpose } from '../transmitter/types';
import type { ShowSession } from './show-session';

/** Planned packets remembered for labelling: far more than are on their way to air at once. */
const REMEMBERED = 2048;

const PURPOSE_WORDS: Record<PacketPurpose, string> = {
  blackout: 'blackout',
  master: 'master',
  cue: 'a cue',
  busk: 'a busk',
  parade: 'a parade',
  sync: 'sync',
  refresh: 'refresh',
  image: 'brand',
  wake: 'wake',
};

export class AirLabels {
  private readonly purposes = new Map<string, PacketPurpose>();
  private readonly sub: Subscription;

  constructor(
    private readonly session: ShowSession,
    /** Whether a brand slot holds any of these zones now (its layer's packets are the brand's). */
    private readonly brandHolds: (zones: readonly number[] | 'ALL') => boolean,
  ) {
    this.sub = session.planner.planned$.subscribe((p) => {
      const key = toHex(p.packet.rf);
      this.purposes.delete(key);
      this.purposes.set(key, p.packet.purpose);
      if (this.purposes.size > REMEMBERED) this.purposes.delete(this.purposes.keys().next().value!);
    });
  }

  label(rf: Uint8Array, zones: readonly number[] | 'ALL'): string {
    const purpose = this.purposes.get(toHex(rf));
    if (purpose === undefined) return 'brand';
    if (purpose !== 'parade') return PURPOSE_WORDS[purpose];
    const names = this.session
      .activeParades()
      .filter((r) => r.run !== undefined)
      .map((r) => this.session.paradeLabel(r));
    if (names.length > 0) return names.join(' and ');
    return this.brandHolds(zones) ? 'brand' : 'a parade';
  }

  close(): void {
    this.sub.unsubscribe();
  }
}
