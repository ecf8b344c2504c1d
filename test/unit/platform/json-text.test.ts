import { once } from 'node:events';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { JsonFile, acceptsGzip, encodedOnce, type JsonText } from '../../../src-main/core/api/json-text';

function answerFile(value: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'caredesk-report-')), 'answer.json');
  writeFileSync(path, JSON.stringify(value));
  return path;
}

describe('answers that are already JSON', () => {
  it('lays out the HTTP body once and decodes to the same value', () => {
    const value = { rows: [{ id: 1, name: '张桂兰' }], total: 1 };
    const encoded = encodedOnce(value) as unknown as JsonText;
    expect(encoded.body.toString()).toBe(`{"ok":true,"value":${JSON.stringify(value)}}`);
    expect(encoded.parse()).toEqual(value);
  });

  it('streams a file answer as the HTTP body and removes its folder afterwards', async () => {
    const path = answerFile({ fileName: '呼叫记录.xlsx', base64: 'UEsDBA==' });
    const body = await text(new JsonFile(path).stream());
    expect(JSON.parse(body)).toEqual({ ok: true, value: { fileName: '呼叫记录.xlsx', base64: 'UEsDBA==' } });
    expect(existsSync(join(path, '..'))).toBe(false);
  });

  it('removes the folder when the stream is dropped unread, or after decoding it', async () => {
    const dropped = answerFile({ a: 1 });
    const stream = new JsonFile(dropped).stream();
    stream.destroy();
    await once(stream, 'close');
    expect(existsSync(join(dropped, '..'))).toBe(false);

    const decoded = answerFile({ a: 2 });
    expect(new JsonFile(decoded).parse()).toEqual({ a: 2 });
    expect(existsSync(join(decoded, '..'))).toBe(false);
  });

  it('reads Accept-Encoding as browsers and proxies write it', () => {
    expect(acceptsGzip('gzip, deflate, br, zstd')).toBe(true);
    expect(acceptsGzip('br;q=1.0, gzip;q=0.8, *;q=0.1')).toBe(true);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip(['deflate', 'GZIP'])).toBe(true);
    expect(acceptsGzip('gzip;q=0, identity')).toBe(false);
    expect(acceptsGzip('gzip;q=0, *')).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});
