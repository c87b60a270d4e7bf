/** The top bar (navigation by role, live status, who is logged in, lock, log out) and the page under it. */
import type { ReactNode } from 'react';
import type { Me } from '../api/session-api';
import { useLive } from '../live/live-context';
import { linkShortText, linkText } from '../live/link-status';
import { NightModeToggle } from '../ui/night-mode-toggle';
import { WarningToasts } from '../live/warning-toasts';
import { LockButton } from '../session/lock-button';
import { useSession } from '../session/session-context';
import type { NavItem } from './nav';
import { navigate } from './router';

interface Props {
  me: Me;
  items: NavItem[];
  current: NavItem;
  hasLive: boolean;
  children: ReactNode;
}

function LiveBadge() {
  const live = useLive();
  const s = live.state;
  // Never socket.io's own words: the link in the operator's (link-status), or what the show does.
  const link = { status: live.status, offlineSince: live.offlineSince, refusal: live.statusText };
  const text = live.status !== 'online' ? linkShortText(link) : s?.show ? (s.running ? (s.paused ? 'paused' : 'running') : 'stopped') : 'no show';
  return (
    <span
      className={`live-badge ${live.status} ${s?.running && !s.paused ? 'running' : ''} ${s?.blackout ? 'is-blackout' : ''}`}
      data-testid="connection"
      data-status={live.status}
      title={linkText(link)}
    >
      <span className="dot" />
      {text}
    </span>
  );
}

export function AppShell({ me, items, current, hasLive, children }: Props) {
  const { logout } = useSession();
  return (
    <div className="app">
      <header className="topbar">
        <div className="brand-mark">
          <span className="brand-dot" />
          <span className="brand-name">CrowdCue</span>
        </div>
        <nav className="nav" data-testid="nav">
          {items.map((i) => (
            <a
              key={i.page}
              href={i.path}
              data-testid={`nav-${i.page}`}
              className={i.page === current.page ? 'on' : ''}
              onClick={(e) => {
                e.preventDefault();
                navigate(i.path);
              }}
            >
              {i.label}
            </a>
          ))}
        </nav>
        <div className="topbar-right">
          {hasLive && <LiveBadge />}
          <span className="who" data-testid="who">
            {me.account.username} <span className={`role role-${me.account.role}`}>{me.account.role}</span>
          </span>
          <NightModeToggle />
          <LockButton />
          <button className="ghost" data-testid="logout" onClick={() => void logout()}>
            Log out
          </button>
        </div>
      </header>
      <main className={`page page-${current.page}`}>{children}</main>
      {/* The live page shows warnings in its status strip, where they cover no control. */}
      {hasLive && current.page !== 'live' && <WarningToasts />}
    </div>
  );
}
