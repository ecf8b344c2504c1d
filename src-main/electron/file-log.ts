import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { redact, type Logger } from '../core/logger';

/** One file this big, plus the one before it, is weeks of a quiet front desk's log. */
export const LOG_MAX_BYTES = 2 * 1024 * 1024;

/**
 * The desktop app has no console anyone reads: crashes, reloads and port trouble also go to
 * `<dataDir>/logs/desktop.log` for support, with secrets redacted like the console lines. Writes are
 * synchronous so the line about a fatal error is on disk before the process exits. A log that
 * cannot be written never stops the app.
 */
export function createFileLogger(inner: Logger, file: string, maxBytes = LOG_MAX_BYTES): Logger {
  let size = -1;
  const write = (level: string, message: string, fields?: Record<string, unknown>) => {
    const line = `${new Date().toISOString()} ${level} ${message}${fields ? ' ' + JSON.stringify(redact(fields)) : ''}\n`;
    try {
      if (size < 0) {
        mkdirSync(dirname(file), { recursive: true });
        size = statSizeOrZero(file);
      }
      if (size + line.length > maxBytes) {
        renameSync(file, `${file}.1`);
        size = 0;
      }
      appendFileSync(file, line, 'utf8');
      size += Buffer.byteLength(line);
    } catch {
      size = -1;
    }
  };
  return {
    info(message, fields) {
      inner.info(message, fields);
      write('INFO', message, fields);
    },
    warn(message, fields) {
      inner.warn(message, fields);
      write('WARN', message, fields);
    },
    error(message, fields) {
      inner.error(message, fields);
      write('ERROR', message, fields);
    },
  };
}

function statSizeOrZero(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
