import { PlusOutlined, ReadOutlined } from '@ant-design/icons';
import { Button, Card, Input, Radio, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import {
  employmentLabels,
  staffRoleLabels,
  type StaffMember,
} from '../../../../src-main/shared/contract/staff';
import { callOrThrow } from '../../api/client';
import { useProcedure } from '../../api/hooks';
import { QueryView } from '../../app/feedback';
import { ActionButton, useCan } from '../../app/permissions';
import { useI18n } from '../../i18n';
import { ExportExcelButton } from '../print/ExportExcelButton';
import { PrintButton } from '../print/PrintButton';
import { certificateReport } from './print-documents';
import { RosterImportButton } from './RosterImport';
import { StaffDrawer } from './StaffDrawer';
import { CertificateModal, EndModal, TrainingModal } from './StaffForms';
import { StaffModal } from './StaffModal';
import { TrainingList } from './TrainingList';

/** 人员 → 员工: the roster with certificates and training at a glance. */
export function RosterPage() {
  const { t } = useI18n();
  const [scope, setScope] = useState<'onRoll' | 'all'>('onRoll');
  const [search, setSearch] = useState('');
  const list = useProcedure('staff.list', {});
  const can = useCan();
  const [params, setParams] = useSearchParams();
  // Alerts link here with ?staff=ID: open that person.
  const shownId = Number(params.get('staff')) || null;
  const show = (id: number | null) =>
    setParams((p) => {
      if (id === null) p.delete('staff');
      else p.set('staff', String(id));
      return p;
    });
  const [tab, setTab] = useState('roster');
  const [selected, setSelected] = useState<number[]>([]);
  const [form, setForm] = useState<{ staff: StaffMember | null } | null>(null);
  const [certFor, setCertFor] = useState<StaffMember | null>(null);
  const [ending, setEnding] = useState<StaffMember | null>(null);
  const [training, setTraining] = useState<number[] | null>(null);

  const columns: ColumnsType<StaffMember> = [
    {
      title: t('姓名', 'Name'),
      dataIndex: 'name',
      sorter: (a, b) => a.name.localeCompare(b.name, 'zh'),
      render: (name: string, s) => (
        <Button type="link" size="large" style={{ padding: 0 }} onClick={() => show(s.id)}>
          {name}
        </Button>
      ),
    },
    {
      title: t('岗位', 'Roles'),
      dataIndex: 'roles',
      render: (roles: StaffMember['roles']) => roles.map((r) => <Tag key={r}>{staffRoleLabels[r].zh}</Tag>),
    },
    {
      title: t('用工', 'Employment'),
      key: 'employment',
      render: (_: unknown, s) => `${employmentLabels[s.employment].zh}${s.fte < 1 ? `（${s.fte}）` : ''}`,
    },
    { title: t('入职', 'Hired'), dataIndex: 'hiredOn', sorter: (a, b) => a.hiredOn.localeCompare(b.hiredOn) },
    {
      title: t('护理员证', 'Certificate'),
      key: 'certified',
      render: (_: unknown, s) =>
        !s.roles.includes('caregiver') ? (
          '—'
        ) : s.certified ? (
          <Tag color="success">{t('有效', 'Valid')}</Tag>
        ) : (
          <Tag color="error">{t('无有效证书', 'None valid')}</Tag>
        ),
    },
    {
      title: t('岗前培训', 'Pre-job training'),
      key: 'trained',
      render: (_: unknown, s) =>
        s.preJobTrained ? (
          <Tag color="success">{t('已培训', 'Done')}</Tag>
        ) : (
          <Tag color="error">{t('未培训', 'Missing')}</Tag>
        ),
    },
    {
      title: t('状态', 'Status'),
      key: 'status',
      render: (_: unknown, s) =>
        s.onRoll ? (
          <Tag color="blue">{t('在职', 'On the roll')}</Tag>
        ) : (
          <Tag>{t(`${s.endedOn ?? ''} 离职`, 'Left')}</Tag>
        ),
    },
    {
      title: t('操作', 'Actions'),
      key: 'actions',
      render: (_: unknown, s) =>
        s.onRoll && (
          <Space wrap>
            <ActionButton procedure="staff.update" onClick={() => setForm({ staff: s })}>
              {t('修改', 'Edit')}
            </ActionButton>
            <ActionButton procedure="staff.addCertificate" onClick={() => setCertFor(s)}>
              {t('登记证书', 'Certificate')}
            </ActionButton>
            <ActionButton procedure="training.record" onClick={() => setTraining([s.id])}>
              {t('登记培训', 'Training')}
            </ActionButton>
            <ActionButton procedure="staff.end" danger onClick={() => setEnding(s)}>
              {t('离职', 'End')}
            </ActionButton>
          </Space>
        ),
    },
  ];

  return (
    <Card
      title={t('员工名册', 'Staff roster')}
      extra={
        <Space>
          <ActionButton
            procedure="training.record"
            size="large"
            icon={<ReadOutlined />}
            onClick={() => setTraining(selected)}
            data-testid="training-for-selected"
          >
            {selected.length > 0
              ? t(`为所选 ${selected.length} 人登记培训`, `Record training for ${selected.length}`)
              : t('登记培训', 'Record training')}
          </ActionButton>
          <PrintButton size="large" load={certificateReport}>
            {t('打印持证情况表', 'Print certificates')}
          </PrintButton>
          <ExportExcelButton
            size="large"
            procedure="staff.export"
            run={() => callOrThrow('staff.export', {})}
          />
          <RosterImportButton />
          <ActionButton
            procedure="staff.create"
            size="large"
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setForm({ staff: null })}
          >
            {t('新增员工', 'Add staff')}
          </ActionButton>
        </Space>
      }
    >
      <QueryView query={list}>
        {(rows) => {
          const shown = rows.filter(
            (r) => (scope === 'all' || r.onRoll) && (search === '' || r.name.includes(search)),
          );
          const roster = (
            <>
              <Space style={{ marginBottom: 16 }}>
                <Input.Search
                  size="large"
                  allowClear
                  placeholder={t('按姓名查找', 'Search by name')}
                  onChange={(e) => setSearch(e.target.value.trim())}
                  style={{ width: 260 }}
                />
                <Radio.Group
                  value={scope}
                  onChange={(e) => setScope(e.target.value as 'onRoll' | 'all')}
                  optionType="button"
                  size="large"
                >
                  <Radio value="onRoll">{t('在职', 'On the roll')}</Radio>
                  <Radio value="all">{t('全部（含离职）', 'All')}</Radio>
                </Radio.Group>
              </Space>
              <Table
                rowKey="id"
                size="middle"
                columns={columns}
                dataSource={shown}
                // Ticking several people records one training session for all of them.
                rowSelection={
                  can('training.record')
                    ? {
                        selectedRowKeys: selected,
                        onChange: (keys) => setSelected(keys as number[]),
                        getCheckboxProps: (r) => ({ disabled: !r.onRoll }),
                      }
                    : undefined
                }
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                locale={{ emptyText: t('还没有员工，点“新增员工”开始登记', 'No staff yet') }}
              />
              <Typography.Text type="secondary">
                {t(`共 ${shown.length} 人`, `${shown.length} people`)}
              </Typography.Text>
            </>
          );
          return (
            <>
              <Tabs
                activeKey={tab}
                onChange={setTab}
                size="large"
                items={[
                  { key: 'roster', label: t('员工名册', 'Roster'), children: roster },
                  {
                    key: 'training',
                    label: t('培训记录', 'Training records'),
                    children: <TrainingList staff={rows} onRecord={() => setTraining([])} />,
                  },
                ]}
              />
              <StaffModal open={form !== null} staff={form?.staff ?? null} onClose={() => setForm(null)} />
              <CertificateModal staff={certFor} onClose={() => setCertFor(null)} />
              <EndModal staff={ending} onClose={() => setEnding(null)} />
              <TrainingModal
                open={training !== null}
                staff={rows}
                preselected={training ?? []}
                onClose={(done) => {
                  if (done) setSelected([]);
                  setTraining(null);
                }}
              />
              <StaffDrawer
                staffId={shownId}
                onClose={() => show(null)}
                onEdit={(s) => setForm({ staff: s })}
                onCertificate={setCertFor}
                onTraining={(s) => setTraining([s.id])}
              />
            </>
          );
        }}
      </QueryView>
    </Card>
  );
}
