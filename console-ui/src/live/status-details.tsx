/**
 * The status strip's details on demand: every transmitter's health card,
 * the scheduler lateness and airtime figures, and the warnings, each in the
 * show's words with its technical path behind a toggle.
 */
import { useState } from 'react';
import { useLive, useLiveStore } from './live-context';
import type { LiveWarningItem } from './live-store';
import { clockOf } from './link-status';
import { AirtimeFigures, LatenessFigures } from './show-figures-panel';
import { TransmitterCard } from './transmitter-card';

function WarningRow({ w, onDismiss }: { w: LiveWarningItem; onDismiss: () => void }) {
  const [open, setOpen] = useState(false);
  const technical = [w.code && `code ${w.code}`, w.detail].filter(Boolean).join(' · ');
  return (
    <li className={`warning-row ${w.level}`} data-testid="warning-row">
      <div className="row tight">
        <span className="mono muted">{clockOf(w.at)}</span>
        <span className="warning-text">{w.message}</span>
        {technical && (
          <button className="small" data-testid="warning-detail-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? 'Hide details' : 'Details'}
          </button>
        )}
        <button className="small" aria-label="Dismiss" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
      {open && technical && (
        <p className="warning-detail mono" data-testid="warning-detail">
          {technical}
        </p>
      )}
    </li>
  );
}

export function StatusDetails({ onClose }: { onClose: () => void }) {
  const store = useLiveStore();
  const live = useLive();
  return (
    <section className="panel status-details" data-testid="status-details">
      <h2 className="row spread">
        <span>
          Status details <span className="muted">· {live.health.filter((t) => t.state === 'up').length}/{live.health.length} transmitters up</span>
        </span>
        <button className="small" data-testid="status-details-close" onClick={onClose}>
          Close
        </button>
      </h2>
      <div className="status-details-body">
        <div className="tx-cards" data-testid="health">
          {live.health.length === 0 ? <p className="muted pad">No transmitter reports yet.</p> : live.health.map((tx) => <TransmitterCard key={tx.id} tx={tx} />)}
        </div>
        <div className="status-details-figures">
          <LatenessFigures report={live.lateness} />
          <AirtimeFigures report={live.airtime} />
        </div>
        <section className="panel figures" data-testid="warnings">
          <h2>Warnings</h2>
          {live.warnings.length === 0 ? (
            <p className="muted pad">No warnings.</p>
          ) : (
            <ul className="warning-list">
              {live.warnings.map((w) => (
                <WarningRow key={w.id} w={w} onDismiss={() => store.dismiss(w.id)} />
              ))}
            </ul>
          )}
        </section>
      </div>
    </section>
  );
}
