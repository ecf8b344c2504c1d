import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A stand-in for the provincial platform, built from the protocol as the issue writes it (not from
 * the app's code): it checks signatures, timestamps (±5 min) and nonces, de-duplicates by
 * idempotency key, and lists what it accepted at `GET /v1/summaries`. Fault modes make the first
 * `fail` requests (all of them when `fail` is not given) answer 500, hang, drop the connection after
 * accepting, reject with field messages, or refuse the signature.
 */
export const platformModes = [
  'ok',
  '500',
  'timeout',
  'drop-after-accept',
  'reject',
  'bad-signature',
] as const;
export type PlatformMode = (typeof platformModes)[number];

export interface MockPlatformOptions {
  secret: string;
  port?: number;
  host?: string;
  mode?: PlatformMode;
  /** How many requests the mode applies to before the platform behaves; all of them when omitted. */
  fail?: number;
  /** The platform's own clock (ms); the real time by default. */
  now?: () => number;
}

export interface AcceptedSubmission {
  receiptNo: string;
  idempotencyKey: string;
  institutionCode: string;
  keyId: string;
  kind: string;
  period: { from: string; to: string };
  revision: number;
  bodySha256: string;
  receivedAt: string;
  /** The document as received. */
  summary: unknown;
}

export interface MockPlatform {
  url: string;
  port: number;
  accepted: AcceptedSubmission[];
  /** Every request to `/v1/summaries`, with the answer given (0 when it hung or was dropped). */
  log: Array<{ idempotencyKey: string | null; status: number; note: string }>;
  setMode(mode: PlatformMode, fail?: number): void;
  close(): Promise<void>;
}

const SKEW_SECONDS = 300;
const hex = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(text);
}

const header = (req: IncomingMessage, name: string): string | null => {
  const v = req.headers[name.toLowerCase()];
  return typeof v === 'string' ? v : null;
};

/** What the summary must contain for the platform to take it. */
function validate(doc: unknown): Array<{ path: string; message: string }> {
  const errors: Array<{ path: string; message: string }> = [];
  const d = (doc ?? {}) as Record<string, unknown>;
  if (d.schema !== 'caredesk.summary/1') errors.push({ path: 'schema', message: '不支持的报表格式' });
  if (d.kind !== 'monthly' && d.kind !== 'daily')
    errors.push({ path: 'kind', message: '报表类型应为 monthly 或 daily' });
  const period = d.period as { from?: unknown; to?: unknown } | undefined;
  if (typeof period?.from !== 'string' || typeof period.to !== 'string')
    errors.push({ path: 'period', message: '缺少报表期间' });
  const inst = d.institution as { code?: unknown } | undefined;
  if (typeof inst?.code !== 'string' || !inst.code)
    errors.push({ path: 'institution.code', message: '缺少机构编码' });
  if (typeof d.revision !== 'number') errors.push({ path: 'revision', message: '缺少版本号' });
  return errors;
}

