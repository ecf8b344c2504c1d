import type { z } from 'zod';
import type { ProcedureDef } from './define';
import { nurseCallProcedures } from './nursecall';
import { residentProcedures } from './residents';
import { systemProcedures } from './system';

/** Every procedure the UI may call, declared once; transports and the client derive from this map. */
export const procedures = {
  ...systemProcedures,
  ...residentProcedures,
  ...nurseCallProcedures,
} satisfies Record<string, ProcedureDef>;

export type Procedures = typeof procedures;
export type ProcedureName = keyof Procedures;
export type InputOf<K extends ProcedureName> = z.input<Procedures[K]['input']>;
export type ParsedInputOf<K extends ProcedureName> = z.output<Procedures[K]['input']>;
export type OutputOf<K extends ProcedureName> = Exclude<Procedures[K]['output'], undefined>;

export function isProcedureName(name: string): name is ProcedureName {
  return Object.prototype.hasOwnProperty.call(procedures, name);
}

export * from './define';
export * from './system';
export * from './residents';
export * from './nursecall';
