import { PrinterOutlined } from '@ant-design/icons';
import { Button, type ButtonProps } from 'antd';
import { lazy, Suspense, useCallback, useState } from 'react';
import { useI18n } from '../../i18n';
import type { PrintLoader } from './types';

// The preview and its layout code load on the first click, not with the page.
const PrintPreview = lazy(() => import('./PrintPreview'));

/** 打印: opens the print preview of the document `load` builds. */
export function PrintButton({
  load,
  children,
  ...button
}: { load: PrintLoader; children?: React.ReactNode } & Omit<ButtonProps, 'onClick'>) {
  const { t } = useI18n();
  // The loader is taken at the click, so a parent re-rendering with a new closure does not reload the preview.
  const [active, setActive] = useState<PrintLoader | null>(null);
  const close = useCallback(() => setActive(null), []);
  return (
    <>
      <Button icon={<PrinterOutlined />} {...button} onClick={() => setActive(() => load)}>
        {children ?? t('打印', 'Print')}
      </Button>
      {active && (
        <Suspense fallback={null}>
          <PrintPreview load={active} onClose={close} />
        </Suspense>
      )}
    </>
  );
}
