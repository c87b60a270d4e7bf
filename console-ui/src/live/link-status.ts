/**
 * What the console says about its link to the controller, in words an
 * operator reads at a glance (never socket.io's transport reasons), and
 * whether the live controls may act: only once the console holds a fresh
 * state from the controller it is talking to.
 */
import type { ConnectionStatus } from './live-store';

export interface LinkView {
  status: ConnectionStatus;
  /** Local epoch ms the link went down (null while online or before the first connect). */
  offlineSince: number | null;
  /** The controller's refusal, already in words (log in first, locked, ...). */
  refusal?: string;
}

/** `21:03:04`, this console's local time. */
export function clockOf(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

export function linkText(v: LinkView): string {
  switch (v.status) {
    case 'online':
      return 'controller online';
    case 'syncing':
      return 'reconnected, reading the live show…';
    case 'refused':
      return `controller refused this console: ${v.refusal ?? 'log in again'}`;
    case 'connecting':
      return v.offlineSince === null ? 'connecting to the controller…' : `controller offline since ${clockOf(v.offlineSince)}, reconnecting…`;
    case 'offline':
      return v.offlineSince === null ? 'controller offline' : `controller offline since ${clockOf(v.offlineSince)}`;
  }
}

/** The live controls act only on a link that is up and holds a fresh state. */
export function linkReady(status: ConnectionStatus): boolean {
  return status === 'online';
}

/** The top bar's short word for a link that is not online (the status strip says since when). */
export function linkShortText(v: LinkView): string {
  switch (v.status) {
    case 'online':
      return 'online';
    case 'syncing':
      return 're-syncing…';
    case 'refused':
      return 'refused';
    case 'connecting':
      return v.offlineSince === null ? 'connecting…' : 'reconnecting…';
    case 'offline':
      return 'offline';
  }
}
