/**
 * One proof-of-play report as the brand reads it: played, partial or not
 * played with the reasons and their times; the share of seats that showed it
 * at the start, middle and end of the slot and for how long (replayed from what
 * went on air); the timeline; the replayed crowd at the middle; PDF and CSV.
 */
import type { SeatShare } from '@crowdcue/protocol';
import type { ProofOfPlayRecord } from './brand-client';
import { brandApi } from './brand-client';
import { PlayStatusTag } from './play-status';
import './report-view.css';

const pct = (s: number) => `${(s * 100).toFixed(1)}%`;
/** Times as the reasons and the PDF give them: UTC, to the tenth of a second (`21:03:05.2 UTC`). */
const time = (iso: string) => `${iso.slice(11, 21)} UTC`;
const day = (iso: string) => iso.slice(0, 10);
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The slot on one time axis: scheduled, when it showed, and the share of seats showing it every step. */
export function ReportTimeline({ report }: { report: ProofOfPlayRecord }) {
  const s0 = Date.parse(report.scheduledStart);
  const s1 = Date.parse(report.scheduledEnd);
  const a0 = Date.parse(report.actualStart);
  const a1 = Date.parse(report.actualEnd);
  const from = Math.min(s0, a0);
  const to = Math.max(s1, a1, from + 1);
  const pad = (to - from) * 0.04;
  const W = 560;
  const x = (t: number) => 84 + ((t - from + pad) / (to - from + 2 * pad)) * (W - 100);
  const f = report.figures;
  const curveTop = 62;
  const curveH = 60;
  const y = (share: number) => curveTop + curveH - share * curveH;
  const points = f
    ? f.shares.map((s, k) => (s === null ? null : `${x(s0 + (k + 0.5) * f.stepMs).toFixed(1)},${y(s).toFixed(1)}`)).filter((p): p is string => p !== null)
    : [];
  const bar = (top: number, t0: number, t1: number, fill: string, label: string) => (
    <g>
      <text x={4} y={top + 13} fontSize={12} fill="currentColor">
        {label}
      </text>
      <rect x={x(t0)} y={top} width={Math.max(2, x(t1) - x(t0))} height={18} fill={fill} rx={3} />
    </g>
  );
  const height = f ? curveTop + curveH + 28 : 64;
  return (
    <svg data-testid="brand-report-timeline" viewBox={`0 0 ${W} ${height}`} width="100%" role="img" aria-label="the slot, when it showed, and the share of seats showing it">
      {bar(4, s0, s1, '#5577ff', 'slot')}
      {report.status !== 'not-played' && bar(28, a0, a1, '#33cc88', 'showed')}
      {f && (
        <g>
          <text x={4} y={curveTop + 12} fontSize={12} fill="currentColor">
            seats
          </text>
          <rect x={x(s0)} y={curveTop} width={x(s1) - x(s0)} height={curveH} fill="none" stroke="#444c5e" />
          <line x1={x(s0)} x2={x(s1)} y1={y(0.5)} y2={y(0.5)} stroke="#666f82" strokeDasharray="3 3" />
          <polyline points={points.join(' ')} fill="none" stroke="#ffcc00" strokeWidth={2} />
          {(['start', 'middle', 'end'] as const).map((k) => (
            <circle key={k} cx={x(Date.parse(f[k].at))} cy={y(f[k].share)} r={3.5} fill="#ffcc00" />
          ))}
        </g>
      )}
      <text x={x(s0)} y={height - 4} fontSize={11} textAnchor="start" fill="currentColor">
        {time(report.scheduledStart)}
      </text>
      <text x={x(s1)} y={height - 4} fontSize={11} textAnchor="end" fill="currentColor">
        {time(report.scheduledEnd)}
      </text>
    </svg>
  );
}

