/**
 * Who is logged in, and whether this console is locked. The session itself is
 * the server's http-only cookie; the console only asks /api/me.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { setAuthProblemHandler } from '../api/http';
import { fetchMe, lockConsole, login as apiLogin, logout as apiLogout, unlockConsole, type Me } from '../api/session-api';

export type SessionState = { phase: 'checking' } | { phase: 'out'; notice?: string } | { phase: 'in'; me: Me };

interface SessionApi {
  session: SessionState;
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
  lock(pin: string): Promise<void>;
  unlock(pin: string): Promise<void>;
  refresh(): Promise<void>;
}

const SessionContext = createContext<SessionApi | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionState>({ phase: 'checking' });

  const refresh = useCallback(async () => {
    try {
      setSession({ phase: 'in', me: await fetchMe() });
    } catch {
      setSession({ phase: 'out' });
    }
  }, []);

  useEffect(() => {
    void refresh();
    setAuthProblemHandler((status) => {
      if (status === 401) setSession({ phase: 'out', notice: 'Your session ended; log in again.' });
      else setSession((s) => (s.phase === 'in' ? { phase: 'in', me: { ...s.me, locked: true } } : s));
    });
    return () => setAuthProblemHandler(undefined);
  }, [refresh]);

  const api = useMemo<SessionApi>(
    () => ({
      session,
      refresh,
      async login(username, password) {
        setSession({ phase: 'in', me: await apiLogin(username, password) });
      },
      async logout() {
        await apiLogout().catch(() => undefined);
        setSession({ phase: 'out' });
      },
      async lock(pin) {
        await lockConsole(pin);
        setSession((s) => (s.phase === 'in' ? { phase: 'in', me: { ...s.me, locked: true } } : s));
      },
      async unlock(pin) {
        await unlockConsole(pin);
        setSession((s) => (s.phase === 'in' ? { phase: 'in', me: { ...s.me, locked: false } } : s));
      },
    }),
    [session, refresh],
  );
  return <SessionContext.Provider value={api}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The logged-in account (only inside the logged-in part of the app). */
export function useMe(): Me {
  const { session } = useSession();
  if (session.phase !== 'in') throw new Error('not logged in');
  return session.me;
}
