/**
 * The live crowd: the live show's venue as bands, fed with every packet the
 * controller puts on air, on the show's time line. What it shows is what the
 * bands decode, not what the engine meant.
 */
import type { Show } from '@crowdcue/protocol';
import type { CrowdView } from '@crowdcue/simulator/renderer';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { PacketFeed } from '../crowd/packet-feed';
import { crowdFor, venueOf, type ShowCrowd } from '../crowd/show-crowd';
import { useLiveStore } from './live-context';

export interface LiveCrowd {
  /** The crowd the view starts with (a jump in show time swaps in fresh bands without a re-render). */
  crowd: ShowCrowd | null;
  /** Per-frame clock for the view: drains packets due by now and returns show ms. */
  clock: () => number;
  onView: (view: CrowdView | null) => void;
  error: string | null;
  /** The crowd as shown now. */
  current: () => ShowCrowd | null;
}

/** What end-to-end tests and benchmarks read from the page (window.crowdcueConsole). */
export interface ConsoleProbe {
  crowd?: ShowCrowd['crowd'];
  view?: CrowdView;
  showNow?: () => number;
  packetsDelivered?: () => number;
}

const probe = (): ConsoleProbe => {
  const w = window as unknown as { crowdcueConsole?: ConsoleProbe };
  return (w.crowdcueConsole ??= {});
};

function venueKey(show: Show | null): string {
  return show ? `${show.site}\n${JSON.stringify(show.venue)}` : '';
}

export function useLiveCrowd(show: Show | null): LiveCrowd {
  const store = useLiveStore();
  const feed = useMemo(() => new PacketFeed({ receive: () => undefined }), []);
  const key = venueKey(show);
  const showRef = useRef(show);
  showRef.current = show;

  // The venue and site decide the crowd; other edits to the show do not rebuild it.
  const built = useMemo((): { crowd: ShowCrowd | null; error: string | null } => {
    const s = showRef.current;
    if (!key || !s) return { crowd: null, error: null };
    try {
      return { crowd: crowdFor(venueOf(s), s.site), error: null };
    } catch (e) {
      return { crowd: null, error: `venue: ${e instanceof Error ? e.message : String(e)}` };
    }
  }, [key]);

  const currentRef = useRef<ShowCrowd | null>(null);
  const viewRef = useRef<CrowdView | null>(null);
  const epoch = useRef(0);
  const [, setTick] = useState(0);

  useEffect(() => {
    currentRef.current = built.crowd;
    if (built.crowd) feed.setReceiver(built.crowd.crowd);
    epoch.current = store.showTimeEpoch;
    probe().crowd = built.crowd?.crowd;
    setTick((t) => t + 1);
  }, [built, feed, store]);

  useEffect(() => store.onPackets((batch) => feed.push(batch)), [store, feed]);

  const clock = useCallback(() => {
    const now = store.showTime.now();
    const current = currentRef.current;
    if (current && epoch.current !== store.showTimeEpoch) {
      // Show time jumped (stop, load, a cue gone back): bands cannot un-hear packets, so start over.
      epoch.current = store.showTimeEpoch;
      const fresh = crowdFor(current.venue, current.crowd.site[0] ?? 1);
      currentRef.current = fresh;
      feed.setReceiver(fresh.crowd, true);
      viewRef.current?.setCrowd(fresh.crowd, { positions: fresh.positions, seatLabel: fresh.seatLabel });
      probe().crowd = fresh.crowd;
    }
    feed.drain(now);
    return now;
  }, [store, feed]);

  const onView = useCallback((view: CrowdView | null) => {
    viewRef.current = view;
    const p = probe();
    p.view = view ?? undefined;
    p.showNow = () => store.showTime.now();
    p.packetsDelivered = () => feed.delivered;
  }, [store, feed]);

  return { crowd: built.crowd, clock, onView, error: built.error, current: () => currentRef.current };
}
