import { ReadOutlined } from '@ant-design/icons';
import { DatePicker, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  trainingKindLabels,
  trainingKinds,
  type StaffMember,
  type TrainingKind,
  type TrainingRecord,
} from '../../../../src-main/shared/contract/staff';
import { useProcedure } from '../../api/hooks';
import { QueryView } from '../../app/feedback';
import { ActionButton } from '../../app/permissions';
import { useI18n } from '../../i18n';
import { day } from './StaffForms';

const kindColors: Record<TrainingKind, string> = {
  preJob: 'blue',
  fireSafety: 'red',
  skills: 'green',
  other: 'default',
};

/** 培训记录: every session with who attended, newest first, filtered by dates and kind. */
export function TrainingList({ staff, onRecord }: { staff: StaffMember[]; onRecord: () => void }) {
  const { t } = useI18n();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [kind, setKind] = useState<TrainingKind | undefined>(undefined);
  const from = day(range?.[0]);
  const to = day(range?.[1]);
  const list = useProcedure('training.list', { ...(from ? { from } : {}), ...(to ? { to } : {}) });
  const names = new Map(staff.map((s) => [s.id, s.name]));
  const columns: ColumnsType<TrainingRecord> = [
    { title: t('日期', 'Date'), dataIndex: 'on', width: 120 },
    {
      title: t('类别', 'Kind'),
      dataIndex: 'kind',
      width: 130,
      render: (k: TrainingKind) => <Tag color={kindColors[k]}>{trainingKindLabels[k].zh}</Tag>,
    },
    { title: t('培训内容', 'Topic'), dataIndex: 'topic' },
    { title: t('学时', 'Hours'), dataIndex: 'hours', width: 80, align: 'right' },
    {
      title: t('参加人员', 'Attendees'),
      key: 'staff',
      render: (_: unknown, r) => (
        <Space size={[4, 4]} wrap>
          {r.staffIds.map((id) => (
            <Tag key={id}>{names.get(id) ?? `#${id}`}</Tag>
          ))}
          <Typography.Text type="secondary">
            {t(`共 ${r.staffIds.length} 人`, `${r.staffIds.length}`)}
          </Typography.Text>
        </Space>
      ),
    },
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <DatePicker.RangePicker
          size="large"
          allowEmpty={[true, true]}
          value={range}
          onChange={(v) => setRange(v)}
          placeholder={[t('开始日期', 'From'), t('结束日期', 'To')]}
        />
        <Select
          size="large"
          allowClear
          style={{ width: 180 }}
          placeholder={t('全部类别', 'All kinds')}
          value={kind}
          onChange={(v?: TrainingKind) => setKind(v)}
          options={trainingKinds.map((k) => ({ value: k, label: trainingKindLabels[k].zh }))}
        />
        <ActionButton procedure="training.record" size="large" icon={<ReadOutlined />} onClick={onRecord}>
          {t('登记培训', 'Record training')}
        </ActionButton>
      </Space>
      <QueryView query={list}>
        {(rows) => {
          const shown = rows
            .filter((r) => kind === undefined || r.kind === kind)
            .sort((a, b) => b.on.localeCompare(a.on) || b.id - a.id);
          return (
            <Table
              rowKey="id"
              size="middle"
              data-testid="training-list"
              columns={columns}
              dataSource={shown}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              locale={{ emptyText: t('还没有培训记录', 'No training recorded') }}
            />
          );
        }}
      </QueryView>
    </>
  );
}
