import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SessionInfo } from '../../../src-main/shared/contract/system';
import { hasPermission } from '../../../src-main/shared/permissions';
import { call, onSessionProblem, restartEvents, stopEvents } from '../api/client';

export type SessionState =
  | { status: 'loading' }
  | { status: 'unavailable'; message: string }
  /** `setupCodeRequired`: this browser is not on the server's computer, so setup needs the printed code. */
  | { status: 'setup'; setupCodeRequired: boolean }
  | { status: 'anonymous'; institutionName: string | null; notice?: string }
  | { status: 'signedIn'; session: SessionInfo };

interface SessionValue {
  state: SessionState;
  /** Replaces the session after login, setup, password change, lock or unlock. */
  signedIn(session: SessionInfo): void;
  signedOut(notice?: string): void;
  reload(): Promise<void>;
  can(permission: string): boolean;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const queryClient = useQueryClient();

  const reload = useCallback(async () => {
    const status = await call('auth.status', {});
    if (!status.ok) {
      setState({ status: 'unavailable', message: status.error.message });
      return;
    }
    if (status.value.setupRequired) {
      setState({ status: 'setup', setupCodeRequired: status.value.setupCodeRequired });
      return;
    }
    const me = await call('auth.me', {});
    if (me.ok) {
      setState({ status: 'signedIn', session: me.value });
      restartEvents();
    } else {
      setState({ status: 'anonymous', institutionName: status.value.institutionName });
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  useEffect(
    () =>
      onSessionProblem((error) => {
        if (error.code === 'UNAUTHENTICATED') {
          stopEvents();
          queryClient.clear();
          setState((s) =>
            s.status === 'signedIn'
              ? { status: 'anonymous', institutionName: null, notice: error.message }
              : s,
          );
        } else if (error.code === 'SESSION_LOCKED') {
          setState((s) => (s.status === 'signedIn' ? { ...s, session: { ...s.session, locked: true } } : s));
        } else if (error.code === 'PASSWORD_CHANGE_REQUIRED') {
          setState((s) =>
            s.status === 'signedIn'
              ? { ...s, session: { ...s.session, user: { ...s.session.user, mustChangePassword: true } } }
              : s,
          );
        }
      }),
    [queryClient],
  );

  const value = useMemo<SessionValue>(
    () => ({
      state,
      signedIn(session) {
        const wasSignedIn = state.status === 'signedIn';
        setState({ status: 'signedIn', session });
        if (!wasSignedIn) restartEvents();
      },
      signedOut(notice) {
        stopEvents();
        queryClient.clear();
        setState({ status: 'anonymous', institutionName: null, ...(notice ? { notice } : {}) });
      },
      reload,
      can: (permission) =>
        state.status === 'signedIn' && hasPermission(state.session.user.permissions, permission),
    }),
    [state, reload, queryClient],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

export function useSignedInSession(): SessionInfo {
  const { state } = useSession();
  if (state.status !== 'signedIn') throw new Error('useSignedInSession while signed out');
  return state.session;
}
