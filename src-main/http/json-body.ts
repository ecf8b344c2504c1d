import type { FastifyInstance } from 'fastify';

/** Deeper than any procedure's input; a body nested thousands deep is an attack or a bug. */
export const MAX_JSON_DEPTH = 64;

export class BodyError extends Error {
  constructor(
    readonly statusCode: number,
    readonly reason: 'too-deep' | 'not-json',
  ) {
    super(reason);
  }
}

/** Whether brackets nest deeper than `max` outside strings: one linear pass, no recursion. */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/**
 * Parses JSON bodies ourselves so that every way a body can be wrong ends as a 400 with a plain
 * message: depth is checked before parsing (recursive code further on, from validation to audit,
 * must never see a structure deep enough to overflow the stack), and `__proto__` keys are dropped.
 */
export function useJsonBodies(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = body as string;
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
      done(new BodyError(400, 'too-deep'), undefined);
      return;
    }
    try {
      done(
        null,
        JSON.parse(text, (key, value: unknown) => (key === '__proto__' ? undefined : value)),
      );
    } catch {
      done(new BodyError(400, 'not-json'), undefined);
    }
  });
}
