import type { Result } from '../../../../src-main/shared/errors';
import type { Orientation } from './types';

/** Chromium suggests the page title as the PDF's file name, so it carries the document's name while printing. */
function withTitle(fileName: string, run: () => void): void {
  const previous = document.title;
  document.title = fileName;
  const restore = () => {
    document.title = previous;
    window.removeEventListener('afterprint', restore);
  };
  window.addEventListener('afterprint', restore);
  run();
}

/** Opens the system print dialog for the sheets on screen (the print CSS hides everything else). */
export function printSheets(fileName: string): void {
  withTitle(fileName, () => window.print());
}

export type PdfOutcome = { kind: 'saved'; path: string } | { kind: 'cancelled' } | { kind: 'printDialog' };

/**
 * The desktop app saves a PDF directly (Electron printToPDF in the main process, reached through
 * the bridge's one `call`); a browser has no such door, so its print dialog offers 另存为 PDF.
 */
export async function exportPdf(fileName: string, orientation: Orientation): Promise<PdfOutcome> {
  const bridge = window.caredesk;
  if (!bridge) {
    printSheets(fileName);
    return { kind: 'printDialog' };
  }
  const result = (await bridge.call('print.toPdf', {
    fileName,
    landscape: orientation === 'landscape',
  })) as Result<{ saved: boolean; path: string | null }>;
  if (!result.ok) throw new Error(result.error.message);
  return result.value.saved && result.value.path
    ? { kind: 'saved', path: result.value.path }
    : { kind: 'cancelled' };
}
