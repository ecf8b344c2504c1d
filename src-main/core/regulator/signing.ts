import { createHash, createHmac, randomBytes } from 'node:crypto';

export const SUMMARIES_PATH = '/v1/summaries';

export const sha256Hex = (body: string | Uint8Array): string =>
  createHash('sha256').update(body).digest('hex');

/** `POST\n/v1/summaries\n1764547200\n<nonce>\n<sha256 of the body>`, as the platform rebuilds it. */
export function stringToSign(
  method: string,
  path: string,
  timestamp: string,
  nonce: string,
  bodySha: string,
) {
  return `${method}\n${path}\n${timestamp}\n${nonce}\n${bodySha}`;
}

/** Lowercase hex HMAC-SHA256 of the string to sign. */
export function signature(
  secret: string,
  method: string,
  path: string,
  timestamp: string,
  nonce: string,
  body: string,
) {
  return createHmac('sha256', secret)
    .update(stringToSign(method, path, timestamp, nonce, sha256Hex(Buffer.from(body, 'utf8'))))
    .digest('hex');
}

/** 32 hex characters: a new one for every request, well over the 16 the platform asks for. */
export const newNonce = (): string => randomBytes(16).toString('hex');

export interface SignInput {
  institutionCode: string;
  keyId: string;
  secret: string;
  path: string;
  body: string;
  idempotencyKey: string;
  /** Unix seconds. */
  timestamp: number;
  nonce: string;
}

/** Every header of one request; the body must be sent byte for byte as signed. */
export function signedHeaders(input: SignInput): Record<string, string> {
  const timestamp = String(input.timestamp);
  return {
    'Content-Type': 'application/json',
    'X-Institution-Code': input.institutionCode,
    'X-Key-Id': input.keyId,
    'X-Timestamp': timestamp,
    'X-Nonce': input.nonce,
    'Idempotency-Key': input.idempotencyKey,
    'X-Signature': signature(input.secret, 'POST', input.path, timestamp, input.nonce, input.body),
  };
}
