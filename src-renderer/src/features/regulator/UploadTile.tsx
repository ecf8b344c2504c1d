import { Card, Space, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { summaryKindLabels } from '../../../../src-main/shared/contract/regulator';
import { useProcedure } from '../../api/hooks';
import { QueryView } from '../../app/feedback';
import { useI18n } from '../../i18n';
import { formatTime } from './format';

/** 工作台: whether the last upload arrived, and what is still on its way or needs a person. */
export function UploadTile() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const outbox = useProcedure('regulator.outbox', {}, { refetchInterval: 60_000 });
  return (
    <Card
      size="small"
      title={t('监管上报', 'Regulator upload')}
      data-testid="upload-tile"
      extra={<a onClick={() => navigate('/regulator')}>{t('查看', 'Open')}</a>}
    >
      <QueryView query={outbox}>
        {(rows) => {
          const last = rows.find((r) => r.status === 'accepted');
          const waiting = rows.filter((r) => r.status === 'queued' || r.status === 'sending').length;
          // A rejection made good by a later accepted submission of the period needs nobody.
          const problems = rows.filter(
            (r) =>
              r.status === 'failed' ||
              (r.status === 'rejected' &&
                !rows.some(
                  (o) => o.kind === r.kind && o.period === r.period && o.id > r.id && o.status === 'accepted',
                )),
          ).length;
          return (
            <Space orientation="vertical" size={4}>
              <Typography.Text>
                {last
                  ? t(
                      `最近送达：${summaryKindLabels[last.kind].zh} ${last.period}（${formatTime(last.acceptedAt)}）`,
                      `Last accepted: ${last.period}`,
                    )
                  : t('还没有送达的上报', 'Nothing accepted yet')}
              </Typography.Text>
              <Space>
                {waiting > 0 && (
                  <Tag color="processing">{t(`等待发送 ${waiting}`, `${waiting} waiting`)}</Tag>
                )}
                {problems > 0 && (
                  <Tag color="error">{t(`需要处理 ${problems}`, `${problems} need attention`)}</Tag>
                )}
              </Space>
            </Space>
          );
        }}
      </QueryView>
    </Card>
  );
}
