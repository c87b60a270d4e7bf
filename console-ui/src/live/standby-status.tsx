/**
 * Hot standby on the Live page: which controller of the pair is active,
 * whether its backup is in step (records and ms behind, last heard), and the
 * switch to the other controller's console when this one is lost (the
 * controller tells every console its peer's URL in the live state).
 */
import type { StandbyStatus } from '@crowdcue/protocol';
import { useEffect, useRef } from 'react';
import { useLive } from './live-context';

/** Lost this long before the console goes to the other controller (the backup takes over after 500 ms of silence). */
export const SWITCH_AFTER_MS = 3000;

const ms = (v: number) => (v < 1000 ? `${Math.round(v)} ms` : `${(v / 1000).toFixed(1)} s`);

function backupLine(b: StandbyStatus['backup']): { text: string; ok: boolean } {
  if (!b) return { text: 'no backup has followed yet', ok: false };
  if (!b.connected) return { text: `backup gone${b.lastHeardMsAgo === null ? '' : `, last heard ${ms(b.lastHeardMsAgo)} ago`}`, ok: false };
  const heard = b.lastHeardMsAgo === null ? 'not heard yet' : `heard ${ms(b.lastHeardMsAgo)} ago`;
  if (b.behindRecords === 0) return { text: `backup in step · ${heard}`, ok: true };
  return { text: `backup ${b.behindRecords} change${b.behindRecords === 1 ? '' : 's'} behind (${ms(b.behindMs)}) · ${heard}`, ok: b.behindMs < 1000 };
}

/** On a warm backup: whether it is in step with the active controller, and its last heartbeat. */
function followingLine(f: StandbyStatus['following']): { text: string; ok: boolean } {
  if (!f) return { text: 'not following yet', ok: false };
  const beat = f.lastBeatMsAgo === null ? 'no heartbeat yet' : `last heartbeat ${ms(f.lastBeatMsAgo)} ago`;
  const step = f.inStep ? 'in step' : `${ms(f.behindMs)} behind`;
  const show = f.show ? `show '${f.show}' ready` : 'no live show';
  return { text: `${step} · ${beat} · ${show}`, ok: f.inStep && (f.lastBeatMsAgo ?? Infinity) < 1000 };
}

export function StandbyStatusPanel() {
  const live = useLive();
  const standby = live.state?.standby;
  const peer = useRef<string | null>(null);
  if (standby?.peerUrl) peer.current = standby.peerUrl;

  // Follow the active controller: this one lost for a while, go to the other one's console.
  useEffect(() => {
    if (live.status === 'online' || live.status === 'refused' || !peer.current) return;
    const to = peer.current;
    const timer = setTimeout(() => window.location.assign(to), SWITCH_AFTER_MS);
    return () => clearTimeout(timer);
  }, [live.status]);

  if (!standby) {
    if (!peer.current || live.status === 'online') return null;
    return (
      <p className="standby-status lost" data-testid="standby-status">
        Controller lost: switching to {peer.current} …
      </p>
    );
  }
  if (standby.role === 'backup') {
    const f = followingLine(standby.following);
    return (
      <p className={`standby-status ${f.ok ? 'ok' : 'warn'}`} data-testid="standby-status" title={standby.peerUrl ? `active controller: ${standby.peerUrl}` : undefined}>
        <strong>Backup</strong> of {standby.peerUrl ?? 'the active controller'} (epoch {standby.epoch}) · {f.text}
      </p>
    );
  }
  const b = backupLine(standby.backup);
  return (
    <p className={`standby-status ${b.ok ? 'ok' : 'warn'}`} data-testid="standby-status" title={standby.peerUrl ? `other controller: ${standby.peerUrl}` : undefined}>
      <strong>Active controller</strong> (epoch {standby.epoch}) · {b.text}
    </p>
  );
}
