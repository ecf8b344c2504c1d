import { PlusOutlined } from '@ant-design/icons';
import { App, Card, Form, Modal, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { ResidentListRow } from '../../../../src-main/shared/contract/residents';
import { supportTypeLabels } from '../../../../src-main/shared/residents/lifecycle';
import { applyFieldErrors, useMutate, useProcedure } from '../../api/hooks';
import { QueryView } from '../../app/feedback';
import { useI18n, useLabel } from '../../i18n';
import { bedName, CareCategoryTag, ResidentStatusTag, useResidentDrawer } from './common';
import { residentQueries } from './LifecycleDialogs';
import { ProfileFields, profileToInput, type ProfileFormValues } from './ProfileForm';
import { ResidentDrawerHost } from './card/ResidentCard';
import { callOrThrow } from '../../api/client';
import { ExportExcelButton } from '../print/ExportExcelButton';
import { ActionButton } from '../../app/permissions';

/** 轮候: applicants in priority order (特困 and 失能 first by default, then by application date). */
export function WaitingListPage() {
  const { t } = useI18n();
  const label = useLabel();
  const navigate = useNavigate();
  const drawer = useResidentDrawer();
  const list = useProcedure('residents.waitingList', {});
  const [adding, setAdding] = useState(false);
  return (
    <Card
      title={t('轮候名单', 'Waiting list')}
      extra={
        <Space wrap>
          <ExportExcelButton
            procedure="residents.exportWaitingList"
            run={() => callOrThrow('residents.exportWaitingList', {})}
          />
          <ActionButton
            procedure="residents.create"
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setAdding(true)}
          >
            {t('登记轮候', 'Add applicant')}
          </ActionButton>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        {t(
          '按优先顺序排列：特困供养和失能老人优先，其余按申请日期。顺序规则可在设置中调整。',
          'In priority order.',
        )}
      </Typography.Paragraph>
      <QueryView query={list}>
        {(rows) => (
          <Table<ResidentListRow>
            rowKey="id"
            dataSource={rows}
            pagination={false}
            onRow={(r) => ({ onClick: () => drawer.open(r.id), style: { cursor: 'pointer' } })}
            locale={{
              emptyText: t('目前没有人轮候 — 有老人咨询入住时，点「登记轮候」', 'Nobody is waiting'),
            }}
            columns={[
              { title: t('顺位', 'Rank'), width: 70, render: (_v, _r, i) => i + 1 },
              {
                title: t('姓名', 'Name'),
                dataIndex: 'name',
                render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
              },
              { title: t('供养类型', 'Support'), render: (_v, r) => label(supportTypeLabels[r.supportType]) },
              {
                title: t('护理类别', 'Category'),
                render: (_v, r) => <CareCategoryTag category={r.careCategory} />,
              },
              { title: t('申请日期', 'Applied'), dataIndex: 'appliedOn' },
              {
                title: t('状态', 'Status'),
                render: (_v, r) => (
                  <Space>
                    <ResidentStatusTag status={r.status} />
                    {r.bed && bedName(r.bed)}
                  </Space>
                ),
              },
              {
                title: t('操作', 'Actions'),
                render: (_v, r) => (
                  <ActionButton
                    procedure="residents.admit"
                    type="primary"
                    onClick={(e) => {
                      e.stopPropagation();
                      navigate(`/residents/admission?admit=${r.id}`);
                    }}
                  >
                    {t('办理入住', 'Admit')}
                  </ActionButton>
                ),
              },
            ]}
          />
        )}
      </QueryView>
      {adding && <AddApplicantDialog onClose={() => setAdding(false)} />}
      <ResidentDrawerHost />
    </Card>
  );
}

function AddApplicantDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProfileFormValues>();
  const create = useMutate('residents.create', residentQueries);
  async function submit() {
    const values = await form.validateFields();
    try {
      const r = await create.mutateAsync(profileToInput(values));
      void message.success(t(`${r.name} 已登记轮候`, `${r.name} added to the waiting list`));
      onClose();
    } catch (error) {
      if (!applyFieldErrors(form, error)) void message.error((error as Error).message, 6);
    }
  }
  return (
    <Modal
      open
      width={960}
      title={t('登记轮候', 'Add applicant')}
      okText={t('登记', 'Add')}
      cancelText={t('取消', 'Cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          idType: 'resident',
          supportType: 'social',
          contacts: [{ isGuardian: true, isEmergency: true }],
        }}
      >
        <ProfileFields form={form} />
      </Form>
    </Modal>
  );
}
