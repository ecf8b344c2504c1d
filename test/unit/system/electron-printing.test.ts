import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'caredesk-pdf-'));
const saveDialog = vi.fn<(...args: unknown[]) => Promise<{ canceled: boolean; filePath?: string }>>();
vi.mock('electron', () => ({
  app: { getPath: () => dir },
  BrowserWindow: { fromWebContents: () => ({ id: 1 }) },
  dialog: { showSaveDialog: (...args: unknown[]) => saveDialog(...args) },
}));

const { printToPdf, isPrintCall } = await import('../../../src-main/electron/printing');

function fakeContents() {
  const printToPDF = vi.fn(async (_options: unknown) => Buffer.from('%PDF-1.7 fake'));
  return { printToPDF, contents: { printToPDF } as unknown as Electron.WebContents };
}

afterEach(() => saveDialog.mockReset());

describe('PDF export in the desktop app', () => {
  it('asks where to save, prints A4 with the page CSS size and no margins, and writes the file', async () => {
    const target = join(dir, 'out.pdf');
    saveDialog.mockResolvedValue({ canceled: false, filePath: target });
    const { contents, printToPDF } = fakeContents();

    const result = await printToPdf(contents, { fileName: '评估报告/张桂兰:2026', landscape: true });

    expect(result).toEqual({ ok: true, value: { saved: true, path: target } });
    expect(readFileSync(target, 'utf8')).toBe('%PDF-1.7 fake');
    expect(printToPDF).toHaveBeenCalledWith(
      expect.objectContaining({
        pageSize: 'A4',
        landscape: true,
        printBackground: true,
        preferCSSPageSize: true,
        displayHeaderFooter: false,
        margins: { top: 0, bottom: 0, left: 0, right: 0 },
      }),
    );
    // The suggested name cannot smuggle a folder in.
    const options = saveDialog.mock.calls[0]![1] as { defaultPath: string };
    expect(options.defaultPath).toBe(join(dir, '评估报告_张桂兰_2026.pdf'));
  });

  it('does nothing when the user closes the dialog, and refuses a malformed request', async () => {
    saveDialog.mockResolvedValue({ canceled: true });
    const { contents, printToPDF } = fakeContents();
    expect(await printToPdf(contents, { fileName: 'x', landscape: false })).toEqual({
      ok: true,
      value: { saved: false, path: null },
    });
    expect(printToPDF).not.toHaveBeenCalled();
    expect(await printToPdf(contents, { fileName: '', landscape: 'yes' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(isPrintCall('print.toPdf')).toBe(true);
    expect(isPrintCall('residents.list')).toBe(false);
  });

  it('reports a failed write in words that say what to do', async () => {
    saveDialog.mockResolvedValue({ canceled: false, filePath: join(dir, 'missing-folder', 'x.pdf') });
    const result = await printToPdf(fakeContents().contents, { fileName: 'x', landscape: false });
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(!result.ok && result.error.message).toContain('请换一个保存位置重试');
  });
});

process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
