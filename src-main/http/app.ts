import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { GZIP_FROM_BYTES, JsonFile, JsonText, acceptsGzip, gzippedBody } from '../core/api/json-text';
import type { Core } from '../core/app';
import type { EventEnvelope } from '../shared/events';
import { LOOPBACK_HOSTS, callClient, requestHostname } from './client';
import { BodyError, useJsonBodies } from './json-body';

export const SESSION_COOKIE = 'caredesk_session';
/** Vite's output names: `assets/name-<hash>.js`. */
const HASHED_ASSET = /[\\/]assets[\\/][^\\/]+-[\w-]{8,}(\.\w+)+$/;
const SESSION_SWEEP_MS = 5000;

export interface HttpOptions {
  /** Built renderer to serve for browser mode; omitted in API-only tests. */
  rendererDir?: string;
  /** Set when the page is served over HTTPS by a proxy, so cookies get `Secure`. */
  secureCookies?: boolean;
  /**
   * Host names besides loopback that clients address the server by (LAN mode). There is no
   * wildcard: a request under any other name is refused, which also defeats DNS rebinding.
   */
  allowedHosts?: string[];
}

/** `CareDesk.Local:4810` and `caredesk.local` name the same host. */
export function normaliseHost(name: string): string {
  try {
    return new URL(`http://${name.trim()}`).hostname.toLowerCase();
  } catch {
    return name.trim().toLowerCase();
  }
}

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "media-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/**
 * The HTTP transport: translates requests to dispatcher calls and core events to a server-sent
 * event stream. It holds no business rule.
 */
