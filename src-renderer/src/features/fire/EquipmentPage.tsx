import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, DatePicker, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type dayjs from 'dayjs';
import { useRef, useState } from 'react';
import {
  equipmentKindLabels,
  equipmentKinds,
  type FireEquipment,
} from '../../../../src-main/shared/contract/fire';
import { applyFieldErrors, useMutate, useProcedure } from '../../api/hooks';
import { ActionButton } from '../../app/permissions';
import { useI18n, useLabel } from '../../i18n';
import { fromDateString, toDateString } from '../../lib/dates';
import { fileToBase64 } from '../../lib/files';
import { ExportExcelButton } from '../print/ExportExcelButton';
import { callOrThrow } from '../../api/client';
import { useFireRefresh, useRefreshFire } from './common';

const stateTag: Record<FireEquipment['state'], [string, string]> = {
  expired: ['red', '已过期'],
  expiringSoon: ['orange', '即将过期'],
  serviceDue: ['gold', '需维保'],
  ok: ['green', '正常'],
};

/** 消防安全 → 设施: the equipment register with expiry and service dates. */
export function EquipmentPage() {
  useFireRefresh();
  const { t } = useI18n();
  const label = useLabel();
  const list = useProcedure('fire.equipment.list', {});
  const [editing, setEditing] = useState<FireEquipment | 'new' | null>(null);
  const columns: ColumnsType<FireEquipment> = [
    { title: t('编号', 'Code'), dataIndex: 'code', width: 120 },
    {
      title: t('类型', 'Kind'),
      dataIndex: 'kind',
      width: 120,
      render: (k: FireEquipment['kind']) => label(equipmentKindLabels[k]),
    },
    { title: t('位置', 'Location'), dataIndex: 'location' },
    { title: t('规格', 'Spec'), dataIndex: 'spec', width: 120 },
    {
      title: t('有效期至', 'Expires'),
      dataIndex: 'expiresOn',
      width: 110,
      render: (d: string | null) => d ?? '—',
    },
    {
      title: t('下次维保', 'Next service'),
      dataIndex: 'nextServiceOn',
      width: 110,
      render: (d: string | null) => d ?? '—',
    },
    {
      title: t('上次检查', 'Last checked'),
      dataIndex: 'lastCheckedOn',
      width: 110,
      render: (d: string | null) => d ?? '—',
    },
    {
      title: t('状态', 'State'),
      dataIndex: 'state',
      width: 100,
      render: (s: FireEquipment['state']) => <Tag color={stateTag[s][0]}>{stateTag[s][1]}</Tag>,
    },
    {
      title: '',
      width: 90,
      render: (_, e) => (
        <ActionButton procedure="fire.equipment.save" size="small" onClick={() => setEditing(e)}>
          {t('修改', 'Edit')}
        </ActionButton>
      ),
    },
  ];
  return (
    <div>
      <Space style={{ marginBottom: 12 }}>
        <ActionButton
          procedure="fire.equipment.save"
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing('new')}
        >
          {t('登记设施', 'Add equipment')}
        </ActionButton>
        <ExportExcelButton
          procedure="fire.export"
          run={() => callOrThrow('fire.export', { ledger: 'equipment' })}
        >
          {t('导出 Excel', 'Export to Excel')}
        </ExportExcelButton>
        <ImportButton />
      </Space>
      <Table
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.isPending}
        pagination={{ pageSize: 30 }}
        locale={{ emptyText: t('还没有登记消防设施 — 点“登记设施”添加灭火器、消火栓等', 'No equipment yet') }}
      />
      {editing && (
        <EquipmentDialog item={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
    </div>
  );
}

function EquipmentDialog({ item, onClose }: { item: FireEquipment | null; onClose: () => void }) {
  const { t } = useI18n();
  const label = useLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const refresh = useRefreshFire();
  const save = useMutate('fire.equipment.save');
  async function submit() {
    const v = (await form.validateFields()) as Record<string, unknown>;
    const date = (k: string) => toDateString(v[k] as dayjs.Dayjs | undefined);
    try {
      await save.mutateAsync({
        ...(item ? { id: item.id } : {}),
        kind: v.kind as FireEquipment['kind'],
        code: String(v.code ?? ''),
        location: String(v.location ?? ''),
        spec: String(v.spec ?? ''),
        ...(date('installedOn') ? { installedOn: date('installedOn') } : {}),
        ...(date('expiresOn') ? { expiresOn: date('expiresOn') } : {}),
        ...(date('nextServiceOn') ? { nextServiceOn: date('nextServiceOn') } : {}),
      });
      refresh();
      void message.success(t('已保存', 'Saved'));
      onClose();
    } catch (error) {
      if (!applyFieldErrors(form, error)) void message.error((error as Error).message, 8);
    }
  }
  return (
    <Modal
      open
      title={item ? t('修改设施', 'Edit equipment') : t('登记设施', 'Add equipment')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          kind: item?.kind ?? 'extinguisher',
          code: item?.code,
          location: item?.location,
          spec: item?.spec,
          installedOn: fromDateString(item?.installedOn),
          expiresOn: fromDateString(item?.expiresOn),
          nextServiceOn: fromDateString(item?.nextServiceOn),
        }}
      >
        <Form.Item name="kind" label={t('类型', 'Kind')}>
          <Select options={equipmentKinds.map((k) => ({ value: k, label: label(equipmentKindLabels[k]) }))} />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('编号', 'Code')}
          rules={[{ required: true, message: '请填写设施编号' }]}
        >
          <Input placeholder="如 MHQ-1-01" />
        </Form.Item>
        <Form.Item
          name="location"
          label={t('位置', 'Location')}
          rules={[{ required: true, message: '请写明位置' }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="spec" label={t('规格型号', 'Spec')}>
          <Input placeholder="如 MFZ/ABC4" />
        </Form.Item>
        <Space>
          <Form.Item name="installedOn" label={t('安装日期', 'Installed')}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="expiresOn" label={t('有效期至', 'Expires')}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="nextServiceOn" label={t('下次维保', 'Next service')}>
            <DatePicker />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

/** 导入 Excel: the register filled in a spreadsheet (the export's layout); nothing is saved if a row is wrong. */
function ImportButton() {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const refresh = useRefreshFire();
  const importSheet = useMutate('fire.equipment.import');
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <ActionButton
        procedure="fire.equipment.import"
        icon={<UploadOutlined />}
        loading={importSheet.isPending}
        onClick={() => input.current?.click()}
      >
        {t('从 Excel 导入', 'Import from Excel')}
      </ActionButton>
      <input
        ref={input}
        type="file"
        accept=".xlsx"
        style={{ display: 'none' }}
        onChange={async (e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          try {
            const done = await importSheet.mutateAsync({ base64: await fileToBase64(file) });
            refresh();
            void message.success(
              t(
                `已导入：新增 ${done.created} 件，更新 ${done.updated} 件`,
                `Imported: ${done.created} added, ${done.updated} updated`,
              ),
            );
          } catch (error) {
            modal.error({ title: t('没有导入', 'Not imported'), content: (error as Error).message });
          }
        }}
      />
    </>
  );
}
