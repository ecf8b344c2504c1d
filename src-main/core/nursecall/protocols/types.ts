import { z } from 'zod';
// Protocol files must import only *types* from here: a runtime import would close an ESM cycle
// (registry → protocol → registry) and leave the registry entries in their temporal dead zone.
import { espa444Protocol } from './espa444';
import { lineProtocol } from './line';
import { ProtocolOptionError } from './option-error';

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

/**
 * Bytes to write back. A reply that confirms calls (an ESPA ACK for a call block) must not go out
 * before those calls are stored: a controller that got its ACK never sends the call again, so a
 * call lost after the ACK is lost for good.
 */
export interface DecoderReply {
  bytes: Uint8Array;
  /** The first `confirms` entries of the output's `events` must be stored before `bytes` is sent. */
  confirms?: number;
  /** Sent instead of `bytes` when they could not be stored, so the sender retries (ESPA '2' NAK). */
  ifNotStored?: Uint8Array;
}

export interface DecoderOutput {
  /** Decoded calls, in wire order. */
  events: CallEvent[];
  /** Replies, in wire order. */
  replies: DecoderReply[];
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
 * A pure, I/O-free protocol decoder: the service feeds it whatever the port delivered, stores the
 * `events` and writes `replies` back in order (each confirming reply after the calls it confirms). It never throws on input, whatever the bytes are.
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

/**
 * Put before every address decoded on a port, so two controllers that both number from 201 do
 * not merge or clear each other's calls ('B-' turns 201 into B-201). Valid for every protocol.
 */
export const addressPrefixSchema = z
  .string()
  .trim()
  .max(8, '地址前缀最多 8 个字符')
  .regex(/^\S*$/, '地址前缀不能包含空格')
  .default('');

export function addressPrefixOf(options: unknown): string {
  const raw = (options as { addressPrefix?: unknown } | null | undefined)?.addressPrefix;
  const parsed = addressPrefixSchema.safeParse(raw ?? '');
  return parsed.success ? parsed.data : '';
}

function withAddressPrefix(decoder: CallDecoder, prefix: string): CallDecoder {
  const prefixed = (out: DecoderOutput): DecoderOutput => {
    for (const event of out.events) event.address = prefix + event.address;
    return out;
  };
  return {
    protocol: decoder.protocol,
    feed: (chunk, nowMs) => prefixed(decoder.feed(chunk, nowMs)),
    tick: (nowMs) => prefixed(decoder.tick(nowMs)),
    get stats() {
      return decoder.stats;
    },
  };
}

/** Validates options against the protocol's schema and builds its decoder. Errors are in Chinese. */
export function createDecoder(protocol: string, options: unknown): CallDecoder {
  if (!isProtocolId(protocol)) {
    throw new Error(`未知的呼叫协议“${protocol}”，可选：${Object.keys(protocols).join('、')}`);
  }
  const def: ProtocolDefinition = protocols[protocol];
  const parsed = def.optionsSchema.safeParse(options ?? {});
  if (!parsed.success) {
    const option = parsed.error.issues[0]?.path[0];
    const message = `${def.label.zh}参数无效：${z.prettifyError(parsed.error)}`;
    throw typeof option === 'string' ? new ProtocolOptionError(option, message) : new Error(message);
  }
  const prefix = addressPrefixSchema.safeParse(
    (options as { addressPrefix?: unknown } | null | undefined)?.addressPrefix ?? '',
  );
  if (!prefix.success) {
    throw new ProtocolOptionError('addressPrefix', prefix.error.issues[0]?.message ?? '地址前缀无效');
  }
  const decoder = def.create(parsed.data);
  return prefix.data ? withAddressPrefix(decoder, prefix.data) : decoder;
}