export async function buildHttpApp(core: Core, options: HttpOptions = {}): Promise<FastifyInstance> {
  // Attachments and Excel files travel as base64 in JSON: 10 MB of file is about 14 MB of body.
  // Event streams never end on their own, so closing must cut open connections instead of waiting.
  const app = Fastify({ logger: false, bodyLimit: 16 * 1024 * 1024, forceCloseConnections: true });
  const streams = new Set<() => void>();
  app.addHook('onClose', async () => {
    for (const end of [...streams]) end();
  });
  await app.register(fastifyCookie);
  useJsonBodies(app);

  app.setErrorHandler((error: { code?: string; statusCode?: number }, request, reply) => {
    if (error instanceof BodyError && error.reason === 'too-deep') {
      return reply.code(400).send({
        ok: false,
        error: { code: 'VALIDATION', message: '请求的内容层级太深，无法处理。请刷新页面后重试。' },
      });
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.code(413).send({
        ok: false,
        error: { code: 'VALIDATION', message: '上传的内容太大（超过 15 MB），请选择小一些的文件后重试。' },
      });
    }
    const status =
      error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status < 500) {
      return reply.code(status).send({
        ok: false,
        error: { code: 'VALIDATION', message: '请求的格式不正确，请刷新页面后重试。' },
      });
    }
    // Every 500 is logged with a reference the user can quote; the stack stays in the log.
    const reference = randomUUID().slice(0, 8);
    core.logger.error('http request failed', {
      reference,
      url: request.url,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    return reply.code(500).send({
      ok: false,
      error: {
        code: 'INTERNAL',
        message: `服务出现意外错误，请重试；如反复出现，请联系技术支持并告知编号 ${reference}。`,
        details: { reference },
      },
    });
  });

  const allowedHosts = new Set<string>([
    ...LOOPBACK_HOSTS,
    ...(options.allowedHosts ?? []).map(normaliseHost),
  ]);
  /**
   * A page on another site can point its own DNS name at 127.0.0.1 (DNS rebinding) and then look
   * same-origin; only requests addressed to a name we serve under are answered.
   */
  app.addHook('onRequest', async (request, reply) => {
    if (!allowedHosts.has(requestHostname(request))) {
      return reply.code(403).send({
        ok: false,
        error: {
          code: 'FORBIDDEN',
          message:
            '这个地址没有登记。本机请用 http://127.0.0.1:端口号 打开 CareDesk；其他电脑请用管理员登记过的地址（服务启动时列出）。',
        },
      });
    }
    return undefined;
  });

  app.addHook('onSend', async (_request, reply) => {
    reply.header('Content-Security-Policy', CSP);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('X-Frame-Options', 'DENY');
  });

  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: options.secureCookies ?? false,
  };

  /** Rejects cross-site requests that a browser might still send (belt and braces with SameSite). */
  function crossSite(request: FastifyRequest): boolean {
    const origin = request.headers.origin;
    if (!origin) return false;
    try {
      return new URL(origin).host !== request.headers.host;
    } catch {
      return true;
    }
  }

  /** Open event streams by session token, so a logout can end its streams at once. */
  const streamsByToken = new Map<string, Set<() => void>>();
  const endStreamsOf = (token: string) => {
    for (const end of [...(streamsByToken.get(token) ?? [])]) end();
  };
  // Sessions also end without a request on this stream's connection (logout in another tab, a
  // password reset, a disabled account, expiry): look every few seconds rather than wait for an event.
  const sweep = setInterval(() => {
    const now = core.clock.now();
    for (const token of [...streamsByToken.keys()]) {
      if (!core.services.auth.sessionAlive(token, now)) endStreamsOf(token);
    }
  }, SESSION_SWEEP_MS);
  sweep.unref();
  app.addHook('onClose', async () => clearInterval(sweep));

  app.post<{ Params: { name: string } }>('/api/call/:name', async (request, reply) => {
    if (crossSite(request)) {
      return reply
        .code(403)
        .send({ ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自其他网站的请求。' } });
    }
    const token = request.cookies[SESSION_COOKIE] ?? null;
    const outcome = await core.dispatch(
      request.params.name,
      request.body ?? undefined,
      token,
      callClient(request),
    );
    // The core's clock, which `--test-clock` moves: screens take "today" and waiting times from it,
    // not from the browser's computer.
    reply.header('X-Server-Time', core.clock.now().toISOString());
    if (outcome.sessionToken) reply.setCookie(SESSION_COOKIE, outcome.sessionToken, cookieOptions);
    else if (outcome.sessionToken === null) {
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      if (token) endStreamsOf(token);
    }
    if (!outcome.result.ok && outcome.result.error.code === 'RATE_LIMITED') {
      // Shed, not failed: the standard answer lets scripts and proxies back off on their own.
      const after = outcome.result.error.details?.retryAfterSeconds;
      return reply
        .code(429)
        .header('Retry-After', String(typeof after === 'number' ? after : 1))
        .send(outcome.result);
    }
    if (outcome.result.ok && outcome.result.value instanceof JsonText) {
      const text = outcome.result.value;
      reply.code(200).type('application/json; charset=utf-8').header('Vary', 'Accept-Encoding');
      if (text.body.length >= GZIP_FROM_BYTES && acceptsGzip(request.headers['accept-encoding'])) {
        return reply.header('Content-Encoding', 'gzip').send(await gzippedBody(text));
      }
      return reply.send(text.body);
    }
    if (outcome.result.ok && outcome.result.value instanceof JsonFile) {
      return reply.code(200).type('application/json; charset=utf-8').send(outcome.result.value.stream());
    }
    return reply.code(200).send(outcome.result);
  });

  app.get('/api/events', async (request: FastifyRequest, reply: FastifyReply) => {
    const token = request.cookies[SESSION_COOKIE];
    const me = token ? await core.dispatch('auth.me', {}, token, callClient(request)) : null;
    if (!token || !me?.result.ok) {
      return reply.code(401).send({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录。' } });
    }
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    raw.write('retry: 1000\n\n');
    const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), 15_000);
    const mine = streamsByToken.get(token) ?? new Set<() => void>();
    streamsByToken.set(token, mine);
    const stop = () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(endStream);
      mine.delete(endStream);
      if (mine.size === 0 && streamsByToken.get(token) === mine) streamsByToken.delete(token);
    };
    const endStream = () => {
      stop();
      raw.end();
    };
    streams.add(endStream);
    mine.add(endStream);
    const unsubscribe = core.events.subscribe((event: EventEnvelope) => {
      const delivery = core.eventGate(token, event.name);
      if (delivery === 'deliver') raw.write(`event: ${event.name}\ndata: ${JSON.stringify(event)}\n\n`);
      else if (delivery === 'sessionEnded') endStream();
    });
    request.raw.on('close', stop);
  });

  app.all('/api/*', async (_request, reply) =>
    reply.code(404).send({ ok: false, error: { code: 'NOT_FOUND', message: '没有这个接口。' } }),
  );

  if (options.rendererDir && existsSync(join(options.rendererDir, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: options.rendererDir,
      index: ['index.html'],
      // The build writes .br and .gz beside each asset; sent to clients that accept them.
      preCompressed: true,
      cacheControl: false,
      setHeaders(res, path) {
        // Hashed assets never change under their name; the page that names them must be asked for anew.
        res.header(
          'cache-control',
          HASHED_ASSET.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
    app.setNotFoundHandler((_request, reply) => reply.type('text/html').sendFile('index.html'));
  }

  return app;
}
