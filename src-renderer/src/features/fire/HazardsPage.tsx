import { CameraOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  DatePicker,
  Form,
  Input,
  Modal,
  Radio,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import {
  hazardLevelLabels,
  hazardStatusLabels,
  type FireHazard,
  type HazardStatus,
} from '../../../../src-main/shared/contract/fire';
import { applyFieldErrors, useMutate, useProcedure } from '../../api/hooks';
import { ActionButton } from '../../app/permissions';
import { useI18n, useLabel } from '../../i18n';
import { toDateString } from '../../lib/dates';
import { PrintButton } from '../print/PrintButton';
import { ExportExcelButton } from '../print/ExportExcelButton';
import { callOrThrow } from '../../api/client';
import { photoDataUrl, useFireRefresh, useRefreshFire } from './common';
import { hazardLedger } from './documents';

type Step = 'create' | 'assign' | 'rectify' | 'verify';
const statusColor: Record<HazardStatus, string> = {
  reported: 'red',
  assigned: 'orange',
  rectified: 'blue',
  closed: 'green',
};

/** 消防安全 → 隐患: every hazard from report to sign-off (隐患整改台账). */
export function HazardsPage() {
  useFireRefresh();
  const { t } = useI18n();
  const label = useLabel();
  const [filter, setFilter] = useState<'open' | 'overdue' | 'closed' | 'all'>('open');
  const list = useProcedure('fire.hazards.list', filter === 'all' ? {} : { status: filter });
  const [dialog, setDialog] = useState<{ step: Step; hazard?: FireHazard } | null>(null);

  const columns: ColumnsType<FireHazard> = [
    { title: t('编号', 'No.'), dataIndex: 'id', width: 64 },
    { title: t('发现日期', 'Found'), dataIndex: 'foundOn', width: 110 },
    {
      title: t('隐患', 'Hazard'),
      render: (_, h) => (
        <Space orientation="vertical" size={0}>
          <span>{h.title}</span>
          <Typography.Text type="secondary">{h.location}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('等级', 'Level'),
      dataIndex: 'level',
      width: 100,
      render: (l: FireHazard['level']) => (
        <Tag color={l === 'major' ? 'red' : 'default'}>{label(hazardLevelLabels[l])}</Tag>
      ),
    },
    {
      title: t('负责人 / 期限', 'Owner / deadline'),
      width: 160,
      render: (_, h) =>
        h.owner ? (
          <span>
            {h.owner.name} / {h.deadline} {h.overdue && <Tag color="red">{t('逾期', 'Overdue')}</Tag>}
          </span>
        ) : (
          '—'
        ),
    },
    {
      title: t('状态', 'Status'),
      dataIndex: 'status',
      width: 100,
      render: (s: HazardStatus) => <Tag color={statusColor[s]}>{label(hazardStatusLabels[s])}</Tag>,
    },
    {
      title: t('操作', 'Actions'),
      width: 200,
      render: (_, h) => (
        <Space>
          {(h.status === 'reported' || h.status === 'assigned') && (
            <ActionButton
              procedure="fire.hazards.assign"
              onClick={() => setDialog({ step: 'assign', hazard: h })}
            >
              {h.status === 'reported' ? t('指派', 'Assign') : t('改派', 'Reassign')}
            </ActionButton>
          )}
          {h.status === 'assigned' && (
            <ActionButton
              procedure="fire.hazards.rectify"
              type="primary"
              onClick={() => setDialog({ step: 'rectify', hazard: h })}
            >
              {t('整改', 'Rectify')}
            </ActionButton>
          )}
          {h.status === 'rectified' && (
            <ActionButton
              procedure="fire.hazards.verify"
              type="primary"
              onClick={() => setDialog({ step: 'verify', hazard: h })}
            >
              {t('验收', 'Verify')}
            </ActionButton>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div>
      <Space style={{ marginBottom: 12, flexWrap: 'wrap' }}>
        <Segmented
          value={filter}
          onChange={(v) => setFilter(v as typeof filter)}
          options={[
            { value: 'open', label: t('未销案', 'Open') },
            { value: 'overdue', label: t('逾期', 'Overdue') },
            { value: 'closed', label: t('已销案', 'Closed') },
            { value: 'all', label: t('全部', 'All') },
          ]}
        />
        <ActionButton
          procedure="fire.hazards.create"
          icon={<PlusOutlined />}
          type="primary"
          onClick={() => setDialog({ step: 'create' })}
        >
          {t('报告隐患', 'Report a hazard')}
        </ActionButton>
        <PrintButton load={() => hazardLedger()}>{t('打印隐患整改台账', 'Print hazard ledger')}</PrintButton>
        <ExportExcelButton
          procedure="fire.export"
          run={() => callOrThrow('fire.export', { ledger: 'hazards' })}
        >
          {t('导出 Excel', 'Export to Excel')}
        </ExportExcelButton>
      </Space>
      <Table
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.isPending}
        expandable={{ expandedRowRender: (h) => <HazardDetail hazard={h} /> }}
        locale={{ emptyText: t('没有隐患记录。巡查时发现问题会自动登记在这里。', 'No hazards.') }}
        pagination={{ pageSize: 20 }}
      />
      {dialog && <StepDialog step={dialog.step} hazard={dialog.hazard} onClose={() => setDialog(null)} />}
    </div>
  );
}

function HazardDetail({ hazard: h }: { hazard: FireHazard }) {
  return (
    <Space orientation="vertical">
      {h.description && <span>情况：{h.description}</span>}
      {h.interimMeasures && <span>临时措施：{h.interimMeasures}</span>}
      {h.rectifiedOn && (
        <span>
          整改：{h.measures}（{h.rectifiedBy?.name} {h.rectifiedOn}）
        </span>
      )}
      {h.rejections.map((r, i) => (
        <Typography.Text key={i} type="warning">
          {r.on} 验收不通过（{r.by}）：{r.note}
        </Typography.Text>
      ))}
      {h.verifiedOn && (
        <span>
          验收：{h.verifiedBy?.name} {h.verifiedOn} {h.verifyNote}
        </span>
      )}
      <Space>
        {h.photo && <img src={h.photo} alt="发现时" style={{ height: 96 }} />}
        {h.rectifyPhoto && <img src={h.rectifyPhoto} alt="整改后" style={{ height: 96 }} />}
      </Space>
    </Space>
  );
}

const titles: Record<Step, [string, string]> = {
  create: ['报告火灾隐患', 'Report a hazard'],
  assign: ['指派整改', 'Assign'],
  rectify: ['登记整改', 'Rectify'],
  verify: ['验收整改', 'Verify'],
};

function StepDialog({
  step,
  hazard,
  onClose,
}: {
  step: Step;
  hazard: FireHazard | undefined;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [photo, setPhoto] = useState<string | null>(null);
  const people = useProcedure('fire.people', {}, { enabled: step === 'assign' });
  const refresh = useRefreshFire();
  const create = useMutate('fire.hazards.create');
  const assign = useMutate('fire.hazards.assign');
  const rectify = useMutate('fire.hazards.rectify');
  const verify = useMutate('fire.hazards.verify');
  // The server's today, not this PC's: dates after it are refused (and a test clock may differ).
  const overview = useProcedure('fire.overview', {});
  const busy = create.isPending || assign.isPending || rectify.isPending || verify.isPending;

  async function save() {
    const v = (await form.validateFields()) as Record<string, unknown>;
    const date = (k: string) => toDateString(v[k] as dayjs.Dayjs) ?? '';
    try {
      if (step === 'create') {
        await create.mutateAsync({
          title: String(v.title ?? ''),
          location: String(v.location ?? ''),
          level: v.level as 'general' | 'major',
          foundOn: date('foundOn'),
          description: String(v.description ?? ''),
          ...(photo ? { photo } : {}),
        });
      } else if (step === 'assign') {
        await assign.mutateAsync({
          id: hazard!.id,
          ownerId: Number(v.ownerId),
          deadline: date('deadline'),
          interimMeasures: String(v.interimMeasures ?? ''),
        });
      } else if (step === 'rectify') {
        await rectify.mutateAsync({
          id: hazard!.id,
          on: date('on'),
          measures: String(v.measures ?? ''),
          ...(photo ? { photo } : {}),
        });
      } else {
        await verify.mutateAsync({
          id: hazard!.id,
          on: date('on'),
          accepted: v.accepted === true,
          note: String(v.note ?? ''),
        });
      }
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
      title={t(...titles[step])}
      onCancel={onClose}
      onOk={() => void save()}
      confirmLoading={busy}
      okText={t('保存', 'Save')}
      destroyOnHidden
    >
      {hazard && (
        <Typography.Paragraph>
          <b>#{hazard.id}</b> {hazard.title}（{hazard.location}）
        </Typography.Paragraph>
      )}
      {overview.data && (
        <Form
          form={form}
          layout="vertical"
          initialValues={{
            level: 'general',
            foundOn: dayjs(overview.data.on),
            on: dayjs(overview.data.on),
            accepted: true,
          }}
        >
          {step === 'create' && (
            <>
              <Form.Item
                name="title"
                label={t('隐患', 'Hazard')}
                rules={[{ required: true, message: '请用一句话写明隐患' }]}
              >
                <Input placeholder="如：3楼东侧疏散通道堆放杂物" />
              </Form.Item>
              <Form.Item
                name="location"
                label={t('位置', 'Location')}
                rules={[{ required: true, message: '请写明位置' }]}
              >
                <Input />
              </Form.Item>
              <Form.Item name="level" label={t('等级', 'Level')}>
                <Radio.Group
                  options={[
                    { value: 'general', label: '一般隐患' },
                    { value: 'major', label: '重大隐患' },
                  ]}
                />
              </Form.Item>
              <Form.Item name="foundOn" label={t('发现日期', 'Found on')} rules={[{ required: true }]}>
                <DatePicker />
              </Form.Item>
              <Form.Item name="description" label={t('情况说明', 'Description')}>
                <Input.TextArea rows={3} />
              </Form.Item>
              <PhotoField value={photo} onChange={setPhoto} />
            </>
          )}
          {step === 'assign' && (
            <>
              <Form.Item
                name="ownerId"
                label={t('整改负责人', 'Owner')}
                rules={[{ required: true, message: '请选择整改负责人' }]}
              >
                <Select options={(people.data?.rectify ?? []).map((p) => ({ value: p.id, label: p.name }))} />
              </Form.Item>
              <Form.Item
                name="deadline"
                label={t('整改期限', 'Deadline')}
                rules={[{ required: true, message: '请选择整改期限' }]}
              >
                <DatePicker />
              </Form.Item>
              <Form.Item
                name="interimMeasures"
                label={t('整改期间的临时防范措施', 'Interim measures')}
                rules={[{ required: true, message: '请写明临时防范措施' }]}
              >
                <Input.TextArea rows={3} />
              </Form.Item>
            </>
          )}
          {step === 'rectify' && (
            <>
              <Form.Item name="on" label={t('整改日期', 'Rectified on')} rules={[{ required: true }]}>
                <DatePicker />
              </Form.Item>
              <Form.Item
                name="measures"
                label={t('整改措施', 'Measures')}
                rules={[{ required: true, message: '请写明整改措施' }]}
              >
                <Input.TextArea rows={3} />
              </Form.Item>
              <PhotoField value={photo} onChange={setPhoto} />
            </>
          )}
          {step === 'verify' && (
            <>
              <Form.Item name="accepted" label={t('验收结论', 'Result')}>
                <Radio.Group
                  options={[
                    { value: true, label: '验收通过，销案' },
                    { value: false, label: '不通过，退回整改' },
                  ]}
                />
              </Form.Item>
              <Form.Item name="on" label={t('验收日期', 'Verified on')} rules={[{ required: true }]}>
                <DatePicker />
              </Form.Item>
              <Form.Item name="note" label={t('验收意见', 'Note')}>
                <Input.TextArea rows={3} />
              </Form.Item>
            </>
          )}
        </Form>
      )}
    </Modal>
  );
}

/** A photo from the camera (phone or tablet) or a file, shrunk before it is sent. */
function PhotoField({ value, onChange }: { value: string | null; onChange: (v: string | null) => void }) {
  const { t } = useI18n();
  return (
    <Space style={{ marginBottom: 12 }}>
      <label
        className="ant-btn ant-btn-default"
        style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}
      >
        <CameraOutlined /> {value ? t('重拍照片', 'Retake photo') : t('拍照或选择照片', 'Photo')}
        <input
          type="file"
          accept="image/*"
          capture="environment"
          style={{ display: 'none' }}
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (file) onChange(await photoDataUrl(file));
          }}
        />
      </label>
      {value && <img src={value} alt="" style={{ height: 56, borderRadius: 4 }} />}
    </Space>
  );
}
