import { isProcedureName, procedures } from './contract';
import { hasPermission } from './roles';

/**
 * Whether a user holding `permissions` may call `procedure`, by its contract access rule; `null`
 * permissions mean nobody is signed in. The dispatcher enforces the same rule; the renderer asks
 * this before it offers a button, so it never offers what the core would refuse.
 */
export function mayCall(permissions: readonly string[] | null, procedure: string): boolean {
  if (!isProcedureName(procedure)) return false;
  const access = procedures[procedure].access;
  if (access === 'public') return true;
  if (permissions === null) return false;
  if (access === 'authenticated') return true;
  return hasPermission(permissions, access);
}
