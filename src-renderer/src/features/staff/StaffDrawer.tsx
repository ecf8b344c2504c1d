import { App, Descriptions, Drawer, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import {
  certificateKindLabels,
  employmentLabels,
  staffRoleLabels,
  trainingKindLabels,
  type Certificate,
  type StaffMember,
} from '../../../../src-main/shared/contract/staff';
import { useMutate, useProcedure } from '../../api/hooks';
import { QueryView } from '../../app/feedback';
import { ActionButton } from '../../app/permissions';
import { useI18n } from '../../i18n';
import { refresh } from './StaffForms';

const statusTag: Record<Certificate['status'], [string, string]> = {
  valid: ['success', '有效'],
  expiring: ['warning', '即将到期'],
  expired: ['error', '已过期'],
  notYetValid: ['default', '尚未生效'],
};

/** One staff member: details, certificates on file (removable with a reason) and training attended. */
export function StaffDrawer({
  staffId,
  onClose,
  onEdit,
  onCertificate,
  onTraining,
}: {
  staffId: number | null;
  onClose: () => void;
  onEdit: (s: StaffMember) => void;
  onCertificate: (s: StaffMember) => void;
  onTraining: (s: StaffMember) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const detail = useProcedure('staff.get', { id: staffId ?? 0 }, { enabled: staffId !== null });
  const remove = useMutate('staff.removeCertificate', [...refresh, 'staff.certificates']);
  const [reason, setReason] = useState('');
  return (
    <Drawer open={staffId !== null} onClose={onClose} size="large" title={detail.data?.name ?? ''}>
      {staffId !== null && (
        <QueryView query={detail}>
          {(s) => (
            <Space orientation="vertical" size="large" style={{ width: '100%' }}>
              {s.onRoll && (
                <Space wrap>
                  <ActionButton procedure="staff.update" size="large" onClick={() => onEdit(s)}>
                    {t('修改资料', 'Edit')}
                  </ActionButton>
                  <ActionButton
                    procedure="staff.addCertificate"
                    size="large"
                    onClick={() => onCertificate(s)}
                  >
                    {t('登记证书', 'Add certificate')}
                  </ActionButton>
                  <ActionButton procedure="training.record" size="large" onClick={() => onTraining(s)}>
                    {t('登记培训', 'Record training')}
                  </ActionButton>
                </Space>
              )}
              <Descriptions bordered size="middle" column={2}>
                <Descriptions.Item label={t('岗位', 'Roles')} span={2}>
                  {s.roles.map((r) => (
                    <Tag key={r}>{staffRoleLabels[r].zh}</Tag>
                  ))}
                </Descriptions.Item>
                <Descriptions.Item label={t('用工', 'Employment')}>
                  {employmentLabels[s.employment].zh}（{s.fte}）
                </Descriptions.Item>
                <Descriptions.Item label={t('入职', 'Hired')}>{s.hiredOn}</Descriptions.Item>
                <Descriptions.Item label={t('电话', 'Phone')}>{s.phone || '—'}</Descriptions.Item>
                <Descriptions.Item label={t('身份证号', 'ID number')}>{s.idNumber ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('区域', 'Areas')}>{s.areas.join('、') || '—'}</Descriptions.Item>
                <Descriptions.Item label={t('状态', 'Status')}>
                  {s.onRoll ? t('在职', 'On the roll') : t(`${s.endedOn} 离职：${s.endReason ?? ''}`, 'Left')}
                </Descriptions.Item>
              </Descriptions>
              <div>
                <Typography.Title level={5}>{t('证书', 'Certificates')}</Typography.Title>
                <Table
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={s.certificates}
                  locale={{ emptyText: t('没有登记证书', 'None on file') }}
                  columns={[
                    {
                      title: t('类别', 'Kind'),
                      dataIndex: 'kind',
                      render: (k: Certificate['kind']) => certificateKindLabels[k].zh,
                    },
                    { title: t('编号', 'Number'), dataIndex: 'number' },
                    { title: t('等级', 'Level'), dataIndex: 'level', render: (l: number | null) => l ?? '—' },
                    {
                      title: t('有效期至', 'Expires'),
                      dataIndex: 'expiresOn',
                      render: (d: string | null) => d ?? t('长期', 'none'),
                    },
                    {
                      title: t('状态', 'Status'),
                      dataIndex: 'status',
                      render: (st: Certificate['status']) => (
                        <Tag color={statusTag[st][0]}>{statusTag[st][1]}</Tag>
                      ),
                    },
                    {
                      title: '',
                      key: 'remove',
                      render: (_: unknown, c: Certificate) => (
                        <Popconfirm
                          title={t('删除这张证书？', 'Remove this certificate?')}
                          description={
                            <Input
                              placeholder={t('删除原因（如：录入错误）', 'Reason')}
                              value={reason}
                              onChange={(e) => setReason(e.target.value)}
                            />
                          }
                          okButtonProps={{ disabled: reason.trim() === '' }}
                          onConfirm={() =>
                            remove
                              .mutateAsync({ id: c.id, reason })
                              .then(() => setReason(''))
                              .catch((e: Error) => void message.error(e.message, 8))
                          }
                        >
                          <ActionButton procedure="staff.removeCertificate" type="link" danger>
                            {t('删除', 'Remove')}
                          </ActionButton>
                        </Popconfirm>
                      ),
                    },
                  ]}
                />
              </div>
              <div>
                <Typography.Title level={5}>{t('培训记录', 'Training')}</Typography.Title>
                <Table
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={[...s.trainings].sort((a, b) => b.on.localeCompare(a.on))}
                  locale={{ emptyText: t('没有培训记录', 'None recorded') }}
                  columns={[
                    { title: t('日期', 'Date'), dataIndex: 'on' },
                    {
                      title: t('类别', 'Kind'),
                      dataIndex: 'kind',
                      render: (k: keyof typeof trainingKindLabels) => trainingKindLabels[k].zh,
                    },
                    { title: t('内容', 'Topic'), dataIndex: 'topic' },
                    { title: t('学时', 'Hours'), dataIndex: 'hours' },
                  ]}
                />
              </div>
            </Space>
          )}
        </QueryView>
      )}
    </Drawer>
  );
}
