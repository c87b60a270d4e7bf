/**
 * The brand's page: its own logo sequences (make, change, schedule), and its
 * proof-of-play reports. Operators and admins reach the same routes to
 * approve; a brand account sees only its own.
 */
import { useCallback, useEffect, useState } from 'react';
import { errorText } from '../api/http';
import { brandApi, type ProofOfPlayRecord, type SequenceView, type ShowRef, type ShowVenue } from './brand-client';
import { LogoEditor } from './logo-editor';
import { PlayStatusTag } from './play-status';
import { ReportView } from './report-view';
import { ScheduleForm } from './schedule-form';

type Mode = { kind: 'home' } | { kind: 'edit'; view?: SequenceView } | { kind: 'schedule'; view: SequenceView } | { kind: 'report'; report: ProofOfPlayRecord };

export function BrandPage({ brand }: { brand?: string }) {
  const [shows, setShows] = useState<ShowRef[]>([]);
  const [show, setShow] = useState<string>('');
  const [venue, setVenue] = useState<ShowVenue | null>(null);
  const [sequences, setSequences] = useState<SequenceView[] | null>(null);
  const [reports, setReports] = useState<ProofOfPlayRecord[]>([]);
  const [mode, setMode] = useState<Mode>({ kind: 'home' });
  const [note, setNote] = useState<string | null>(null);

  const reload = useCallback(() => {
    brandApi.sequences().then(setSequences, (e) => (setSequences([]), setNote(errorText(e))));
    brandApi.reports().then(setReports, () => setReports([]));
  }, []);

  useEffect(() => {
    brandApi.shows().then((list) => {
      setShows(list);
      setShow((s) => s || list.find((x) => x.id === 'demo')?.id || list[0]?.id || '');
    }, (e) => setNote(errorText(e)));
    reload();
  }, [reload]);

  useEffect(() => {
    if (!show) return;
    setVenue(null);
    brandApi.venue(show).then(setVenue, (e) => setNote(errorText(e)));
  }, [show]);

  if (mode.kind === 'edit' && venue) {
    return (
      <LogoEditor
        show={mode.view?.show ?? show}
        venue={venue}
        initial={mode.view?.sequence}
        onCancel={() => setMode({ kind: 'home' })}
        onSaved={() => {
          reload();
          setMode({ kind: 'home' });
        }}
      />
    );
  }
  if (mode.kind === 'report') return <ReportView report={mode.report} onBack={() => setMode({ kind: 'home' })} />;

  return (
    <div className="brand-page" data-testid="brand-page">
      <section className="panel">
        <h2>
          Your sequences {brand && <span className="muted">· {brand}</span>}
        </h2>
        <div className="pad" data-testid="brand-sequences">
          <label>
            Show{' '}
            <select data-testid="brand-show" value={show} onChange={(e) => setShow(e.target.value)}>
              {shows.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>{' '}
          <button className="primary" data-testid="brand-new" disabled={!venue} onClick={() => setMode({ kind: 'edit' })}>
            New logo sequence
          </button>
          {note && <p className="muted">{note}</p>}
          {sequences === null && <p className="muted">Loading…</p>}
          {sequences && sequences.length === 0 && !note && <p className="muted">No sequences yet.</p>}
          {sequences && sequences.length > 0 && (
            <table className="grid-table">
              <thead>
                <tr>
                  <th>Sequence</th>
                  <th>Show</th>
                  <th>Slot</th>
                  <th>Status</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {sequences.map((v) => (
                  <tr key={`${v.show}/${v.sequence.id}`} data-testid="brand-sequence-row" data-sequence={v.sequence.id}>
                    <td>{v.sequence.name}</td>
                    <td>{v.show}</td>
                    <td>{v.slot ?? <span className="muted">not scheduled</span>}</td>
                    <td>{v.sequence.approved ? <span className="tag live">approved</span> : <span className="tag">awaiting approval</span>}</td>
                    <td>
                      <button data-testid="brand-edit" onClick={() => (setShow(v.show), setMode({ kind: 'edit', view: v }))}>
                        Edit
                      </button>{' '}
                      <button data-testid="brand-schedule-open" onClick={() => (setShow(v.show), setMode({ kind: 'schedule', view: v }))}>
                        Schedule
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {mode.kind === 'schedule' && venue && (
            <div className="panel-inset">
              <h3>Schedule {mode.view.sequence.name}</h3>
              <ScheduleForm view={mode.view} venue={venue} onDone={reload} />
              <button onClick={() => setMode({ kind: 'home' })}>Close</button>
            </div>
          )}
        </div>
      </section>
      <section className="panel">
        <h2>Proof of play</h2>
        <div className="pad" data-testid="brand-reports">
          {reports.length === 0 && <p className="muted">Nothing has played yet.</p>}
          {reports.length > 0 && (
            <>
              <table className="grid-table">
                <thead>
                  <tr>
                    <th>Sequence</th>
                    <th>Show</th>
                    <th>Slot</th>
                    <th>Status</th>
                    <th>Shown</th>
                  </tr>
                </thead>
                <tbody>
                  {reports.map((r) => (
                    <tr key={r.id} data-testid="brand-report-row" data-report={r.id} onClick={() => setMode({ kind: 'report', report: r })} style={{ cursor: 'pointer' }}>
                      <td>{r.sequenceName}</td>
                      <td>{r.showId}</td>
                      <td>{`${r.scheduledStart.slice(0, 10)} ${r.scheduledStart.slice(11, 19)} UTC`}</td>
                      <td>
                        <PlayStatusTag status={r.status} />
                      </td>
                      <td>{r.figures ? `${(r.figures.shownMs / 1000).toFixed(1)} s of ${(r.figures.spanMs / 1000).toFixed(1)} s` : '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <a data-testid="brand-reports-csv" href={brandApi.csvUrl()} download>
                Export all as CSV
              </a>
            </>
          )}
        </div>
      </section>
    </div>
  );
}
