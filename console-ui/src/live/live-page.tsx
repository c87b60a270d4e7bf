/**
 * The live page: cue list, crowd view, busking, the big buttons, master, and
 * every figure that says the show is healthy. All live figures come from the
 * controller's state stream, so every console shows the same show.
 */
import type { Look } from '@crowdcue/protocol';
import { useCallback, useRef, useState } from 'react';
import { CrowdView } from '../crowd/crowd-view';
import { useShortcuts } from '../keyboard/use-shortcuts';
import { BuskPanel } from './busk-panel';
import { CueListPanel } from './cue-list-panel';
import { useLive, useLiveStore } from './live-context';
import { MasterFader } from './master-fader';
import { AirtimeFigures, LatenessFigures } from './show-figures-panel';
import { TransmitterCard } from './transmitter-card';
import { TransportPanel } from './transport-panel';
import { useLiveCrowd } from './use-live-crowd';
import { useLiveShow } from './use-live-show';
import { useShowClockText } from './use-show-clock-text';

export function LivePage({ canControl }: { canControl: boolean }) {
  const store = useLiveStore();
  const live = useLive();
  const { show, error: showError } = useLiveShow();
  const lc = useLiveCrowd(show);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const masterRef = useRef<HTMLInputElement>(null);
  const state = live.state;
  const clockText = useShowClockText();

  const cueList = show ? (show.cueLists.find((l) => l.id === state?.current?.cueList) ?? show.cueLists[0] ?? null) : null;
  const run = store.run.bind(store);

  const go = useCallback(() => void store.run('go', cueList ? { cueList: cueList.id } : {}), [store, cueList]);
  const back = useCallback(() => void store.run('back', cueList ? { cueList: cueList.id } : {}), [store, cueList]);
  const pause = useCallback(() => void store.run(store.getSnapshot().state?.paused ? 'resume' : 'pause', {}), [store]);
  const blackout = useCallback(() => void store.run('blackout', { on: !store.getSnapshot().state?.blackout }), [store]);

  useShortcuts(
    {
      go: canControl ? go : undefined,
      blackout: canControl ? blackout : undefined,
      pause: canControl ? pause : undefined,
      clearSelection: () => setSelected(new Set()),
      focusMaster: () => masterRef.current?.focus(),
    },
    true,
  );

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
    <div className="live-page">
      <CueListPanel list={cueList} state={state} canControl={canControl} onGoto={(cue) => void run('goto', { cue, cueList: cueList?.id })} />

      <section className="panel stage">
        <div className="stage-head">
          <div>
            <span className="label">Show</span>
            <strong data-testid="live-show">{show?.name ?? state?.show ?? 'none loaded'}</strong>
          </div>
          <div>
            <span className="label">Current</span>
            <strong data-testid="current-cue">{state?.current ? `${state.current.number} ${state.current.label}` : '—'}</strong>
          </div>
          <div>
            <span className="label">Time</span>
            <strong className="mono" data-testid="show-time">{clockText}</strong>
          </div>
          <div className="stage-flags">
            {state?.paused && <span className="flag paused">PAUSED</span>}
            {state?.blackout && <span className="flag is-blackout">BLACKOUT</span>}
            {state && state.master < 255 && <span className="flag">MASTER {Math.round((state.master / 255) * 100)}%</span>}
            {state?.parades.map((p) => <span key={p.id} className="flag parade">{p.id}</span>)}
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

      <aside className="panel desk">
        <TransportPanel
          state={state}
          canControl={canControl}
          onGo={go}
          onBack={back}
          onPause={pause}
          onStop={() => void run('stop', {})}
          onBlackout={blackout}
        />
        <MasterFader ref={masterRef} level={state?.master ?? 255} disabled={!canControl || !state?.show} onLevel={(level) => void run('master', { level })} />
        {!canControl && <p className="muted pad small-text">View only: your role cannot run the live show.</p>}
        <LatenessFigures report={live.lateness} />
        <AirtimeFigures report={live.airtime} />
      </aside>

      <BuskPanel
        zones={zones}
        live={state?.zones ?? []}
        selected={selected}
        setSelected={setSelected}
        canControl={canControl && !!state?.show}
        onBusk={(z, look: Look) => void run('busk', { zones: z, look })}
        onRelease={(z) => void run('release', z ? { zones: z } : {})}
      />

      <section className="panel health" data-testid="health">
        <h2>
          Transmitters <span className="muted">· {live.health.filter((t) => t.state === 'up').length}/{live.health.length} up</span>
        </h2>
        <div className="tx-cards">
          {live.health.length === 0 ? <p className="muted pad">No transmitter reports yet.</p> : live.health.map((tx) => <TransmitterCard key={tx.id} tx={tx} />)}
        </div>
      </section>
    </div>
  );
}

