/**
 * The live page's status strip, always on screen: the link to the controller,
 * the show clock, transmitters, lateness, airtime, NACKs, the input and
 * standby status components (status-strip-slots) and the newest warning in the
 * show's words. *Details* opens transmitter health, the lateness and airtime
 * figures and every warning with its technical path, over the stage (never
 * over GO, BLACKOUT or master).
 */
import { useState } from 'react';
import './status-strip.css';
import { useLive } from './live-context';
import { linkText } from './link-status';
import { STATUS_STRIP_SLOTS } from './status-strip-slots';
import { StatusDetails } from './status-details';
import { stripFigures } from './strip-figures';
import { useShowClockText } from './use-show-clock-text';

/** How long the newest warning stays in the strip (it stays in the details). */
const WARNING_SHOW_MS = 12_000;

function Item({ label, value, warn, testId }: { label: string; value: string; warn?: boolean; testId: string }) {
  return (
    <span className={`strip-item ${warn ? 'warn' : ''}`} data-testid={testId} data-warn={warn ? 'true' : 'false'}>
      <span className="strip-label">{label}</span>
      <span className="strip-value">{value}</span>
    </span>
  );
}

export function StatusStrip() {
  const live = useLive();
  const clock = useShowClockText();
  const [open, setOpen] = useState(false);
  const f = stripFigures(live.health, live.lateness, live.airtime);
  const newest = live.warnings[0];
  const showNewest = newest !== undefined && Date.now() - newest.at < WARNING_SHOW_MS;
  const linkUp = live.status === 'online';
  return (
    <div className="status-strip-wrap">
      <div className={`status-strip ${linkUp ? '' : 'link-down'}`} data-testid="status-strip">
        <span className={`strip-item strip-link ${live.status}`} data-testid="strip-link" data-status={live.status}>
          <span className="dot" />
          <span className="strip-value">{linkText({ status: live.status, offlineSince: live.offlineSince, refusal: live.statusText })}</span>
        </span>
        <Item label="Clock" value={clock} testId="strip-clock" />
        <Item label="Tx" value={f.transmitters.value} warn={f.transmitters.warn} testId="strip-transmitters" />
        <Item label="Late" value={f.lateness.value} warn={f.lateness.warn} testId="strip-lateness" />
        <Item label="Air" value={f.airtime.value} warn={f.airtime.warn} testId="strip-airtime" />
        <Item label="NACK" value={f.nacks.value} warn={f.nacks.warn} testId="strip-nacks" />
        {STATUS_STRIP_SLOTS.map((Slot, i) => (
          <Slot key={i} />
        ))}
        <span className="strip-message" data-testid="strip-message" role="status" aria-live="polite">
          {showNewest && (
            <span className={`strip-warning ${newest.level}`} data-testid="warning">
              {newest.message}
            </span>
          )}
        </span>
        <button className={`strip-details-toggle ${open ? 'on' : ''}`} data-testid="status-details-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
          Details{live.warnings.length > 0 ? ` · ${live.warnings.length}` : ''}
        </button>
      </div>
      {open && <StatusDetails onClose={() => setOpen(false)} />}
    </div>
  );
}
