/**
 * One proof-of-play report: a timeline (scheduled against actual), the
 * figures, the snapshot of the simulated crowd at the reveal, and CSV.
 */
import type { ProofOfPlayRecord } from './brand-client';
import { brandApi } from './brand-client';

const pct = (a: number, b: number) => (b > 0 ? `${((100 * a) / b).toFixed(1)}%` : '–');
const time = (iso: string) => new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** Scheduled and actual spans on one time axis, with a tick where each starts. */
export function ReportTimeline({ report }: { report: ProofOfPlayRecord }) {
  const s0 = Date.parse(report.scheduledStart);
  const s1 = Date.parse(report.scheduledEnd);
  const a0 = Date.parse(report.actualStart);
  const a1 = Date.parse(report.actualEnd);
  const from = Math.min(s0, a0);
  const to = Math.max(s1, a1, from + 1);
  const pad = (to - from) * 0.05;
  const W = 560;
  const x = (t: number) => 90 + ((t - from + pad) / (to - from + 2 * pad)) * (W - 110);
  const bar = (y: number, t0: number, t1: number, fill: string, label: string) => (
    <g>
      <text x={4} y={y + 13} fontSize={12} fill="currentColor">
        {label}
      </text>
      <rect x={x(t0)} y={y} width={Math.max(2, x(t1) - x(t0))} height={18} fill={fill} rx={3} />
    </g>
  );
  return (
    <svg data-testid="brand-report-timeline" viewBox={`0 0 ${W} 86`} width="100%" role="img" aria-label="scheduled and actual play">
      {bar(6, s0, s1, '#5577ff', 'scheduled')}
      {bar(34, a0, a1, '#33cc88', 'played')}
      <line x1={x(s0)} x2={x(s0)} y1={0} y2={60} stroke="#ffcc00" strokeDasharray="3 3" />
      <text x={x(s0)} y={78} fontSize={11} textAnchor="middle" fill="currentColor">
        {time(report.scheduledStart)}
      </text>
      <text x={x(s1)} y={78} fontSize={11} textAnchor="middle" fill="currentColor">
        {time(report.scheduledEnd)}
      </text>
    </svg>
  );
}

export function ReportView({ report, onBack }: { report: ProofOfPlayRecord; onBack: () => void }) {
  const lateMs = Date.parse(report.actualStart) - Date.parse(report.scheduledStart);
  return (
    <section className="panel" data-testid="brand-report">
      <h2>
        {report.sequenceName} <span className="muted">· {report.showId}</span>
      </h2>
      <div className="pad">
        <ReportTimeline report={report} />
        <table className="grid-table" data-testid="brand-report-figures">
          <tbody>
            <tr>
              <th>Scheduled</th>
              <td>
                {new Date(report.scheduledStart).toLocaleString()} – {time(report.scheduledEnd)}
              </td>
            </tr>
            <tr>
              <th>Played</th>
              <td>
                {new Date(report.actualStart).toLocaleString()} – {time(report.actualEnd)} ({lateMs === 0 ? 'on time' : `${lateMs > 0 ? '+' : ''}${lateMs} ms`})
              </td>
            </tr>
            <tr>
              <th>Zones</th>
              <td>{report.zones.join(', ')}</td>
            </tr>
            <tr>
              <th>Seats covered</th>
              <td>{report.seatsCovered.toLocaleString()}</td>
            </tr>
            <tr>
              <th>Bands that showed it (estimated)</th>
              <td data-testid="brand-report-bands">
                {report.bandsEstimated.toLocaleString()} of {report.bandsCovered.toLocaleString()} ({pct(report.bandsEstimated, report.bandsCovered)})
              </td>
            </tr>
            <tr>
              <th>Airtime</th>
              <td>
                {(report.airtimeMs / 1000).toFixed(2)} s in {report.transmissions} transmissions (
                {Object.entries(report.airtimeByTransmitter)
                  .map(([id, ms]) => `${id}: ${(ms / 1000).toFixed(2)} s`)
                  .join(', ')}
                )
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
        {report.hasSnapshot && <img data-testid="brand-report-snapshot" src={brandApi.snapshotUrl(report.id)} alt="the crowd at the reveal" style={{ maxWidth: '100%' }} />}
        <div className="row">
          <a data-testid="brand-report-csv" href={brandApi.csvUrl(report.id)} download>
            Export CSV
          </a>
          <button onClick={onBack}>Back</button>
        </div>
      </div>
    </section>
  );
}
