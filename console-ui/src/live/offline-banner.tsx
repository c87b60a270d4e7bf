/**
 * Unmistakable while the controller is out of reach: the last state stays on
 * screen, stale, its clocks stopped and the live controls off, until the
 * console has reconnected and read the live show again.
 */
import { useLive } from './live-context';
import { linkText } from './link-status';

export function OfflineBanner() {
  const live = useLive();
  if (live.status === 'online') return null;
  return (
    <div className={`offline-banner ${live.status}`} data-testid="offline-banner" data-status={live.status} role="alert">
      <strong>{linkText({ status: live.status, offlineSince: live.offlineSince, refusal: live.statusText })}</strong>
      {live.status !== 'refused' && <span> · GO and every live control are off until the console has the show again.</span>}
    </div>
  );
}
