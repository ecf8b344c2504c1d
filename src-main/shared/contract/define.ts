import type { z } from 'zod';

/**
 * Who may call a procedure: anyone (`public`), any signed-in user whose session is usable
 * (`authenticated`), or holders of one permission. A test checks that every permission named here
 * is declared by some module (a typed union would make the module registry circular).
 */
export type Access = 'public' | 'authenticated' | (string & {});

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
