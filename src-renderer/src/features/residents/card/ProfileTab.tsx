import { EditOutlined } from '@ant-design/icons';
import { App, Alert, Descriptions, Form, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { maritalStatusLabels, type ResidentDetail } from '../../../../../src-main/shared/contract/residents';
import { idTypeLabels } from '../../../../../src-main/shared/id-number';
import {
  dischargeReasonLabels,
  residentStatusLabels,
  supportTypeLabels,
} from '../../../../../src-main/shared/residents/lifecycle';
import { applyFieldErrors, useMutate } from '../../../api/hooks';
import { useSession } from '../../../app/session';
import { useI18n, useLabel } from '../../../i18n';
import { bedName, CareCategoryTag, IdNumberCell } from '../common';
import { residentQueries } from '../LifecycleDialogs';
import { detailToProfile, ProfileFields, profileToInput, type ProfileFormValues } from '../ProfileForm';
import { admissionForm } from '../../print/documents/admission-form';
import { bedCards } from '../../print/documents/bed-card';
import { PrintButton } from '../../print/PrintButton';
import { ActionButton } from '../../../app/permissions';

const orDash = (s: string | null | undefined) => (s && s.length > 0 ? s : '—');

export function ProfileTab({ resident: r }: { resident: ResidentDetail }) {
  const { t } = useI18n();
  const label = useLabel();
  const { can } = useSession();
  const [editing, setEditing] = useState(false);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      {r.reassessmentFlag && (
        <Alert
          type="warning"
          showIcon
          title={t(`需要重新评估：${r.reassessmentFlag}`, `Reassessment needed: ${r.reassessmentFlag}`)}
        />
      )}
      <Descriptions
        bordered
        size="middle"
        column={{ xs: 1, md: 2, xl: 3 }}
        extra={
          <Space wrap>
            {r.status !== 'purged' && (
              <PrintButton load={(ctx) => admissionForm(ctx, r.id)}>
                {t('打印入住登记表', 'Print registration form')}
              </PrintButton>
            )}
            {r.bed && (
              <PrintButton load={(ctx) => bedCards(ctx, [r.id])}>
                {t('打印床头卡', 'Print bed card')}
              </PrintButton>
            )}
            {can('residents.write') && r.status !== 'purged' && (
              <ActionButton
                procedure="residents.update"
                icon={<EditOutlined />}
                onClick={() => setEditing(true)}
              >
                {t('编辑资料', 'Edit')}
              </ActionButton>
            )}
          </Space>
        }
      >
        <Descriptions.Item label={label(idTypeLabels[r.idType])} span={2}>
          <IdNumberCell residentId={r.id} masked={r.idNumberMasked} />
        </Descriptions.Item>
        <Descriptions.Item label={t('出生日期', 'Born')}>{orDash(r.birthDate)}</Descriptions.Item>
        <Descriptions.Item label={t('状态', 'Status')}>
          {label(residentStatusLabels[r.status])}
        </Descriptions.Item>
        <Descriptions.Item label={t('床位', 'Bed')}>{orDash(bedName(r.bed))}</Descriptions.Item>
        <Descriptions.Item label={t('入住日期', 'Admitted')}>{orDash(r.admittedOn)}</Descriptions.Item>
        <Descriptions.Item label={t('护理类别', 'Care category')}>
          <CareCategoryTag category={r.careCategory} />
        </Descriptions.Item>
        <Descriptions.Item label={t('护理等级', 'Care grade')}>
          {orDash(r.careGrade)}
          {r.careGradeOverride && (
            <Typography.Text type="secondary">
              {t(`（人工调整：${r.careGradeOverride.reason}）`, ` (override: ${r.careGradeOverride.reason})`)}
            </Typography.Text>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('供养类型', 'Support')}>
          {label(supportTypeLabels[r.supportType])}
        </Descriptions.Item>
        <Descriptions.Item label={t('电话', 'Phone')}>{orDash(r.phone)}</Descriptions.Item>
        <Descriptions.Item label={t('籍贯', 'Native place')}>{orDash(r.nativePlace)}</Descriptions.Item>
        <Descriptions.Item label={t('民族', 'Ethnicity')}>{orDash(r.ethnicity)}</Descriptions.Item>
        <Descriptions.Item label={t('婚姻', 'Marital')}>
          {r.maritalStatus ? label(maritalStatusLabels[r.maritalStatus]) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('文化程度', 'Education')}>{orDash(r.education)}</Descriptions.Item>
        <Descriptions.Item label={t('原职业', 'Occupation')}>{orDash(r.formerOccupation)}</Descriptions.Item>
        <Descriptions.Item label={t('医保', 'Insurance')}>
          {[r.insuranceType, r.insuranceNumber].filter(Boolean).join(' ') || '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('疾病诊断', 'Diagnoses')} span={3}>
          <Tags items={r.diagnoses} empty="—" />
        </Descriptions.Item>
        <Descriptions.Item label={t('过敏', 'Allergies')} span={3}>
          <Tags items={r.allergies} color="red" empty={t('无', 'None')} />
        </Descriptions.Item>
        <Descriptions.Item label={t('饮食禁忌', 'Diet')} span={3}>
          <Tags items={r.dietRestrictions} color="orange" empty={t('无', 'None')} />
        </Descriptions.Item>
        <Descriptions.Item label={t('服务合同', 'Contract')} span={3}>
          {r.contract
            ? `${r.contract.number}（${r.contract.startOn} 至 ${r.contract.endOn ?? t('长期', 'open-ended')}）`
            : '—'}
        </Descriptions.Item>
        {r.dischargedOn && (
          <Descriptions.Item label={t('退住', 'Discharged')} span={3}>
            {r.dischargedOn} {r.dischargeReason ? label(dischargeReasonLabels[r.dischargeReason]) : ''}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('备注', 'Notes')} span={3}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
            {orDash(r.notes)}
          </Typography.Paragraph>
        </Descriptions.Item>
      </Descriptions>
      {editing && <EditProfileDialog resident={r} onClose={() => setEditing(false)} />}
    </Space>
  );
}

function Tags({ items, color, empty }: { items: string[]; color?: string; empty: string }) {
  if (!items.length) return empty;
  return items.map((d) => (
    <Tag color={color} key={d}>
      {d}
    </Tag>
  ));
}

export function EditProfileDialog({ resident, onClose }: { resident: ResidentDetail; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProfileFormValues>();
  const update = useMutate('residents.update', residentQueries);
  async function submit() {
    const values = await form.validateFields();
    const { idNumber, idType, ...rest } = profileToInput(values);
    try {
      // An empty number keeps the one on file: the full number is never sent to the screen.
      await update.mutateAsync({ id: resident.id, ...rest, ...(idNumber ? { idNumber, idType } : {}) });
      void message.success(t('资料已保存', 'Saved'));
      onClose();
    } catch (error) {
      if (!applyFieldErrors(form, error)) void message.error((error as Error).message, 6);
    }
  }
  return (
    <Modal
      open
      width={960}
      title={t(`编辑资料：${resident.name}`, `Edit: ${resident.name}`)}
      okText={t('保存', 'Save')}
      cancelText={t('取消', 'Cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={update.isPending}
    >
      <Form form={form} layout="vertical" initialValues={detailToProfile(resident)}>
        <ProfileFields form={form} idOptional />
      </Form>
    </Modal>
  );
}
