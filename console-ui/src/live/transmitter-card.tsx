/** One transmitter's health at a glance: link, clock, queue, airtime, errors. */
import type { TransmitterHealthInfo } from '@crowdcue/protocol';

const fmt = new Intl.NumberFormat('en');

function Meter({ pct, testId }: { pct: number; testId?: string }) {
  const level = pct >= 80 ? 'hot' : pct >= 50 ? 'warm' : 'ok';
  return (
    <div className={`meter ${level}`} data-testid={testId} role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(pct)}>
      <span style={{ width: `${Math.min(100, Math.max(0, pct))}%` }} />
    </div>
  );
}

export function TransmitterCard({ tx }: { tx: TransmitterHealthInfo }) {
  const nacks = Object.entries(tx.nacks).filter(([, n]) => (n ?? 0) > 0);
  const nackTotal = nacks.reduce((s, [, n]) => s + (n ?? 0), 0);
  const cap = tx.capabilities?.queueCap;
  return (
    <article className={`tx-card st-${tx.state}`} data-testid={`tx-${tx.id}`}>
      <header>
        <span className="tx-dot" />
        <strong>{tx.id}</strong>
        <span className="tx-state">{tx.state}</span>
      </header>
      <div className="tx-url muted" title={tx.url}>
        {tx.url}
        {tx.capabilities ? ` · ${tx.capabilities.name} ${tx.capabilities.bitrate / 1000} kbit/s${tx.capabilities.timedSend ? ' · timed' : ''}` : ''}
      </div>
      <div className="tx-air">
        <span>Airtime</span>
        <Meter pct={tx.airtimePct} testId={`tx-${tx.id}-airtime`} />
        <span className="num">{tx.airtimePct.toFixed(0)}%</span>
      </div>
      <dl className="stats">
        <dt>Clock</dt>
        <dd>{tx.clockOffsetUs === undefined ? '—' : `${(tx.clockOffsetUs / 1000).toFixed(2)} ms${tx.clockUncertaintyUs !== undefined ? ` ±${(tx.clockUncertaintyUs / 1000).toFixed(2)}` : ''}`}</dd>
        <dt>Queue</dt>
        <dd>
          {tx.queueDepth}
          {cap ? ` / ${cap}` : ''}
        </dd>
        <dt>Packets</dt>
        <dd>{fmt.format(tx.packetsSent)}</dd>
        <dt>NACKs</dt>
        <dd className={nackTotal ? 'warn' : ''} title={nacks.map(([k, n]) => `${k}: ${n}`).join('\n')}>
          {nackTotal}
        </dd>
        <dt>Late sends</dt>
        <dd className={tx.lateSends ? 'warn' : ''}>{tx.lateSends}</dd>
        <dt>Bad frames</dt>
        <dd className={tx.badFrames ? 'warn' : ''}>{tx.badFrames}</dd>
        {tx.reconnects !== undefined && (
          <>
            <dt>Reconnects</dt>
            <dd>{tx.reconnects}</dd>
          </>
        )}
      </dl>
      {tx.lastError && <p className="tx-error">{tx.lastError}</p>}
    </article>
  );
}
