import type { z } from 'zod';
import { sharedModules } from '../modules';
import type { ProceduresOf } from '../module';
import type { ProcedureDef } from './define';

export type Procedures = ProceduresOf<typeof sharedModules>;

/** Every procedure the UI may call, declared once by its module; transports and the client derive from this map. */
export const procedures = Object.assign(
  {},
  ...sharedModules.map((m) => m.procedures as Record<string, ProcedureDef>),
) as Procedures;

export type ProcedureName = keyof Procedures & string;
export type InputOf<K extends ProcedureName> = z.input<Procedures[K]['input']>;
export type ParsedInputOf<K extends ProcedureName> = z.output<Procedures[K]['input']>;
export type OutputOf<K extends ProcedureName> = Exclude<Procedures[K]['output'], undefined>;

export function isProcedureName(name: string): name is ProcedureName {
  return Object.prototype.hasOwnProperty.call(procedures, name);
}

export * from './define';
export * from './system';
export * from './platform';
export * from './residents';
export * from './nursecall';
export * from './backups';
export * from './staff';
export * from './billing';
export * from './meds';
