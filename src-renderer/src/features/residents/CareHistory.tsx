import { Card, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import type { CareHistoryRow } from '../../../../src-main/shared/contract/residents';
import { useProcedure } from '../../api/hooks';
import { QueryView } from '../../app/feedback';
import { useI18n } from '../../i18n';
import { CareCategoryTag } from './common';

/**
 * The periods' last day in force: the contract's `to` is the first day no longer in force (the day
 * of the next change, or of discharge), which staff would misread as included.
 */
function lastDay(to: string): string {
  return dayjs(to).subtract(1, 'day').format('YYYY-MM-DD');
}

/** 护理类别与护理等级的变化: which category and grade applied on which days (what billing charges). */
export function CareHistory({ residentId }: { residentId: number }) {
  const { t } = useI18n();
  const history = useProcedure('residents.careHistory', { residentId });
  const config = useProcedure('residents.getConfig', {});
  const gradeName = (key: string) => config.data?.careGrades.find((g) => g.key === key)?.name ?? key;
  return (
    <Card
      size="small"
      title={t('护理类别与护理等级变化', 'Care category and grade over time')}
      data-testid="care-history"
    >
      <QueryView query={history}>
        {(rows) => (
          <>
            <Table<CareHistoryRow>
              rowKey="from"
              size="small"
              dataSource={[...rows].reverse()}
              pagination={false}
              locale={{
                emptyText: t('入住后开始记录', 'Recorded from admission'),
              }}
              columns={[
                {
                  title: t('护理类别', 'Category'),
                  render: (_v, r) => <CareCategoryTag category={r.category} />,
                },
                {
                  title: t('护理等级', 'Grade'),
                  render: (_v, r) => (r.grade ? gradeName(r.grade) : '—'),
                },
                { title: t('起', 'From'), dataIndex: 'from' },
                {
                  title: t('止', 'To'),
                  render: (_v, r) => (r.to === null ? t('至今', 'now') : lastDay(r.to)),
                },
              ]}
            />
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
              {t(
                '「止」是最后适用的一天；退住当天不计。评估按评估日期生效，调整护理等级和修改设置按保存当天生效，修改设置不改变以前的记录。',
                '"To" is the last day that applied; the discharge day is not counted. Assessments apply from their date; grade and settings changes from the day saved, never to earlier days.',
              )}
            </Typography.Text>
          </>
        )}
      </QueryView>
    </Card>
  );
}