export async function startMockPlatform(options: MockPlatformOptions): Promise<MockPlatform> {
  const now = options.now ?? (() => Date.now());
  let mode: PlatformMode = options.mode ?? 'ok';
  let remaining = options.fail ?? Infinity;
  const accepted: AcceptedSubmission[] = [];
  const byKey = new Map<string, AcceptedSubmission>();
  const nonces = new Map<string, number>();
  const log: MockPlatform['log'] = [];
  const sockets = new Set<Socket>();
  let seq = 0;

  function authProblem(req: IncomingMessage, path: string, body: Buffer): string | null {
    if (!(header(req, 'content-type') ?? '').startsWith('application/json'))
      return 'Content-Type 应为 application/json';
    for (const h of [
      'X-Institution-Code',
      'X-Key-Id',
      'X-Timestamp',
      'X-Nonce',
      'Idempotency-Key',
      'X-Signature',
    ]) {
      if (!header(req, h)) return `缺少请求头 ${h}`;
    }
    const timestamp = header(req, 'X-Timestamp')!;
    if (!/^\d+$/.test(timestamp)) return 'X-Timestamp 应为 Unix 秒';
    if (Math.abs(Number(timestamp) - now() / 1000) > SKEW_SECONDS) return '请求时间与平台时间相差超过 5 分钟';
    const nonce = header(req, 'X-Nonce')!;
    if (nonce.length < 16) return 'X-Nonce 至少 16 个字符';
    const expected = createHmac('sha256', options.secret)
      .update(`POST\n${path}\n${timestamp}\n${nonce}\n${hex(body)}`)
      .digest('hex');
    const given = header(req, 'X-Signature')!;
    if (mode === 'bad-signature' || given.length !== expected.length) return '签名不正确';
    if (!timingSafeEqual(Buffer.from(given), Buffer.from(expected))) return '签名不正确';
    // A nonce is remembered as long as its timestamp could still pass: a replay within that window is refused.
    const cutoff = now() - 2 * SKEW_SECONDS * 1000;
    for (const [n, at] of nonces) if (at < cutoff) nonces.delete(n);
    if (nonces.has(nonce)) return 'X-Nonce 已用过（疑似重放）';
    nonces.set(nonce, now());
    return null;
  }

  async function summaries(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const body = await readBody(req);
    const key = header(req, 'Idempotency-Key');
    const failing = mode !== 'ok' && remaining > 0;
    if (failing) remaining -= 1;
    const note = (status: number, what: string) => log.push({ idempotencyKey: key, status, note: what });

    if (failing && mode === '500') {
      note(500, 'fault 500');
      return send(res, 500, { errors: [{ path: '', message: '平台维护中' }] });
    }
    if (failing && mode === 'timeout') {
      note(0, 'fault timeout');
      return; // never answers; the socket closes with the server
    }
    const problem = authProblem(req, path, body);
    if (problem || (failing && mode === 'bad-signature')) {
      note(401, problem ?? '签名不正确');
      return send(res, 401, { errors: [{ path: 'X-Signature', message: problem ?? '签名不正确' }] });
    }
    let doc: unknown;
    try {
      doc = JSON.parse(body.toString('utf8'));
    } catch {
      note(400, 'not JSON');
      return send(res, 400, { errors: [{ path: '', message: '请求体不是合法的 JSON' }] });
    }
    const errors = validate(doc);
    if (failing && mode === 'reject')
      errors.push({ path: 'beds.total', message: '床位总数与备案信息不一致（备案 120 张）' });
    if (errors.length > 0) {
      note(422, 'rejected');
      return send(res, 422, { errors });
    }
    const bodySha256 = hex(body);
    const previous = byKey.get(key!);
    if (previous) {
      if (previous.bodySha256 !== bodySha256) {
        note(422, 'key reused with another body');
        return send(res, 422, {
          errors: [{ path: 'Idempotency-Key', message: '同一幂等键提交了不同的内容' }],
        });
      }
      note(200, 'duplicate');
      return send(res, 200, { receiptNo: previous.receiptNo, duplicate: true });
    }
    const d = doc as { kind: string; period: { from: string; to: string }; revision: number };
    seq += 1;
    const entry: AcceptedSubmission = {
      receiptNo: `JG${new Date(now()).toISOString().slice(0, 10).replaceAll('-', '')}${String(seq).padStart(5, '0')}`,
      idempotencyKey: key!,
      institutionCode: header(req, 'X-Institution-Code')!,
      keyId: header(req, 'X-Key-Id')!,
      kind: d.kind,
      period: d.period,
      revision: d.revision,
      bodySha256,
      receivedAt: new Date(now()).toISOString(),
      summary: doc,
    };
    accepted.push(entry);
    byKey.set(entry.idempotencyKey, entry);
    if (failing && mode === 'drop-after-accept') {
      note(0, 'accepted, connection dropped');
      req.socket.destroy();
      return;
    }
    note(201, 'accepted');
    send(res, 201, { receiptNo: entry.receiptNo });
  }

  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://platform').pathname;
    if (path.endsWith('/v1/summaries') && req.method === 'POST') {
      summaries(req, res, path).catch((error: unknown) =>
        send(res, 500, { errors: [{ path: '', message: String(error) }] }),
      );
      return;
    }
    if (path.endsWith('/v1/summaries') && req.method === 'GET') return send(res, 200, accepted);
    // Test-only, not part of the protocol: every request and the answer it got.
    if (path === '/_mock/log' && req.method === 'GET') return send(res, 200, log);
    // Test-only control, not part of the protocol: switch the fault mode of a running platform.
    if (path === '/_mock/mode' && req.method === 'POST') {
      void readBody(req).then((b) => {
        const { mode: m, fail } = JSON.parse(b.toString('utf8') || '{}') as {
          mode?: PlatformMode;
          fail?: number;
        };
        mode = m && platformModes.includes(m) ? m : 'ok';
        remaining = fail ?? Infinity;
        send(res, 200, { mode, fail: remaining });
      });
      return;
    }
    send(res, 404, { errors: [{ path: '', message: '没有这个接口' }] });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    accepted,
    log,
    setMode(m, fail) {
      mode = m;
      remaining = fail ?? Infinity;
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
