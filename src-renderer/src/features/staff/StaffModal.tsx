import { App, DatePicker, Form, Input, InputNumber, Modal, Select, Skeleton } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import {
  employmentLabels,
  staffRoleLabels,
  staffRoles,
  type StaffMember,
} from '../../../../src-main/shared/contract/staff';
import { applyFieldErrors, useMutate, useProcedure } from '../../api/hooks';
import { useCan } from '../../app/permissions';
import { useI18n } from '../../i18n';
import { fromDateString, serverDay } from '../../lib/dates';
import { day, refresh } from './StaffForms';

interface Values {
  name: string;
  roles: StaffMember['roles'];
  employment: StaffMember['employment'];
  fte?: number | null;
  hiredOn: Dayjs;
  phone?: string;
  idNumber?: string;
  areas?: string[];
  userId?: number | null;
}

/**
 * 新增员工 / 修改员工资料. Editing loads the record through `staff.get`, since lists show the ID
 * number masked and saving the mask back would overwrite the real one.
 */
export function StaffModal({
  open,
  staff,
  onClose,
}: {
  open: boolean;
  /** The person being edited; null to add a new one. */
  staff: StaffMember | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const [form] = Form.useForm<Values>();
  const create = useMutate('staff.create', [...refresh]);
  const update = useMutate('staff.update', [...refresh]);
  const detail = useProcedure('staff.get', { id: staff?.id ?? 0 }, { enabled: open && staff !== null });
  // Linking an account needs the list of accounts, which only those who may see it get.
  const users = useProcedure('users.names', {}, { enabled: open && can('users.names') });
  const editing = staff !== null;
  const loaded = !editing || detail.data !== undefined;

  useEffect(() => {
    if (!open) return;
    const d = detail.data;
    if (editing && d) {
      form.setFieldsValue({
        name: d.name,
        roles: d.roles,
        employment: d.employment,
        fte: d.fte,
        hiredOn: fromDateString(d.hiredOn)!,
        phone: d.phone,
        idNumber: d.idNumber ?? '',
        areas: d.areas,
        userId: d.userId,
      });
    } else if (!editing) {
      form.resetFields();
      form.setFieldsValue({ employment: 'fullTime', roles: ['caregiver'], hiredOn: serverDay() });
    }
  }, [open, editing, detail.data, form]);

  const save = async (v: Values) => {
    const common = {
      name: v.name,
      roles: v.roles,
      employment: v.employment,
      hiredOn: day(v.hiredOn)!,
      ...(v.fte ? { fte: v.fte } : {}),
      ...(v.areas ? { areas: v.areas } : {}),
    };
    if (editing) {
      await update.mutateAsync({
        id: staff.id,
        ...common,
        // Cleared fields are sent empty so the change is saved, not skipped.
        phone: v.phone ?? '',
        idNumber: v.idNumber ?? '',
        areas: v.areas ?? [],
        ...(can('users.names') ? { userId: v.userId ?? null } : {}),
      });
      void message.success(t(`已保存 ${v.name} 的资料`, 'Saved'));
    } else {
      await create.mutateAsync({
        ...common,
        ...(v.phone ? { phone: v.phone } : {}),
        ...(v.idNumber ? { idNumber: v.idNumber } : {}),
        ...(v.userId ? { userId: v.userId } : {}),
      });
    }
  };

  return (
    <Modal
      open={open}
      width={760}
      forceRender
      title={
        editing ? t(`修改员工资料：${staff.name}`, 'Edit staff member') : t('新增员工', 'Add staff member')
      }
      okText={t('保存', 'Save')}
      okButtonProps={{ size: 'large', disabled: !loaded, 'data-testid': 'staff-save' } as never}
      cancelButtonProps={{ size: 'large' }}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      onOk={() =>
        void form.validateFields().then(async (v) => {
          try {
            await save(v);
            onClose();
          } catch (error) {
            if (!applyFieldErrors(form, error)) void message.error((error as Error).message, 8);
          }
        })
      }
    >
      {!loaded && <Skeleton active />}
      {/* Two columns, so the whole form fits a 1366×768 screen without scrolling. */}
      <Form
        form={form}
        layout="vertical"
        style={
          loaded ? { display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 } : { display: 'none' }
        }
      >
        <Form.Item name="name" label={t('姓名', 'Name')} rules={[{ required: true, message: '请填写姓名' }]}>
          <Input size="large" data-testid="staff-name" />
        </Form.Item>
        <Form.Item
          name="roles"
          label={t('岗位', 'Roles')}
          rules={[{ required: true, message: '请至少选择一个岗位' }]}
        >
          <Select
            mode="multiple"
            size="large"
            options={staffRoles.map((r) => ({ value: r, label: staffRoleLabels[r].zh }))}
          />
        </Form.Item>
        <Form.Item name="employment" label={t('用工', 'Employment')}>
          <Select
            size="large"
            options={(['fullTime', 'partTime'] as const).map((e) => ({
              value: e,
              label: employmentLabels[e].zh,
            }))}
          />
        </Form.Item>
        <Form.Item name="fte" label={t('折算全职人数（全职为 1，兼职如 0.5）', 'FTE (1 full time)')}>
          <InputNumber
            size="large"
            min={0.1}
            max={1}
            step={0.1}
            style={{ width: '100%' }}
            data-testid="staff-fte"
          />
        </Form.Item>
        <Form.Item
          name="hiredOn"
          label={t('入职日期', 'Hired on')}
          rules={[{ required: true, message: '请选择入职日期' }]}
        >
          <DatePicker size="large" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="phone" label={t('电话', 'Phone')}>
          <Input size="large" data-testid="staff-phone" />
        </Form.Item>
        <Form.Item name="idNumber" label={t('身份证号', 'ID number')}>
          <Input size="large" />
        </Form.Item>
        <Form.Item name="areas" label={t('负责区域（楼层、片区）', 'Areas')}>
          <Select mode="tags" size="large" />
        </Form.Item>
        {can('users.names') && (
          <Form.Item name="userId" label={t('登录账号（可不填）', 'User account (optional)')}>
            <Select
              size="large"
              allowClear
              showSearch
              optionFilterProp="label"
              options={(users.data ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.username}）` }))}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
