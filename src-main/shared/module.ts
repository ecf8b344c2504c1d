import type { Access, ProcedureDef } from './contract/define';
import type { RoleKey } from './roles';

export interface Label {
  zh: string;
  en: string;
}

/** A permission a module checks, with the roles that get it on a new installation. */
export interface PermissionDecl extends Label {
  /** Granted once, when the permission is first seen; administrators may change grants later. */
  grants: readonly RoleKey[];
}

/** An event a module pushes to clients; `payload` is a phantom carrying the payload type. */
export interface EventDecl<P = unknown> {
  access: Access;
  readonly payload?: P;
}

/** `event<Payload>()('residents.read')` declares an event with its payload type and who may hear it. */
export function event<P>() {
  return (access: Access): EventDecl<P> => ({ access });
}

/**
 * What a module declares that both sides (core and renderer) read: its procedures, permissions with
 * their default grants, pushed events with their access rules, and how its audit rows read.
 */
export interface SharedModule<
  N extends string = string,
  P extends Record<string, ProcedureDef> = Record<string, ProcedureDef>,
  E extends Record<string, EventDecl> = Record<string, EventDecl>,
  Perm extends Record<string, PermissionDecl> = Record<string, PermissionDecl>,
> {
  name: N;
  label: Label;
  procedures: P;
  permissions: Perm;
  events: E;
  /**
   * Plain words for the audit viewer: `modules` names a procedure's first part (`beds` → 床位),
   * `verbs` its last (`admit` → 入住), `entities` what a row is about (`resident` → 老人).
   */
  auditLabels?: {
    modules?: Record<string, Label>;
    verbs?: Record<string, Label>;
    entities?: Record<string, Label>;
  };
}

export function defineSharedModule<
  const N extends string,
  P extends Record<string, ProcedureDef>,
  E extends Record<string, EventDecl>,
  Perm extends Record<string, PermissionDecl>,
>(module: SharedModule<N, P, E, Perm>): SharedModule<N, P, E, Perm> {
  return module;
}

type UnionToIntersection<U> = (U extends unknown ? (arg: U) => void : never) extends (arg: infer I) => void
  ? I
  : never;

export type ProceduresOf<M extends readonly SharedModule[]> = UnionToIntersection<M[number]['procedures']>;
export type PermissionsOf<M extends readonly SharedModule[]> = keyof UnionToIntersection<
  M[number]['permissions']
> &
  string;
export type EventMapOf<M extends readonly SharedModule[]> = {
  [K in keyof UnionToIntersection<M[number]['events']>]: UnionToIntersection<
    M[number]['events']
  >[K] extends EventDecl<infer P>
    ? P
    : never;
};
