/**
 * The live crowd: the live show's venue as bands, fed with every packet the
 * controller puts on air. What it shows is what the bands decode, not what the
 * engine meant.
 *
 * The bands run on this console's own clock, as real bands run on theirs: a
 * pause or a jump in show time does not stop or reset them. Each packet's end
 * (show ms) is placed on that clock through the state stream's show position.
 */
import type { Show } from '@crowdcue/protocol';
import type { CrowdView } from '@crowdcue/simulator/renderer';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { PacketFeed } from '../crowd/packet-feed';
import { crowdFor, venueOf, type ShowCrowd } from '../crowd/show-crowd';
import { useLiveStore } from './live-context';

export interface LiveCrowd {
  crowd: ShowCrowd | null;
  /** Per-frame clock for the view: drains packets due by now and returns crowd ms. */
  clock: () => number;
  onView: (view: CrowdView | null) => void;
  error: string | null;
}

/** What end-to-end tests and benchmarks read from the page (window.crowdcueConsole). */
export interface ConsoleProbe {
  crowd?: ShowCrowd['crowd'];
  view?: CrowdView;
  /** Crowd time now (what the view draws), and the show ms the state stream says. */
  crowdNow?: () => number;
  showNow?: () => number;
  packetsDelivered?: () => number;
}

export function consoleProbe(): ConsoleProbe {
  const w = window as unknown as { crowdcueConsole?: ConsoleProbe };
  return (w.crowdcueConsole ??= {});
}

/**
 * A packet is on air within moments of arriving (batches are ~10 ms); one the
 * show clock places long before its arrival (a stale position while paused)
 * is taken as ended just before it arrived.
 */
const MAX_LATE_MS = 250;

function venueKey(show: Show | null): string {
  return show ? `${show.site}\n${JSON.stringify(show.venue)}` : '';
}

export function useLiveCrowd(show: Show | null): LiveCrowd {
  const store = useLiveStore();
  const showTime = store.showTime;
  const base = useMemo(() => showTime.localWall(), [showTime]);
  const crowdNow = useCallback(() => showTime.localWall() - base, [showTime, base]);
  const feed = useMemo(
    () => new PacketFeed({ receive: () => undefined }, (endMs) => Math.max(showTime.wallAt(endMs) - base, crowdNow() - MAX_LATE_MS)),
    [showTime, base, crowdNow],
  );
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

  useEffect(() => {
    if (built.crowd) feed.setReceiver(built.crowd.crowd);
    consoleProbe().crowd = built.crowd?.crowd;
  }, [built, feed]);

  useEffect(() => store.onPackets((batch) => feed.push(batch)), [store, feed]);

  const clock = useCallback(() => {
    const now = crowdNow();
    feed.drain(now);
    return now;
  }, [feed, crowdNow]);

  const onView = useCallback(
    (view: CrowdView | null) => {
      const p = consoleProbe();
      p.view = view ?? undefined;
      p.crowdNow = crowdNow;
      p.showNow = () => showTime.now();
      p.packetsDelivered = () => feed.delivered;
    },
    [crowdNow, showTime, feed],
  );

  return { crowd: built.crowd, clock, onView, error: built.error };
}
