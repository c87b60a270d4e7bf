/** The live show's OSC input at a glance: port, feedback clients, traffic, and what was refused and why. */
import type { OscInputStatus } from '@crowdcue/protocol';
import '../inputs/inputs-page.css';

const fmt = new Intl.NumberFormat('en');

export function OscStatus({ status }: { status: OscInputStatus | undefined }) {
  if (!status) return null;
  const state = status.state === 'listening' ? `UDP ${status.port}` : status.state === 'off' ? 'off' : 'cannot listen';
  return (
    <section className="panel osc-status" data-testid="osc-status">
      <h2>
        OSC <span className="muted">· {state}{status.source === 'command line' ? ' (--osc)' : ''}</span>
      </h2>
      <div className="pad">
        {status.error && (
          <p className="error" data-testid="osc-status-error">
            {status.error}
          </p>
        )}
        <dl>
          <dt>Messages</dt>
          <dd data-testid="osc-status-messages">
            {fmt.format(status.messages)} · {status.messagesPerSecond}/s
          </dd>
          <dt>Feedback clients</dt>
          <dd data-testid="osc-status-subscribers">{status.subscribers}</dd>
          <dt>Dropped (not allowed)</dt>
          <dd data-testid="osc-status-dropped" className={status.dropped > 0 ? 'error' : ''}>
            {fmt.format(status.dropped)}
          </dd>
          <dt>Malformed</dt>
          <dd data-testid="osc-status-malformed" className={status.malformed > 0 ? 'error' : ''}>
            {fmt.format(status.malformed)}
          </dd>
          <dt>Rate-limited</dt>
          <dd data-testid="osc-status-rate-limited">{fmt.format(status.rateLimited)}</dd>
        </dl>
        {status.recent.length > 0 && (
          <ul className="recent muted" data-testid="osc-status-recent">
            {status.recent.slice(-3).map((r, i) => (
              <li key={i}>
                {r.from} {r.what}: {r.why}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
