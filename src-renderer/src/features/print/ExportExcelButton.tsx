import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, type ButtonProps } from 'antd';
import { useState } from 'react';
import type { ProcedureName } from '../../../../src-main/shared/contract';
import type { FileDownload } from '../../../../src-main/shared/contract/residents';
import { useCan } from '../../app/permissions';
import { useI18n } from '../../i18n';
import { downloadBase64 } from '../../lib/files';

const xlsxMime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * 导出 Excel for a list: calls the export, saves the file, says what happened. Shown only to those
 * who may call `procedure` (the export `run` calls).
 */
export function ExportExcelButton({
  procedure,
  run,
  children,
  ...button
}: { procedure: ProcedureName; run: () => Promise<FileDownload>; children?: React.ReactNode } & Omit<
  ButtonProps,
  'onClick' | 'loading'
>) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const can = useCan();
  if (!can(procedure)) return null;
  async function exportNow() {
    setBusy(true);
    try {
      const file = await run();
      downloadBase64({ ...file, mimeType: xlsxMime });
      void message.success(t(`已导出：${file.fileName}`, `Exported ${file.fileName}`));
    } catch (error) {
      void message.error((error as Error).message, 8);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={busy}
      data-procedure={procedure}
      {...button}
      onClick={() => void exportNow()}
    >
      {children ?? t('导出 Excel', 'Export Excel')}
    </Button>
  );
}
