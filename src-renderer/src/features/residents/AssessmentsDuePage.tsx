import { Card, Table, Tag, Typography } from 'antd';
import type { AssessmentDueRow } from '../../../../src-main/shared/contract/residents';
import { useProcedure } from '../../api/hooks';
import { QueryView } from '../../app/feedback';
import { useI18n } from '../../i18n';
import { todayLocal } from '../../lib/dates';
import { useResidentDrawer } from './common';
import { ResidentDrawerHost } from './card/ResidentCard';
import { callOrThrow } from '../../api/client';
import { ExportExcelButton } from '../print/ExportExcelButton';
import { ActionButton } from '../../app/permissions';

/** 评估: who needs an ability assessment — never assessed, due by the interval, or flagged. */
export function AssessmentsDuePage() {
  const { t } = useI18n();
  const drawer = useResidentDrawer();
  const due = useProcedure('assessments.due', {});
  const today = todayLocal();
  const why: Record<AssessmentDueRow['why'], { text: string; color: string }> = {
    never: { text: t('从未评估', 'Never assessed'), color: 'red' },
    interval: { text: t('到期复评', 'Routine due'), color: 'orange' },
    flagged: { text: t('状况变化', 'Condition changed'), color: 'volcano' },
  };
  return (
    <Card
      title={t('待评估', 'Assessments due')}
      extra={
        <ExportExcelButton
          procedure="assessments.exportDue"
          run={() => callOrThrow('assessments.exportDue', {})}
        />
      }
    >
      <Typography.Paragraph type="secondary">
        {t(
          '在住老人每 12 个月复评一次；状况变化时随时评估。点「去评估」打开档案的评估页。',
          'Routine reassessment every 12 months, and whenever the condition changes.',
        )}
      </Typography.Paragraph>
      <QueryView query={due}>
        {(rows) => (
          <Table<AssessmentDueRow>
            rowKey="residentId"
            dataSource={rows}
            pagination={false}
            locale={{ emptyText: t('没有需要评估的老人', 'Nobody is due') }}
            columns={[
              {
                title: t('姓名', 'Name'),
                width: 100,
                dataIndex: 'name',
                render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
              },
              { title: t('床位', 'Bed'), width: 150, render: (_v, r) => r.bedLabel ?? '—' },
              {
                title: t('原因', 'Why'),
                width: 110,
                render: (_v, r) => <Tag color={why[r.why].color}>{why[r.why].text}</Tag>,
              },
              { title: t('说明', 'Detail'), render: (_v, r) => r.flagReason ?? '' },
              { title: t('上次评估', 'Last'), width: 120, render: (_v, r) => r.lastAssessedOn ?? '—' },
              {
                title: t('应评估日期', 'Due'),
                width: 200,
                sorter: (a, b) => (a.dueOn ?? '').localeCompare(b.dueOn ?? ''),
                defaultSortOrder: 'ascend',
                render: (_v, r) =>
                  r.dueOn ? (
                    <Typography.Text type={r.dueOn < today ? 'danger' : undefined}>
                      {r.dueOn}
                      {r.dueOn < today ? t('（已逾期）', ' (overdue)') : ''}
                    </Typography.Text>
                  ) : (
                    t('尽快', 'As soon as possible')
                  ),
              },
              {
                title: t('操作', 'Actions'),
                width: 110,
                render: (_v, r) => (
                  <ActionButton
                    procedure="assessments.recordAbility"
                    type="primary"
                    onClick={() => drawer.open(r.residentId, 'assessments')}
                  >
                    {t('去评估', 'Assess')}
                  </ActionButton>
                ),
              },
            ]}
          />
        )}
      </QueryView>
      <ResidentDrawerHost />
    </Card>
  );
}
