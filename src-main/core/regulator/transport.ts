import type { Clock } from '../clock';
import type { Credentials } from './config';
import type { Outcome } from './outbox';
import { newNonce, signedHeaders, SUMMARIES_PATH } from './signing';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

function messagesOf(body: unknown): Array<{ path: string; message: string }> {
  const errors = (body as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return [];
  return errors.map((e: unknown) => {
    const item = (e ?? {}) as { path?: unknown; message?: unknown };
    return { path: typeof item.path === 'string' ? item.path : '', message: String(item.message ?? '') };
  });
}

/**
 * One signed POST of a frozen body. The timestamp comes from `wireClock`: the platform checks it
 * against its own real clock, so it must be the real time even while business time is moved by the
 * test clock (schedules and backoff follow the injected clock).
 */
export async function postSummary(
  fetchImpl: FetchLike,
  wireClock: Clock,
  creds: Credentials,
  body: string,
  idempotencyKey: string,
): Promise<Outcome & { status: number | null }> {
  const url = `${creds.endpoint}${SUMMARIES_PATH}`;
  const headers = signedHeaders({
    institutionCode: creds.institutionCode,
    keyId: creds.keyId,
    secret: creds.secret,
    path: new URL(url).pathname,
    body,
    idempotencyKey,
    timestamp: Math.floor(wireClock.now().getTime() / 1000),
    nonce: newNonce(),
  });
  let response: Response;
  let parsed: unknown = null;
  try {
    response = await fetchImpl(url, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(creds.timeoutSeconds * 1000),
    });
    const text = await response.text();
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    return {
      kind: 'retry',
      status: null,
      message: timedOut
        ? `平台 ${creds.timeoutSeconds} 秒内没有回答，稍后自动重试`
        : `连不上平台（${error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error)}），稍后自动重试`,
    };
  }
  const status = response.status;
  const receipt = (parsed as { receiptNo?: unknown } | null)?.receiptNo;
  if ((status === 201 || status === 200) && typeof receipt === 'string') {
    return {
      kind: 'accepted',
      status,
      receiptNo: receipt,
      duplicate: status === 200 && (parsed as { duplicate?: unknown }).duplicate === true,
    };
  }
  if (status === 400 || status === 422) return { kind: 'rejected', status, errors: messagesOf(parsed) };
  if (status === 401) {
    const said = messagesOf(parsed)
      .map((e) => e.message)
      .join('；');
    return {
      kind: 'authFailed',
      status,
      message: `平台不认可签名或时间（HTTP 401${said ? `：${said}` : ''}）。请核对机构编码、密钥编号、密钥和电脑时间，改好后点“重新发送”`,
    };
  }
  if (status === 429 || status >= 500) {
    return { kind: 'retry', status, message: `平台暂时不能接收（HTTP ${status}），稍后自动重试` };
  }
  // 2xx without a receipt, 403, 404 …: something a person must look at, not worth hammering.
  return {
    kind: 'authFailed',
    status,
    message: `平台回答了意外的结果（HTTP ${status}），请核对平台地址后点“重新发送”`,
  };
}
