/**
 * Operators and admins approve brands' slots: every brand sequence of the live
 * and open shows (or of all shows), with its slot, zones and preload, the
 * server's warnings beside it, and Approve / Withdraw approval. The server
 * checks overlaps again on approval; its refusal shows on the row.
 */
import { useCallback, useEffect, useState } from 'react';
import { errorText } from '../api/http';
import { brandApi } from '../brand/brand-client';
import { useEditing } from '../editing/editing-context';
import { useLive, useLiveStore } from '../live/live-context';
import { approvalRows, approvalStatus, preloadText, zonesText, type ApprovalScope, type ApprovalView } from './approval-rows';
import { listApprovals } from './approvals-api';

const STATUS_TEXT = { approved: 'approved', awaiting: 'awaiting approval', 'no-slot': 'no slot yet' } as const;
const TONE_CLASS = { ok: 'ok-text', warn: 'muted', bad: 'error', none: 'muted' } as const;

export function ApprovalsPage() {
  const store = useLiveStore();
  const live = useLive().state?.show ?? null;
  const open = useEditing().showId;
  const [list, setList] = useState<ApprovalView[] | null>(null);
  const [scope, setScope] = useState<ApprovalScope>('current');
  const [error, setError] = useState<string | null>(null);
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);

  const refresh = useCallback(() => {
    listApprovals().then(
      (l) => (setList(l), setError(null)),
      (e) => setError(errorText(e)),
    );
  }, []);
  useEffect(refresh, [refresh]);
  useEffect(() => store.onShowChanged(refresh), [store, refresh]);

  const key = (v: ApprovalView) => `${v.show}/${v.sequence.id}`;
  const setApproved = async (v: ApprovalView, approved: boolean) => {
    setBusy(key(v));
    try {
      await brandApi.approve(v.show, v.sequence.id, approved);
      setRowErrors(({ [key(v)]: _gone, ...rest }) => rest);
    } catch (e) {
      setRowErrors((r) => ({ ...r, [key(v)]: errorText(e) }));
    } finally {
      setBusy(null);
      refresh();
    }
  };

  const rows = list ? approvalRows(list, { live, open }, scope) : [];
  const currentNames = [live && `${live} (live)`, open && open !== live && `${open} (open)`].filter(Boolean).join(', ');

  return (
    <div className="approvals-page" data-testid="approvals-page">
      <section className="panel">
        <h2>
          Brand approvals <span className="muted">· {scope === 'all' || !currentNames ? 'all shows' : currentNames}</span>
        </h2>
        <div className="pad row">
          <div className="segmented" role="group" aria-label="Which shows">
            <button className={scope === 'current' ? 'on' : ''} data-testid="approvals-scope-current" onClick={() => setScope('current')}>
              Live and open shows
            </button>
            <button className={scope === 'all' ? 'on' : ''} data-testid="approvals-scope-all" onClick={() => setScope('all')}>
              All shows
            </button>
          </div>
          <button className="ghost end-push" data-testid="approvals-refresh" onClick={refresh}>
            Refresh
          </button>
        </div>
        {error && <p className="error pad" role="alert">{error}</p>}
        <table className="grid-table" data-testid="approvals-list">
          <thead>
            <tr>
              <th>Brand</th>
              <th>Sequence</th>
              <th>Show</th>
              <th>Schedule</th>
              <th>Zones</th>
              <th>Preload</th>
              <th>Status</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list === null && !error && (
              <tr>
                <td colSpan={8} className="muted">Loading…</td>
              </tr>
            )}
            {list !== null && rows.length === 0 && (
              <tr>
                <td colSpan={8} className="muted">No brand sequences {scope === 'all' ? 'in any show' : 'in the live or open show'}.</td>
              </tr>
            )}
            {rows.map((v) => {
              const status = approvalStatus(v);
              const preload = preloadText(v.preload);
              const notes = [...v.warnings, ...(rowErrors[key(v)] ? [rowErrors[key(v)]] : [])];
              return (
                <tr key={key(v)} data-testid={`approval-row-${v.sequence.id}`} data-status={status} className={notes.length > 0 ? 'invalid' : ''}>
                  <td>
                    <strong>{v.sequence.brand}</strong>
                  </td>
                  <td>
                    {v.sequence.name}
                    <div className="muted small-text">
                      <code>{v.sequence.id}</code> · {(v.durationMs / 1000).toFixed(1)} s
                      {v.sequence.logo && (
                        <>
                          {' · '}
                          <a href={brandApi.logoUrl(v.sequence.logo.asset)} target="_blank" rel="noreferrer" data-testid={`approval-logo-${v.sequence.id}`}>
                            logo
                          </a>
                        </>
                      )}
                    </div>
                    {notes.length > 0 && (
                      <ul className="approval-warnings small-text" data-testid={`approval-warnings-${v.sequence.id}`}>
                        {notes.map((n) => (
                          <li key={n}>{n}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>
                    {v.show}
                    {v.show === live && <span className="tag live">LIVE</span>}
                  </td>
                  <td>{v.slot ?? <span className="muted">not scheduled</span>}</td>
                  <td className="mono">{zonesText(v.zones)}</td>
                  <td className={`small-text ${TONE_CLASS[preload.tone]}`}>{preload.text}</td>
                  <td>
                    <span className={status === 'approved' ? 'tag live' : 'tag'}>{STATUS_TEXT[status]}</span>
                    {v.sequence.approved && v.sequence.approvedBy && (
                      <div className="small-text muted" data-testid={`approved-by-${v.sequence.id}`}>
                        by {v.sequence.approvedBy}
                      </div>
                    )}
                  </td>
                  <td className="actions">
                    {v.sequence.approved ? (
                      <button data-testid={`withdraw-${v.sequence.id}`} disabled={busy === key(v)} onClick={() => void setApproved(v, false)}>
                        Withdraw approval
                      </button>
                    ) : (
                      <button
                        className="primary"
                        data-testid={`approve-${v.sequence.id}`}
                        disabled={busy === key(v) || !v.sequence.schedule}
                        title={v.sequence.schedule ? undefined : 'the brand has not picked a slot yet'}
                        onClick={() => void setApproved(v, true)}
                      >
                        Approve
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </div>
  );
}
