/**
 * Play and scrub a parade in the crowd view. Playing asks the controller to
 * rehearse it (`preview`, packets to this console only) when the show is
 * saved; otherwise, or when the controller cannot, the parade is compiled
 * here and played on a local crowd. Scrubbing is always local: bands replay
 * from the start to any moment in a few milliseconds.
 */
import type { Show } from '@crowdcue/protocol';
import type { CrowdView } from '@crowdcue/simulator/renderer';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { PacketFeed } from '../crowd/packet-feed';
import { crowdFor, venueOf, type ShowCrowd } from '../crowd/show-crowd';
import { useLiveStore } from '../live/live-context';
import { planPreview, PreviewCursor, type PreviewPlan } from './local-preview';

export type PreviewSource = 'local' | 'controller';

export interface ParadePreview {
  crowd: ShowCrowd | null;
  plan: PreviewPlan | null;
  venueError: string | null;
  playing: boolean;
  source: PreviewSource;
  note: string | null;
  /** Playhead, parade ms (updated a few times a second for the UI). */
  playhead: number;
  clock: () => number;
  onView: (v: CrowdView | null) => void;
  play(): void;
  stop(): void;
  seek(ms: number): void;
}

/**
 * If the plan has packets due this soon after play and none of the
 * controller's has landed by then, its preview is not working: play locally.
 */
const SERVER_QUIET_MS = 1500;

