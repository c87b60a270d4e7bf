/**
 * The live page: the playbacks (one per cue list) and the selected one's cue
 * list, crowd view, busking, the big buttons, master, the running parades,
 * and every figure that says the show is healthy. All live figures come from
 * the controller's state stream, so every console shows the same show.
 */
import type { Look, PlaybackState } from '@crowdcue/protocol';
import { useCallback, useRef, useState } from 'react';
import { CrowdView } from '../crowd/crowd-view';
import { useShortcuts } from '../keyboard/use-shortcuts';
import { BrandSlotsPanel } from './brand-slots-panel';
import { BuskPanel } from './busk-panel';
import { CueListPanel } from './cue-list-panel';
import { DeskStatus } from './desk-status';
import { useLive, useLiveStore } from './live-context';
import './live-page.css';
import { mainPlayback } from './main-playback';
import { MasterFader } from './master-fader';
import { OscStatus } from './osc-status';
import { PlaybackStrip } from './playback-strip';
import { RunningParades } from './running-parades';
import { TimecodeStatus } from './timecode-status';
import { linkReady } from './link-status';
import { OfflineBanner } from './offline-banner';
import { StatusStrip } from './status-strip';
import { TransportPanel } from './transport-panel';
import { useLiveCrowd } from './use-live-crowd';
import { useLiveShow } from './use-live-show';
import { useShowClockText } from './use-show-clock-text';
import { StandbyStatusPanel } from './standby-status';

export function LivePage({ canControl: mayControl }: { canControl: boolean }) {
  const store = useLiveStore();
  const live = useLive();
  // Off while the controller is out of reach or until the console holds its fresh state.
  const linkUp = linkReady(live.status);
  const canControl = mayControl && linkUp;
  const { show, error: showError } = useLiveShow();
  const lc = useLiveCrowd(show);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const masterRef = useRef<HTMLInputElement>(null);
  const state = live.state;
  const clockText = useShowClockText();

  const [pickedPlayback, setPickedPlayback] = useState<string | null>(null);
  const playbacks = state?.playbacks ?? [];
  const playback = mainPlayback(playbacks, pickedPlayback);
  const cueList = show ? (show.cueLists.find((l) => l.id === playback?.cueList) ?? show.cueLists[0] ?? null) : null;
  const target = playback?.cueList ?? cueList?.id;
  // The stage says what the selected playback shows (the show's first list without playbacks).
  const current = playback ? playback.current : (state?.current ?? null);
  const run = store.run.bind(store);

  const go = useCallback(() => void store.go(target), [store, target]);
  const back = useCallback(() => void store.run('back', target ? { cueList: target } : {}), [store, target]);
  const pause = useCallback(() => void store.run(store.getSnapshot().state?.paused ? 'resume' : 'pause', {}), [store]);
  const blackout = useCallback(() => void store.run('blackout', { on: !store.getSnapshot().state?.blackout }), [store]);
  const pausePlayback = (p: PlaybackState) => void run(p.paused ? 'resume' : 'pause', { cueList: p.cueList });

  useShortcuts({
    go: canControl ? go : undefined,
    back: canControl ? back : undefined,
    blackout: canControl ? blackout : undefined,
    pause: canControl ? pause : undefined,
    clearSelection: () => setSelected(new Set()),
    focusMaster: () => masterRef.current?.focus(),
  });

  const zones = show?.venue.zones ?? [];
  const onBandClick = (band: number) => {
    const c = lc.crowd;
    if (!c) return;
    const z = c.crowd.zone[band];
    const next = new Set(selected);
    if (next.has(z)) next.delete(z);
    else next.add(z);
    setSelected(next);
  };

  return (
    <div className={`live-page ${linkUp ? '' : 'link-down'}`} data-link={live.status}>
      <StatusStrip />
      <CueListPanel list={cueList} playback={playback} canControl={canControl} onGoto={(cue) => void run('goto', { cue, cueList: cueList?.id })} />

      <div className="live-main">
      <section className="panel stage">
        <OfflineBanner />
        <div className="stage-head">
          <div>
            <span className="label">Show</span>
            <strong data-testid="live-show">{show?.name ?? state?.show ?? 'none loaded'}</strong>
          </div>
          <div>
            <span className="label">{playback && playbacks.length > 1 ? playback.name : 'Current'}</span>
            <strong data-testid="current-cue">{current ? `${current.number} ${current.label}` : '—'}</strong>
          </div>
          <div>
            <span className="label">Time</span>
            <strong className="mono" data-testid="show-time">{clockText}</strong>
          </div>
          <div className="stage-flags">
            {state?.paused && <span className="flag paused">PAUSED</span>}
            {state?.blackout && <span className="flag is-blackout">BLACKOUT</span>}
            {state && state.master < 255 && <span className="flag">MASTER {Math.round((state.master / 255) * 100)}%</span>}
            {state?.parades.map((p) => (
              <span key={p.run} className="flag parade">
                {p.name}
              </span>
            ))}
          </div>
        </div>
        <CrowdView
          crowd={lc.crowd?.crowd ?? null}
          positions={lc.crowd?.positions}
          seatLabel={lc.crowd?.seatLabel}
          clock={lc.clock}
          running={!!lc.crowd}
          onView={lc.onView}
          onBandClick={onBandClick}
          emptyText={showError ?? lc.error ?? (state?.show ? 'Loading venue…' : 'No live show: load one on the Shows page')}
          className="stage-view"
        />
      </section>

      <PlaybackStrip
        playbacks={playbacks}
        selected={playback?.cueList ?? null}
        onSelect={setPickedPlayback}
        goLocked={live.goLocked}
        stateAtLocalMs={live.stateAtLocalMs}
        held={!linkUp}
        canControl={canControl}
        onGo={(cueList) => void store.go(cueList)}
        onPause={pausePlayback}
        onStop={(cueList) => void run('stop', { cueList })}
        onLevel={(cueList, level) => void run('level', { cueList, level })}
      />

      <BuskPanel
        zones={zones}
        live={state?.zones ?? []}
        selected={selected}
        setSelected={setSelected}
        canControl={canControl && !!state?.show}
        onBusk={(z, look: Look) => void run('busk', { zones: z, look })}
        onRelease={(z) => void run('release', z ? { zones: z } : {})}
      />
      </div>

      <aside className="panel desk">
        <TransportPanel
          state={state}
          playback={playback}
          goLocked={(target ?? '') in live.goLocked}
          canControl={canControl}
          onGo={go}
          onBack={back}
          onPause={pause}
          onStop={() => void run('stop', {})}
          onBlackout={blackout}
        />
        <MasterFader ref={masterRef} level={state?.master ?? 255} disabled={!canControl || !state?.show} onLevel={(level) => void run('master', { level })} />
        {!mayControl && <p className="muted pad small-text">View only: your role cannot run the live show.</p>}
        <div className="desk-more">
          <BrandSlotsPanel slots={state?.brandSlots ?? []} held={!linkUp} />
          <RunningParades parades={state?.parades ?? []} playbacks={playbacks} canControl={canControl} onStop={(r) => void run('stopParade', { run: r })} />
          <StandbyStatusPanel />
          <TimecodeStatus status={state?.inputs?.timecode} />
          <DeskStatus status={state?.inputs?.desk} />
          <OscStatus status={state?.inputs?.osc} />
        </div>
      </aside>
    </div>
  );
}

