/** Scheduler lateness and the airtime report: the figures that say whether cues land on time. */
import type { AirtimeReport, LatenessReport } from '@crowdcue/protocol';

const ms = (v: number) => `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms`;

export function LatenessFigures({ report }: { report: LatenessReport | null }) {
  return (
    <section className="panel figures" data-testid="lateness">
      <h2>Scheduler lateness</h2>
      {report ? (
        <div className="figure-row">
          <Figure label="p50" value={ms(report.p50Ms)} />
          <Figure label="p99" value={ms(report.p99Ms)} warn={report.p99Ms > 5} />
          <Figure label="max" value={ms(report.maxMs)} warn={report.maxMs > 20} />
          <Figure label="early" value={String(report.early)} warn={report.early > 0} />
          <Figure label="samples" value={String(report.samples)} />
        </div>
      ) : (
        <p className="muted pad">No figures yet.</p>
      )}
    </section>
  );
}

export function AirtimeFigures({ report }: { report: AirtimeReport | null }) {
  return (
    <section className="panel figures" data-testid="airtime">
      <h2>Airtime {report && <span className="muted">· last {(report.windowMs / 1000).toFixed(0)} s</span>}</h2>
      {report ? (
        <>
          <table className="mini">
            <tbody>
              {report.transmitters.map((t) => (
                <tr key={t.id}>
                  <th>{t.id}</th>
                  <td className="num">{t.pct.toFixed(0)}%</td>
                  <td className="num">{t.busyMs.toFixed(0)} ms</td>
                  <td className="num">{t.queued} queued</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div data-testid="late-cues">
            {report.late.length === 0 ? (
              <p className="muted pad">Every cue on air on time.</p>
            ) : (
              <ul className="late-list">
                {report.late.map((l, i) => (
                  <li key={`${l.cue}-${i}`}>
                    <strong>{l.cue}</strong> late by {ms(l.byMs)}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </>
      ) : (
        <p className="muted pad">No report yet.</p>
      )}
    </section>
  );
}

function Figure({ label, value, warn }: { label: string; value: string; warn?: boolean }) {
  return (
    <div className={`figure ${warn ? 'warn' : ''}`}>
      <span className="figure-value">{value}</span>
      <span className="figure-label">{label}</span>
    </div>
  );
}
