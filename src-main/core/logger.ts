export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const SECRET_KEYS = /pass(word)?|token|secret|cookie|idnumber|credential/i;

/** Removes anything that looks secret before a record reaches a log line. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET_KEYS.test(k) ? '[redacted]' : redact(v, depth + 1);
  }
  return out;
}

export function createConsoleLogger(prefix = 'caredesk'): Logger {
  const line = (level: string, message: string, fields?: Record<string, unknown>) =>
    `${new Date().toISOString()} ${level} [${prefix}] ${message}${fields ? ' ' + JSON.stringify(redact(fields)) : ''}`;
  return {
    info: (m, f) => console.log(line('INFO', m, f)),
    warn: (m, f) => console.warn(line('WARN', m, f)),
    error: (m, f) => console.error(line('ERROR', m, f)),
  };
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
