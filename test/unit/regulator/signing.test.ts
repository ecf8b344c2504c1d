import { describe, expect, it } from 'vitest';
import { backoffMinutes } from '../../../src-main/core/regulator/outbox';
import { signedHeaders, signature, stringToSign } from '../../../src-main/core/regulator/signing';

// Computed outside the app with coreutils and openssl:
//   printf '%s' "$BODY" | sha256sum
//   printf 'POST\n/v1/summaries\n1764547200\n0123456789abcdef0123\n<sha>' | openssl dgst -sha256 -hmac test-secret-123
const BODY = '{"schema":"caredesk.summary/1","kind":"monthly"}';
const BODY_SHA = '6124de4589a053f405453b2aef7174819d6144ba6689c5d9e7b56626b48b8ce6';
const EXPECTED = 'a2d0f8802a1539db2212cf9adcad9055709cfada815129a03eb57a9a05b7d621';

describe('request signing', () => {
  it('signs POST, path, timestamp, nonce and the body hash, joined by newlines', () => {
    expect(stringToSign('POST', '/v1/summaries', '1764547200', '0123456789abcdef0123', BODY_SHA)).toBe(
      `POST\n/v1/summaries\n1764547200\n0123456789abcdef0123\n${BODY_SHA}`,
    );
    expect(
      signature('test-secret-123', 'POST', '/v1/summaries', '1764547200', '0123456789abcdef0123', BODY),
    ).toBe(EXPECTED);
  });

  it('sends every header the platform checks', () => {
    const headers = signedHeaders({
      institutionCode: 'JG330106-0042',
      keyId: 'k1',
      secret: 'test-secret-123',
      path: '/v1/summaries',
      body: BODY,
      idempotencyKey: 'b6c1e0d2-0000-4000-8000-000000000001',
      timestamp: 1764547200,
      nonce: '0123456789abcdef0123',
    });
    expect(headers).toEqual({
      'Content-Type': 'application/json',
      'X-Institution-Code': 'JG330106-0042',
      'X-Key-Id': 'k1',
      'X-Timestamp': '1764547200',
      'X-Nonce': '0123456789abcdef0123',
      'Idempotency-Key': 'b6c1e0d2-0000-4000-8000-000000000001',
      'X-Signature': EXPECTED,
    });
  });

  it('a body with Chinese text is hashed as its UTF-8 bytes', () => {
    const a = signature('s', 'POST', '/v1/summaries', '1', 'n'.repeat(16), '{"name":"幸福里"}');
    const b = signature('s', 'POST', '/v1/summaries', '1', 'n'.repeat(16), '{"name":"幸福裡"}');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).not.toBe(b);
  });

  it('backs off 1, 2, 4 … minutes, at most an hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map(backoffMinutes)).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });
});
