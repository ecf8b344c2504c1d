import type { z } from 'zod';
import type { Permission } from '../permissions';

/**
 * Who may call a procedure: anyone (`public`), any signed-in user whose session is usable
 * (`authenticated`), or holders of one permission.
 */
export type Access = 'public' | 'authenticated' | Permission;

export interface ProcedureDef<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  access: Access;
  /** Writes run in one transaction with their audit rows. */
  write: boolean;
  /** Allowed while the session is idle-locked or must change its password (auth flows). */
  allowWhileRestricted?: boolean;
  /** Phantom: carries the output type; never set at run time. */
  readonly output?: O;
}

/** `proc<Output>()({ input, access, write })` keeps the output type without a runtime value. */
export function proc<O>() {
  return <I extends z.ZodType>(def: Omit<ProcedureDef<I, O>, 'output'>): ProcedureDef<I, O> => def;
}
