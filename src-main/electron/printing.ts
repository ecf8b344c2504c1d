import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, type WebContents } from 'electron';
import { z } from 'zod';
import type { Result } from '../shared/errors';

/**
 * The one call the renderer makes that the core cannot answer: turning the page it shows into a
 * PDF. It travels on the same `caredesk:call` channel as procedures (the preload exposes nothing
 * else), so the IPC handler must route it here before the dispatcher, and only for a window that
 * has a signed-in session.
 */
export const PRINT_TO_PDF = 'print.toPdf';

export function isPrintCall(name: unknown): name is typeof PRINT_TO_PDF {
  return name === PRINT_TO_PDF;
}

const requestSchema = z.object({
  fileName: z.string().trim().min(1).max(120),
  landscape: z.boolean(),
});

export interface PdfSaved {
  saved: boolean;
  /** Where the file went; null when the user closed the save dialog. */
  path: string | null;
}

/** Letters Windows forbids in file names, plus control characters. */
function safeFileName(name: string): string {
  const cleaned = Array.from(name.replace(/[\\/:*?"<>|]/g, '_'))
    .filter((c) => c.charCodeAt(0) >= 0x20)
    .join('')
    .trim();
  return cleaned || 'CareDesk';
}

/**
 * Asks where to save, then prints the sender's page to an A4 PDF with the page's own CSS page
 * size and zero margins: the print preview lays out whole sheets itself, with their page numbers,
 * so Chromium must add neither margins nor its own header and footer.
 */
export async function printToPdf(contents: WebContents, input: unknown): Promise<Result<PdfSaved>> {
  const parsed = requestSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, error: { code: 'VALIDATION', message: '导出 PDF 的请求格式不正确。' } };
  }
  const { fileName, landscape } = parsed.data;
  try {
    const window = BrowserWindow.fromWebContents(contents);
    const options: Electron.SaveDialogOptions = {
      title: '导出 PDF',
      defaultPath: join(app.getPath('documents'), `${safeFileName(fileName)}.pdf`),
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    };
    const choice = window
      ? await dialog.showSaveDialog(window, options)
      : await dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return { ok: true, value: { saved: false, path: null } };
    const pdf = await contents.printToPDF({
      pageSize: 'A4',
      landscape,
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: false,
      margins: { top: 0, bottom: 0, left: 0, right: 0 },
    });
    await writeFile(choice.filePath, pdf);
    return { ok: true, value: { saved: true, path: choice.filePath } };
  } catch (error) {
    return {
      ok: false,
      error: {
        code: 'INTERNAL',
        message: `导出 PDF 没有成功：${error instanceof Error ? error.message : String(error)}。请换一个保存位置重试，或先用“打印”。`,
      },
    };
  }
}
