import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n';

/** Every failed load ends here: what happened in plain words, and a way on. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const data = error instanceof ApiError ? error.data : null;
  if (data?.code === 'FORBIDDEN') {
    return (
      <Result
        status="403"
        title={t('没有权限', 'No permission')}
        subTitle={data.message}
        extra={
          <Button type="primary" size="large" onClick={() => navigate('/')}>
            {t('返回工作台', 'Back to dashboard')}
          </Button>
        }
      />
    );
  }
  return (
    <Result
      status="error"
      title={t('没能加载', 'Could not load')}
      subTitle={data?.message ?? t('发生了意外错误，请重试。', 'Something went wrong. Please try again.')}
      extra={[
        onRetry ? (
          <Button key="retry" type="primary" size="large" onClick={onRetry}>
            {t('重试', 'Retry')}
          </Button>
        ) : null,
        <Button key="home" size="large" onClick={() => navigate('/')}>
          {t('返回工作台', 'Back to dashboard')}
        </Button>,
      ]}
    />
  );
}

export function LoadingState({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div style={{ padding: 64, textAlign: 'center' }}>
      <Spin size="large" />
      <div style={{ marginTop: 16, color: 'rgba(0,0,0,0.55)' }}>{label ?? t('正在加载…', 'Loading…')}</div>
    </div>
  );
}

/** Renders a query's three states the same way on every page. */
export function QueryView<T>({
  query,
  children,
}: {
  query: { data: T | undefined; error: unknown; isPending: boolean; refetch: () => unknown };
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <LoadingState />;
  if (query.error || query.data === undefined)
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return <>{children(query.data)}</>;
}
