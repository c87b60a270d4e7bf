/** The console: login, then the pages this account's role may use. */
import { AccountsPage } from '../accounts/accounts-page';
import { ApprovalsPage } from '../approvals/approvals-page';
import { BrandPage } from '../brand/brand-page';
import { ComposePage } from '../compose/compose-page';
import { EditingProvider } from '../editing/editing-context';
import { InputsPage } from '../inputs/inputs-page';
import { LiveProvider } from '../live/live-context';
import { LivePage } from '../live/live-page';
import { LockScreen } from '../session/lock-screen';
import { LoginPage } from '../session/login-page';
import { can } from '../session/roles';
import { useSession } from '../session/session-context';
import { ShowsPage } from '../shows/shows-page';
import { VenuePage } from '../venue/venue-page';
import { AppShell } from './app-shell';
import { navItems, pageFor } from './nav';
import { usePath } from './router';

export function App() {
  const { session } = useSession();
  const path = usePath();
  if (session.phase === 'checking') return <div className="splash">CrowdCue</div>;
  if (session.phase === 'out') return <LoginPage notice={session.notice} />;

  const me = session.me;
  const role = me.account.role;
  const items = navItems(role);
  const current = pageFor(path, role);
  if (path !== current.path && !path.startsWith(`${current.path}/`)) history.replaceState(null, '', current.path);
  const hasLive = can(role, 'live:view') || can(role, 'shows:write');
  const canWrite = can(role, 'shows:write');
  const canControl = can(role, 'live:control');

  return (
    <LiveProvider enabled={hasLive} sessionKey={me.account.id}>
      <EditingProvider canRead={can(role, 'shows:read')} canWrite={canWrite} username={me.account.username}>
        {me.locked ? (
          <LockScreen username={me.account.username} />
        ) : (
          <AppShell me={me} items={items} current={current} hasLive={hasLive}>
            {current.page === 'live' && <LivePage canControl={canControl} />}
            {current.page === 'compose' && <ComposePage />}
            {current.page === 'venue' && <VenuePage />}
            {current.page === 'shows' && <ShowsPage canWrite={canWrite} canControl={canControl} />}
            {current.page === 'accounts' && <AccountsPage myId={me.account.id} />}
            {current.page === 'brand' && <BrandPage brand={me.account.brand} />}
            {current.page === 'approvals' && <ApprovalsPage />}
            {current.page === 'inputs' && <InputsPage />}
          </AppShell>
        )}
      </EditingProvider>
    </LiveProvider>
  );
}
