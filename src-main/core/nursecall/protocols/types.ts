import { z } from 'zod';
// Protocol files must import only *types* from here: a runtime import would close an ESM cycle
// (registry → protocol → registry) and leave the registry entries in their temporal dead zone.
import { espa444Protocol } from './espa444';
import { lineProtocol } from './line';

export type CallKind = 'raise' | 'cancel';
export type CallPriority = 'alarm' | 'high' | 'normal';

/** One nurse call decoded from the wire, independent of the protocol that carried it. */
export interface CallEvent {
  kind: CallKind;
  /** Call address as the panel sends it (trimmed); Settings maps it to a room/bed. */
  address: string;
  priority: CallPriority;
  message?: string;
  /** Protocol-specific call type, e.g. ESPA 'standard' | 'speech' | 'reset' (unknown codes verbatim). */
  callType?: string;
  /** Every field received, including ones the protocol does not know, keyed by field id/name. */
  raw?: Record<string, string>;
}

export interface DecoderLogEntry {
  atMs: number;
  level: 'info' | 'warn';
  /** Stable machine code, e.g. 'nak-bcc', 'nak-invalid', 'resync', 'timeout', 'status'. */
  code: string;
  message: string;
}

export interface DecoderOutput {
  events: CallEvent[];
  /** Bytes to write back on the wire, in order. */
  replies: Uint8Array[];
  log: DecoderLogEntry[];
}

export interface DecoderStats {
  /** Bytes fed so far. */
  bytes: number;
  /** Well-formed frames accepted (including ones that carry no call). */
  frames: number;
  /** Frames rejected: bad checksum, malformed, timed out, aborted or over-long. */
  rejected: number;
}

/**
 * A pure, I/O-free protocol decoder: the service feeds it whatever the port delivered and writes
 * `replies` back. It never throws on input, whatever the bytes are.
 */
export interface CallDecoder {
  readonly protocol: string;
  feed(chunk: Uint8Array, nowMs: number): DecoderOutput;
  /** Call periodically (e.g. every 250 ms) so half-received frames time out without new bytes. */
  tick(nowMs: number): DecoderOutput;
  readonly stats: Readonly<DecoderStats>;
}

/** Builds a decoder; throws on invalid options (the registry's createDecoder gives Chinese messages). */
export type DecoderFactory = (options: unknown) => CallDecoder;

export interface ProtocolDefinition {
  readonly id: string;
  readonly label: { zh: string; en: string };
  readonly optionsSchema: z.ZodType;
  readonly create: DecoderFactory;
}

export const protocols = {
  espa444: espa444Protocol,
  line: lineProtocol,
} as const satisfies Record<string, ProtocolDefinition>;

export type ProtocolId = keyof typeof protocols;

export function isProtocolId(id: string): id is ProtocolId {
  return Object.hasOwn(protocols, id);
}

/** Validates options against the protocol's schema and builds its decoder. Errors are in Chinese. */
export function createDecoder(protocol: string, options: unknown): CallDecoder {
  if (!isProtocolId(protocol)) {
    throw new Error(`未知的呼叫协议“${protocol}”，可选：${Object.keys(protocols).join('、')}`);
  }
  const def: ProtocolDefinition = protocols[protocol];
  const parsed = def.optionsSchema.safeParse(options ?? {});
  if (!parsed.success) {
    throw new Error(`${def.label.zh}参数无效：${z.prettifyError(parsed.error)}`);
  }
  return def.create(parsed.data);
}
