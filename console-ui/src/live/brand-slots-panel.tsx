/**
 * Upcoming brand slots on the desk: each approved slot still ahead with its
 * countdown, and, before its time, whether it will play, in the controller's
 * words (the show is stopped, a busk or blackout holds its zones).
 */
import type { UpcomingBrandSlot } from '@crowdcue/protocol';
import { slotWhenWords } from './brand-slot-countdown';
import { useLiveStore } from './live-context';
import { useLocalNow } from './use-local-now';

const OUTLOOK_WORDS: Record<UpcomingBrandSlot['outlook'], string> = {
  'will-play': 'will play',
  playing: 'playing',
  waits: 'waits',
  'pre-empted': 'pre-empted',
  'will-not-play': 'will not play',
};

export function BrandSlotsPanel({ slots, held }: { slots: readonly UpcomingBrandSlot[]; held: boolean }) {
  const store = useLiveStore();
  const now = useLocalNow(slots.length > 0 && !held, 500);
  if (slots.length === 0) return null;
  const showNow = store.showTime.now();
  return (
    <section className="brand-slots" data-testid="brand-slots">
      <div className="running-head">
        <span className="label">Brand slots</span>
        <span className="muted small-text">{slots.length} ahead</span>
      </div>
      <ul>
        {slots.map((s) => (
          <li key={s.sequence} className={`brand-slot outlook-${s.outlook}`} data-testid={`brand-slot-${s.sequence}`} data-outlook={s.outlook}>
            <div className="row spread tight">
              <strong className="brand-slot-name">{s.name}</strong>
              <span className="brand-slot-when mono" data-testid={`brand-slot-when-${s.sequence}`}>
                {slotWhenWords(s, now, showNow)}
              </span>
            </div>
            <div className="brand-slot-outlook" data-testid={`brand-slot-outlook-${s.sequence}`}>
              <span className="brand-slot-tag">{OUTLOOK_WORDS[s.outlook]}</span>
              {s.reason && <span> · {s.reason}</span>}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
