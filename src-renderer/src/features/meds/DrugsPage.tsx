import {
  App,
  Button,
  Checkbox,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { drugControlLabels, drugControls, type Drug } from '../../../../src-main/shared/contract/meds';
import { applyFieldErrors, useMutate, useProcedure } from '../../api/hooks';
import { ActionButton } from '../../app/permissions';

/** 药品目录: searchable by 拼音首字母; high-alert and controlled drugs flagged. */
export function DrugsPage() {
  const [q, setQ] = useState('');
  const drugs = useProcedure('meds.drugs.list', { q: q || undefined, includeInactive: true });
  const [editing, setEditing] = useState<Drug | 'new' | null>(null);
  return (
    <div className="meds-page">
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          药品目录
        </Typography.Title>
        <Input.Search
          size="large"
          allowClear
          placeholder="药名或拼音首字母，例如 hfl"
          onSearch={setQ}
          style={{ width: 300 }}
        />
        <ActionButton
          procedure="meds.drugs.save"
          type="primary"
          size="large"
          onClick={() => setEditing('new')}
        >
          添加药品
        </ActionButton>
      </Space>
      <Table
        rowKey="id"
        loading={drugs.isPending}
        dataSource={drugs.data ?? []}
        locale={{ emptyText: '目录里还没有药品 — 点“添加药品”' }}
        columns={[
          { title: '药名', dataIndex: 'name' },
          { title: '通用名', dataIndex: 'genericName' },
          { title: '规格', dataIndex: 'spec' },
          { title: '剂型', dataIndex: 'form' },
          { title: '单位', dataIndex: 'unit' },
          {
            title: '类别',
            render: (_: unknown, d: Drug) => (
              <Space>
                {d.highAlert && <Tag color="red">高警示</Tag>}
                {d.controlled !== 'none' && <Tag color="magenta">{drugControlLabels[d.controlled]}</Tag>}
                {!d.active && <Tag>停用</Tag>}
              </Space>
            ),
          },
          {
            title: '',
            width: 90,
            render: (_: unknown, d: Drug) => (
              <ActionButton procedure="meds.drugs.save" onClick={() => setEditing(d)}>
                修改
              </ActionButton>
            ),
          },
        ]}
      />
      {editing && (
        <DrugDialog drug={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />
      )}
    </div>
  );
}

function DrugDialog({ drug, onClose }: { drug: Drug | undefined; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const save = useMutate('meds.drugs.save', ['meds.drugs.list']);
  return (
    <Modal
      open
      title={drug ? `修改：${drug.name}` : '添加药品'}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          drug ?? { highAlert: false, controlled: 'none', unit: '片', form: '片剂', active: true }
        }
        onFinish={async (v) => {
          try {
            await save.mutateAsync({ ...(v as Omit<Drug, 'id'>), ...(drug ? { id: drug.id } : {}) });
            void message.success('已保存');
            onClose();
          } catch (error) {
            if (!applyFieldErrors(form, error)) void message.error((error as Error).message, 8);
          }
        }}
      >
        <Form.Item name="name" label="药名" rules={[{ required: true }]}>
          <Input size="large" />
        </Form.Item>
        <Form.Item name="genericName" label="通用名">
          <Input size="large" />
        </Form.Item>
        <Space>
          <Form.Item name="spec" label="规格" rules={[{ required: true }]}>
            <Input size="large" placeholder="2.5mg×60片" />
          </Form.Item>
          <Form.Item name="form" label="剂型" rules={[{ required: true }]}>
            <Input size="large" />
          </Form.Item>
          <Form.Item name="unit" label="给药单位" rules={[{ required: true }]}>
            <Select
              size="large"
              style={{ width: 90 }}
              options={['片', '粒', 'ml', '支', '贴', '滴', '袋', '单位', '揿'].map((u) => ({
                value: u,
                label: u,
              }))}
            />
          </Form.Item>
        </Space>
        <Space size="large">
          <Form.Item name="highAlert" valuePropName="checked">
            <Checkbox>高警示药品（给药需双人核对）</Checkbox>
          </Form.Item>
          <Form.Item name="controlled" label="管制类别">
            <Select
              style={{ width: 130 }}
              options={drugControls.map((c) => ({ value: c, label: drugControlLabels[c] }))}
            />
          </Form.Item>
          {drug && (
            <Form.Item name="active" label="在用" valuePropName="checked">
              <Switch />
            </Form.Item>
          )}
        </Space>
        <Button type="primary" size="large" htmlType="submit" block loading={save.isPending}>
          保存
        </Button>
      </Form>
    </Modal>
  );
}