function Figure({ label, share, seats, testId }: { label: string; share: SeatShare | null; seats: number; testId: string }) {
  return (
    <div className="report-figure" data-testid={testId}>
      <div className="label">{label}</div>
      <div className="value">{share ? pct(share.share) : '–'}</div>
      <div className="detail">{share ? `${share.seats.toLocaleString()} of ${seats.toLocaleString()} seats at ${time(share.at)}` : 'not replayed'}</div>
    </div>
  );
}

export function ReportView({ report, onBack }: { report: ProofOfPlayRecord; onBack: () => void }) {
  const f = report.figures;
  return (
    <section className="panel brand-report" data-testid="brand-report">
      <h2>
        {report.sequenceName}{' '}
        <span className="muted">
          · {report.showName ?? report.showId}
          {report.venueName ? ` at ${report.venueName}` : ''}
        </span>
      </h2>
      <div className="pad">
        <div className="report-verdict">
          <PlayStatusTag status={report.status} />
          {report.reasons.length > 0 ? (
            <ul className="report-reasons" data-testid="brand-report-reasons">
              {report.reasons.map((r, i) => (
                <li key={i}>{r.message}</li>
              ))}
            </ul>
          ) : (
            <span data-testid="brand-report-reasons">It showed for the whole slot.</span>
          )}
        </div>
        <div className="report-figures">
          <Figure label="At the start" share={f?.start ?? null} seats={f?.seats ?? 0} testId="brand-report-share-start" />
          <Figure label="At the middle" share={f?.middle ?? null} seats={f?.seats ?? 0} testId="brand-report-share-middle" />
          <Figure label="At the end" share={f?.end ?? null} seats={f?.seats ?? 0} testId="brand-report-share-end" />
        </div>
        {f && (
          <div data-testid="brand-report-shown">
            Shown on at least half its seats for <b>{secs(f.shownMs)}</b> of {secs(f.spanMs)}{' '}
            <span className="muted">(replayed from what went on air, with {Math.round(f.lossRate * 100)}% radio loss)</span>
          </div>
        )}
        <div className="report-body">
          <div>
            <ReportTimeline report={report} />
            <table className="grid-table" data-testid="brand-report-figures">
              <tbody>
                <tr>
                  <th>Slot</th>
                  <td>
                    {day(report.scheduledStart)} {time(report.scheduledStart)} – {time(report.scheduledEnd)}
                  </td>
                </tr>
                <tr>
                  <th>Showed</th>
                  <td>{report.status === 'not-played' ? 'not at all' : `${time(report.actualStart)} – ${time(report.actualEnd)}`}</td>
                </tr>
                <tr>
                  <th>Zones</th>
                  <td>{report.zones.join(', ')}</td>
                </tr>
                <tr>
                  <th>Seats</th>
                  <td data-testid="brand-report-bands">
                    {report.bandsEstimated.toLocaleString()} of {report.bandsCovered.toLocaleString()} showed it at the middle
                  </td>
                </tr>
                <tr>
                  <th>Airtime</th>
                  <td>
                    {(report.airtimeMs / 1000).toFixed(2)} s in {report.transmissions.toLocaleString()} transmissions
                  </td>
                </tr>
                {report.notes && (
                  <tr>
                    <th>Notes</th>
                    <td>{report.notes}</td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
          {report.hasSnapshot && (
            <figure style={{ margin: 0 }}>
              <img className="report-snapshot" data-testid="brand-report-snapshot" src={brandApi.snapshotUrl(report.id)} alt="the crowd at the middle of the slot, replayed" />
              <figcaption className="muted">The crowd at the middle of the slot, replayed from what went on air.</figcaption>
            </figure>
          )}
        </div>
        <div className="report-links">
          <a data-testid="brand-report-pdf" href={brandApi.pdfUrl(report.id)} download>
            Download PDF report
          </a>
          <a data-testid="brand-report-csv" href={brandApi.csvUrl(report.id)} download>
            Export CSV
          </a>
          <button onClick={onBack}>Back</button>
        </div>
      </div>
    </section>
  );
}