export function useParadePreview(show: Show | null, paradeId: string | null, saved: boolean): ParadePreview {
  const store = useLiveStore();
  const venueKey = show ? `${show.site}\n${JSON.stringify(show.venue)}` : '';
  const showRef = useRef(show);
  showRef.current = show;

  const venue = useMemo((): { map: ReturnType<typeof venueOf> | null; error: string | null } => {
    const s = showRef.current;
    if (!s) return { map: null, error: null };
    try {
      return { map: venueOf(s), error: null };
    } catch (e) {
      return { map: null, error: e instanceof Error ? e.message : String(e) };
    }
  }, [venueKey]);

  const site = show?.site ?? 1;
  const fresh = useCallback(() => (venue.map ? crowdFor(venue.map, site) : null), [venue, site]);
  const [crowd, setCrowd] = useState<ShowCrowd | null>(null);

  const parade = show && paradeId ? show.parades.find((p) => p.id === paradeId) : undefined;
  const paradeKey = parade ? JSON.stringify(parade) : '';
  const plan = useMemo(() => (showRef.current && paradeId && paradeKey ? planPreview(showRef.current, paradeId) : null), [paradeKey, paradeId, venueKey]);
  const duration = parade?.duration ?? 0;

  const viewRef = useRef<CrowdView | null>(null);
  const cursorRef = useRef<PreviewCursor<ShowCrowd['crowd']> | null>(null);
  const shownRef = useRef<ShowCrowd | null>(null);
  const t = useRef({ playing: false, from: 0, startedAt: 0, at: 0, source: 'local' as PreviewSource, serverSince: 0, expectedSoon: 0 });
  const feedRef = useRef<PacketFeed | null>(null);
  const [playing, setPlaying] = useState(false);
  const [source, setSource] = useState<PreviewSource>('local');
  const [note, setNote] = useState<string | null>(null);
  const [playhead, setPlayhead] = useState(0);

  const show_ = (c: ShowCrowd) => {
    shownRef.current = c;
    viewRef.current?.setCrowd(c.crowd, { positions: c.positions, seatLabel: c.seatLabel });
  };

  // A new venue or parade: fresh bands, and the plan replayed to the playhead.
  useEffect(() => {
    const c = fresh();
    setCrowd(c);
    shownRef.current = c;
    if (!c) {
      cursorRef.current = null;
      return;
    }
    let first = true;
    cursorRef.current = new PreviewCursor(plan?.ok ? plan.packets : [], () => {
      if (first) {
        first = false;
        return c.crowd;
      }
      const next = fresh()!;
      show_(next);
      return next.crowd;
    });
    cursorRef.current.seek(t.current.at);
    viewRef.current?.render(t.current.at);
  }, [fresh, plan]);

  const stopServer = useCallback(() => {
    if (t.current.source === 'controller') void store.command('stopPreview', {});
    feedRef.current = null;
  }, [store]);

  const stop = useCallback(() => {
    t.current.playing = false;
    stopServer();
    t.current.source = 'local';
    setSource('local');
    setPlaying(false);
    cursorRef.current?.restart();
    cursorRef.current?.seek(t.current.at);
  }, [stopServer]);

  const clock = useCallback(() => {
    const s = t.current;
    if (s.playing) {
      s.at = s.from + (performance.now() - s.startedAt);
      if (s.at >= duration) {
        s.at = duration;
        s.playing = false;
        queueMicrotask(stop);
      }
      if (s.source === 'controller') {
        const feed = feedRef.current;
        feed?.drain(s.at);
        if (s.expectedSoon > 0 && feed && feed.delivered === 0 && performance.now() - s.serverSince > SERVER_QUIET_MS) {
          // The controller is not sending this preview: play it here instead.
          s.source = 'local';
          stopServer();
          queueMicrotask(() => {
            setSource('local');
            setNote(feed.waiting > 0 ? "The controller's preview packets are not on the parade's time line; playing the local preview." : 'The controller sent no preview packets; playing the local preview.');
          });
          cursorRef.current?.restart();
        }
      }
    }
    if (s.source === 'local') cursorRef.current?.seek(s.at);
    return s.at;
  }, [duration, stop, stopServer]);

  // UI playhead at ~10 Hz.
  useEffect(() => {
    const id = setInterval(() => setPlayhead(Math.round(t.current.at)), 100);
    return () => clearInterval(id);
  }, []);

  useEffect(() => store.onPackets((batch) => {
    if (t.current.source !== 'controller' || !feedRef.current) return;
    feedRef.current.push(batch);
  }, false), [store]);

  const play = useCallback(() => {
    if (!show || !paradeId || !plan?.ok) return;
    const s = t.current;
    if (s.at >= duration) s.at = 0;
    s.from = s.at;
    s.startedAt = performance.now();
    s.playing = true;
    s.source = 'local';
    setPlaying(true);
    setNote(null);
    setSource('local');
    if (!saved) {
      setNote('Unsaved edits: playing the local preview.');
      return;
    }
    void store.command('preview', { show: show.id, parade: paradeId, fromMs: Math.round(s.from) }).then((ack) => {
      if (!t.current.playing) return;
      if (!ack.ok) {
        setNote(`Controller preview unavailable (${ack.error}); playing the local preview.`);
        return;
      }
      const c = fresh();
      if (!c) return;
      // Fresh bands that hear only what the controller sends: it starts the preview with
      // SYNC and the step in progress at `fromMs`.
      const start = t.current.from;
      const planned = plan.ok ? plan.packets : [];
      feedRef.current = new PacketFeed(c.crowd);
      show_(c);
      t.current.source = 'controller';
      t.current.serverSince = performance.now();
      t.current.expectedSoon = planned.filter((p) => p.atMs >= start && p.atMs < start + SERVER_QUIET_MS).length;
      setSource('controller');
    });
  }, [show, paradeId, plan, duration, saved, store, fresh]);

  const seek = useCallback((ms: number) => {
    const s = t.current;
    const at = Math.max(0, Math.min(duration, ms));
    if (s.playing) {
      s.from = at;
      s.startedAt = performance.now();
      if (s.source === 'controller') {
        // Jumping in a controller preview: continue locally from the new point.
        stopServer();
        s.source = 'local';
        setSource('local');
      }
    }
    s.at = at;
    if (cursorRef.current?.crowd !== shownRef.current?.crowd) cursorRef.current?.restart();
    cursorRef.current?.seek(at);
    setPlayhead(Math.round(at));
    viewRef.current?.render(at);
  }, [duration, stopServer]);

  useEffect(() => () => {
    if (t.current.source === 'controller') void store.command('stopPreview', {});
  }, [store]);

  const onView = useCallback((v: CrowdView | null) => {
    viewRef.current = v;
    const probe = ((window as unknown as { crowdcueConsole?: Record<string, unknown> }).crowdcueConsole ??= {});
    probe.previewView = v ?? undefined;
    probe.previewNow = () => t.current.at;
  }, []);

  return { crowd, plan, venueError: venue.error, playing, source, note, playhead, clock, onView, play, stop, seek };
}
