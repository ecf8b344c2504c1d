import { Button, type ButtonProps } from 'antd';
import { useCallback, type ReactNode } from 'react';
import { mayCall } from '../../../src-main/shared/access';
import type { ProcedureName } from '../../../src-main/shared/contract';
import { useSession } from './session';

export { mayCall };

/**
 * Whether the signed-in user may call a procedure, decided by the contract's access rule: the
 * one place pages ask before offering a button, so the server never has to refuse what we offered.
 */
export function useCan(): (procedure: ProcedureName) => boolean {
  const { state } = useSession();
  const permissions = state.status === 'signedIn' ? state.session.user.permissions : null;
  return useCallback((procedure: ProcedureName) => mayCall(permissions, procedure), [permissions]);
}

/** Renders its children only for users who may call `procedure` (or `fallback` for the others). */
export function Allowed({
  procedure,
  children,
  fallback = null,
}: {
  procedure: ProcedureName;
  children: ReactNode;
  fallback?: ReactNode;
}) {
  const can = useCan();
  return <>{can(procedure) ? children : fallback}</>;
}

/**
 * A button that calls (or opens the form that calls) `procedure`; not rendered for users who may
 * not call it. `data-procedure` lets the permission walk in the e2e tests check every such button.
 */
export function ActionButton({ procedure, ...props }: ButtonProps & { procedure: ProcedureName }) {
  const can = useCan();
  if (!can(procedure)) return null;
  return <Button data-procedure={procedure} {...props} />;
}

/** Props for an element that is not a Button (a menu item, a link) but still leads to `procedure`. */
export function procedureMark(procedure: ProcedureName): { 'data-procedure': string } {
  return { 'data-procedure': procedure };
}
