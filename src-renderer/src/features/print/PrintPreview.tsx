import { CloseOutlined, FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Button, Space, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useLayoutEffect, useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import { callOrThrow } from '../../api/client';
import { useSession, useSignedInSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { PagedDocument } from './PagedDocument';
import { exportPdf, printSheets } from './pdf';
import type { PrintDocument, PrintLoader } from './types';
import './print.css';
import { serverDay } from '../../lib/dates';

/**
 * Full-screen print preview: the document's sheets exactly as they will print, with 打印 and
 * 导出PDF. While it is open the print CSS prints only these sheets.
 */
export default function PrintPreview({ load, onClose }: { load: PrintLoader; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { can } = useSession();
  const me = useSignedInSession().user;
  const [doc, setDoc] = useState<PrintDocument | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pages, setPages] = useState(0);
  const [exporting, setExporting] = useState(false);
  const printedAt = useMemo(() => serverDay().format('YYYY-MM-DD HH:mm'), []);
  const [institutionName, setInstitutionName] = useState('');

  useLayoutEffect(() => {
    document.documentElement.classList.add('print-open');
    return () => document.documentElement.classList.remove('print-open');
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const institution = await callOrThrow('institution.get', {});
      const loaded = await load({ institutionName: institution.name, userName: me.displayName, can });
      if (cancelled) return;
      setInstitutionName(institution.name);
      setDoc(loaded);
    })().catch((e: unknown) => {
      if (!cancelled) setError(e instanceof Error ? e.message : String(e));
    });
    return () => {
      cancelled = true;
    };
    // The loader runs once per opening; `can` changing mid-preview must not reload the document.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [load]);

  const onPaged = useCallback((n: number) => setPages(n), []);

  async function savePdf() {
    if (!doc) return;
    setExporting(true);
    try {
      const outcome = await exportPdf(doc.fileName, doc.orientation);
      if (outcome.kind === 'saved')
        void message.success(t(`已保存：${outcome.path}`, `Saved ${outcome.path}`), 6);
    } catch (e) {
      void message.error((e as Error).message, 8);
    } finally {
      setExporting(false);
    }
  }

  const ready = doc !== null && pages > 0;
  return createPortal(
    <div
      className="print-overlay"
      data-testid="print-preview"
      data-ready={ready ? 'true' : 'false'}
      data-pages={pages}
      role="dialog"
      aria-label={t('打印预览', 'Print preview')}
    >
      {doc && <style>{`@page { size: A4 ${doc.orientation}; margin: 0; }`}</style>}
      <div className="print-toolbar">
        <div className="print-toolbar-title">
          {t('打印预览', 'Print preview')}
          {doc ? `：${doc.title}${doc.subtitle ? ` — ${doc.subtitle}` : ''}` : ''}
        </div>
        {ready && (
          <Typography.Text type="secondary">
            {t(
              `A4 ${doc.orientation === 'portrait' ? '纵向' : '横向'} · 共 ${pages} 页`,
              `A4 · ${pages} pages`,
            )}
          </Typography.Text>
        )}
        <Space>
          <Button
            type="primary"
            size="large"
            icon={<PrinterOutlined />}
            disabled={!ready}
            onClick={() => doc && printSheets(doc.fileName)}
          >
            {t('打印', 'Print')}
          </Button>
          <Tooltip
            title={
              window.caredesk
                ? undefined
                : t('在打印对话框的“目标打印机”中选择“另存为 PDF”', 'Choose "Save as PDF" as the printer')
            }
          >
            <Button
              size="large"
              icon={<FilePdfOutlined />}
              disabled={!ready}
              loading={exporting}
              onClick={() => void savePdf()}
            >
              {t('导出PDF', 'Export PDF')}
            </Button>
          </Tooltip>
          <Button size="large" icon={<CloseOutlined />} onClick={onClose}>
            {t('关闭', 'Close')}
          </Button>
        </Space>
      </div>
      <div className="print-pages">
        {error && (
          <div className="print-status">{t(`无法生成打印内容：${error}`, `Cannot prepare: ${error}`)}</div>
        )}
        {!error && !ready && <div className="print-status">{t('正在排版…', 'Laying out…')}</div>}
        {doc && (
          <PagedDocument
            doc={doc}
            meta={{
              institutionName,
              title: doc.title,
              subtitle: doc.subtitle,
              printedAt,
              printedBy: me.displayName,
            }}
            onPaged={onPaged}
          />
        )}
      </div>
    </div>,
    document.body,
  );
}
