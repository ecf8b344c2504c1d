import {
  DeleteOutlined,
  EditOutlined,
  PlusOutlined,
  QuestionCircleOutlined,
  ReloadOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Statistic,
  Switch,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import {
  nurseCallProtocolLabels,
  nurseCallProtocols,
  type NurseCallProtocol,
  type PortConfig,
  type PortStatus,
} from '../../../../src-main/shared/contract/nursecall';
import { applyFieldErrors, useMutate, useProcedure } from '../../api/hooks';
import { QueryView } from '../../app/feedback';
import { useI18n, useLabel } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { PortStateTag } from './common';
import { usePortStatuses } from './use-port-status';

const baudRates = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200];
const parityLabels = {
  none: { zh: '无 (N)', en: 'None (N)' },
  even: { zh: '偶 (E)', en: 'Even (E)' },
  odd: { zh: '奇 (O)', en: 'Odd (O)' },
};
const encodings = [
  { value: 'ascii', label: 'ASCII' },
  { value: 'gbk', label: 'GBK（国产主机常用）' },
  { value: 'utf8', label: 'UTF-8' },
];
const portQueries = ['nursecall.ports.list', 'nursecall.ports.status'] as const;

/** What the form edits; `options` fields per protocol mirror the core's option schemas. */
interface PortForm {
  name: string;
  path: string;
  baudRate: number;
  dataBits: 7 | 8;
  parity: 'none' | 'even' | 'odd';
  stopBits: 1 | 2;
  protocol: NurseCallProtocol;
  enabled: boolean;
  options: {
    ownAddress?: string;
    encoding?: string;
    lineFormat?: 'plain' | 'custom';
    pattern?: string;
    flags?: string;
    addressPrefix?: string;
  };
}

function framing(p: Pick<PortConfig, 'dataBits' | 'parity' | 'stopBits'>): string {
  return `${p.dataBits}${p.parity[0]!.toUpperCase()}${p.stopBits}`;
}

function toForm(port: PortConfig | null): PortForm {
  if (!port) {
    return {
      name: '',
      path: '',
      baudRate: 9600,
      dataBits: 8,
      parity: 'none',
      stopBits: 1,
      protocol: 'espa444',
      enabled: true,
      options: { ownAddress: '2', encoding: 'ascii', lineFormat: 'plain' },
    };
  }
  const o = port.options;
  return {
    ...port,
    options: {
      ownAddress: typeof o.ownAddress === 'string' ? o.ownAddress : '2',
      encoding: typeof o.encoding === 'string' ? o.encoding : 'ascii',
      lineFormat: typeof o.pattern === 'string' ? 'custom' : 'plain',
      pattern: typeof o.pattern === 'string' ? o.pattern : '',
      flags: typeof o.flags === 'string' ? o.flags : 'i',
      addressPrefix: typeof o.addressPrefix === 'string' ? o.addressPrefix : '',
    },
  };
}

/** Keeps options the form does not show (set by a vendor's engineer) and drops the other protocol's. */
function toOptions(values: PortForm, previous: PortConfig | null): Record<string, unknown> {
  return withPrefix(protocolOptions(values, previous), values.options.addressPrefix);
}

/** A second controller's call points often reuse the same numbers; its prefix keeps them apart. */
function withPrefix(options: Record<string, unknown>, prefix: string | undefined): Record<string, unknown> {
  const next = { ...options };
  if (prefix && prefix.trim()) next.addressPrefix = prefix.trim();
  else delete next.addressPrefix;
  return next;
}

function protocolOptions(values: PortForm, previous: PortConfig | null): Record<string, unknown> {
  const kept = previous?.protocol === values.protocol ? { ...previous.options } : {};
  const o = values.options;
  if (values.protocol === 'espa444') {
    return { ...kept, ownAddress: o.ownAddress || '2', encoding: o.encoding ?? 'ascii' };
  }
  const line: Record<string, unknown> = { ...kept, encoding: o.encoding ?? 'ascii' };
  delete line.ownAddress;
  if (o.lineFormat === 'custom') {
    line.pattern = o.pattern;
    line.flags = o.flags ?? '';
  } else {
    delete line.pattern;
    delete line.flags;
    line.preset = 'plain';
  }
  return line;
}

export function PortsTab() {
  const { t } = useI18n();
  const ports = useProcedure('nursecall.ports.list', {});
  const statuses = usePortStatuses();
  const [editing, setEditing] = useState<PortConfig | 'new' | null>(null);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('添加呼叫串口', 'Add a port')}
        </Button>
        <Typography.Text type="secondary">
          {t(
            '呼叫主机用串口线（常见为 USB 转 RS-232/RS-485）接到本机。参数按主机说明书填写，不确定时先用 9600、8N1。',
            'The nurse-call controller connects by a serial cable (often a USB adapter). Use the values from its manual; 9600 8N1 if unsure.',
          )}
        </Typography.Text>
      </Space>
      <QueryView query={ports}>
        {(list) =>
          list.length === 0 ? (
            <Card>
              <Empty
                description={t(
                  '还没有设置呼叫串口。添加后，病房的呼叫才会出现在呼叫看板上。',
                  'No port yet. Add one so calls from the rooms reach the board.',
                )}
              >
                <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                  {t('添加呼叫串口', 'Add a port')}
                </Button>
              </Empty>
            </Card>
          ) : (
            <Row gutter={[16, 16]}>
              {list.map((p) => (
                <Col xs={24} xl={12} key={p.id}>
                  <PortCard
                    port={p}
                    status={statuses.data?.find((s) => s.id === p.id) ?? null}
                    onEdit={() => setEditing(p)}
                  />
                </Col>
              ))}
            </Row>
          )
        }
      </QueryView>
      {editing && <PortEditor port={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}

function PortCard({
  port,
  status,
  onEdit,
}: {
  port: PortConfig;
  status: PortStatus | null;
  onEdit: () => void;
}) {
  const { t } = useI18n();
  const label = useLabel();
  const { modal, message } = App.useApp();
  const save = useMutate('nursecall.ports.save', [...portQueries]);
  const remove = useMutate('nursecall.ports.remove', [...portQueries]);
  const state = status?.state ?? (port.enabled ? 'connecting' : 'disabled');

  async function toggle(enabled: boolean) {
    try {
      await save.mutateAsync({ ...port, enabled });
    } catch (error) {
      void message.error((error as Error).message, 8);
    }
  }

  function confirmRemove() {
    modal.confirm({
      title: t(`删除呼叫串口 ${port.name || port.path}？`, `Remove port ${port.name || port.path}?`),
      content: t(
        '删除后不再从这个串口接收呼叫。以前的呼叫记录会保留。',
        'Calls will no longer be received on this port. Past calls are kept.',
      ),
      okText: t('删除', 'Remove'),
      okButtonProps: { danger: true },
      cancelText: t('取消', 'Cancel'),
      onOk: async () => {
        try {
          await remove.mutateAsync({ id: port.id });
        } catch (error) {
          void message.error((error as Error).message, 8);
        }
      },
    });
  }

  return (
    <Card
      data-testid="port-card"
      data-path={port.path}
      title={
        <Space>
          <span>{port.name || port.path}</span>
          <PortStateTag state={state} />
        </Space>
      }
      extra={
        <Space>
          <Switch
            checked={port.enabled}
            loading={save.isPending}
            onChange={(v) => void toggle(v)}
            checkedChildren={t('启用', 'On')}
            unCheckedChildren={t('停用', 'Off')}
            aria-label={t('启用此串口', 'Enable this port')}
          />
          <Button icon={<EditOutlined />} onClick={onEdit}>
            {t('修改', 'Edit')}
          </Button>
          <Button danger icon={<DeleteOutlined />} onClick={confirmRemove} aria-label={t('删除', 'Remove')} />
        </Space>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Descriptions size="small" column={2}>
          <Descriptions.Item label={t('串口', 'Port')}>{port.path}</Descriptions.Item>
          <Descriptions.Item label={t('协议', 'Protocol')}>
            {label(nurseCallProtocolLabels[port.protocol])}
            {port.protocol === 'espa444' &&
              t(
                `（站地址 ${String(port.options.ownAddress ?? '2')}）`,
                ` (station ${String(port.options.ownAddress ?? '2')})`,
              )}
          </Descriptions.Item>
          <Descriptions.Item label={t('参数', 'Settings')}>
            {port.baudRate} {framing(port)}
          </Descriptions.Item>
          <Descriptions.Item label={t('文字编码', 'Encoding')}>
            {encodings.find((e) => e.value === (port.options.encoding ?? 'ascii'))?.label ??
              String(port.options.encoding)}
          </Descriptions.Item>
          <Descriptions.Item label={t('本次连上的时间', 'Connected since')}>
            {status?.connectedSince ? formatDateTime(status.connectedSince) : '—'}
          </Descriptions.Item>
        </Descriptions>
        {status?.lastError && state !== 'connected' && (
          <Alert
            type={state === 'disabled' ? 'info' : 'error'}
            showIcon
            data-testid="port-error"
            title={status.lastError}
            description={
              <Space>
                {status.lastErrorAt &&
                  t(`${formatDateTime(status.lastErrorAt)} 发生`, `at ${formatDateTime(status.lastErrorAt)}`)}
                {status.reconnectAttempts > 0 &&
                  t(
                    `已重试 ${status.reconnectAttempts} 次，仍在自动重试`,
                    `${status.reconnectAttempts} retries so far`,
                  )}
              </Space>
            }
          />
        )}
        {status && (
          <Row gutter={16}>
            <Col span={8}>
              <Statistic title={t('收到字节', 'Bytes received')} value={status.bytesReceived} />
            </Col>
            <Col span={8}>
              <Statistic title={t('有效报文', 'Frames accepted')} value={status.framesReceived} />
            </Col>
            <Col span={8}>
              <Statistic
                title={
                  <Tooltip
                    title={t(
                      '校验错或格式不对而没有收下的报文。偶尔几条没关系（呼叫主机会重发）；一直增加请检查波特率、校验位和接线。',
                      'Frames with a bad checksum or format. A few are harmless (the controller resends); if it keeps rising, check the settings and wiring.',
                    )}
                  >
                    {t('拒收报文', 'Frames rejected')} <QuestionCircleOutlined />
                  </Tooltip>
                }
                value={status.framesRejected}
                styles={status.framesRejected > 0 ? { content: { color: '#d46b08' } } : undefined}
              />
            </Col>
          </Row>
        )}
      </Space>
    </Card>
  );
}

function PortEditor({ port, onClose }: { port: PortConfig | null; onClose: () => void }) {
  const { t } = useI18n();
  const label = useLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<PortForm>();
  const available = useProcedure('nursecall.ports.available', {});
  const save = useMutate('nursecall.ports.save', [...portQueries]);
  const [problem, setProblem] = useState<string | null>(null);
  const protocol = Form.useWatch('protocol', form) ?? port?.protocol ?? 'espa444';
  const lineFormat = Form.useWatch(['options', 'lineFormat'], form);

  async function submit(values: PortForm) {
    setProblem(null);
    try {
      await save.mutateAsync({
        ...(port ? { id: port.id } : {}),
        name: values.name ?? '',
        path: values.path,
        baudRate: values.baudRate,
        dataBits: values.dataBits,
        parity: values.parity,
        stopBits: values.stopBits,
        protocol: values.protocol,
        options: toOptions(values, port),
        enabled: values.enabled,
      });
      void message.success(t('已保存，正在连接串口…', 'Saved; connecting…'));
      onClose();
    } catch (error) {
      applyFieldErrors(form, error);
      setProblem((error as Error).message);
    }
  }

  const availableList = available.data?.ports ?? [];
  return (
    <Modal
      open
      width={720}
      title={
        port
          ? t(`修改呼叫串口 ${port.name || port.path}`, `Edit port ${port.name || port.path}`)
          : t('添加呼叫串口', 'Add a port')
      }
      okText={t('保存', 'Save')}
      cancelText={t('取消', 'Cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<PortForm>
        form={form}
        layout="vertical"
        initialValues={toForm(port)}
        onFinish={(v) => void submit(v)}
      >
        {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
        {available.error && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('无法列出本机的串口，请直接填写串口名称', 'Cannot list ports; type the name')}
            description={available.error.message}
          />
        )}
        {available.data?.error && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('无法列出本机的串口', 'Cannot list the serial ports')}
            description={t(
              `${available.data.error} 请直接填写串口名称，如 Windows 的 COM3 或 Linux 的 /dev/ttyUSB0。`,
              `${available.data.error} Type the port name, e.g. COM3 or /dev/ttyUSB0.`,
            )}
          />
        )}
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="path"
              label={t('串口', 'Port')}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: t('请选择或填写串口，如 COM3 或 /dev/ttyUSB0', 'Pick or type a port'),
                },
              ]}
              extra={
                !available.data?.error && availableList.length === 0 && !available.isPending
                  ? t(
                      '本机没有找到串口：请检查 USB 转串口线是否插好，或直接填写。',
                      'No ports found: check the USB adapter, or type a path.',
                    )
                  : undefined
              }
            >
              <AutoComplete
                size="large"
                placeholder={t('选择或填写，如 COM3', 'Pick or type, e.g. COM3')}
                options={availableList.map((p) => ({
                  value: p.path,
                  label: p.manufacturer ? `${p.path}（${p.manufacturer}）` : p.path,
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="name" label={t('名称（可不填）', 'Name (optional)')}>
              <Input
                size="large"
                maxLength={40}
                placeholder={t('如：一楼护士站呼叫主机', 'e.g. Ground-floor controller')}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="protocol" label={t('协议', 'Protocol')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={nurseCallProtocols.map((p) => ({ value: p, label: label(nurseCallProtocolLabels[p]) }))}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col span={6}>
            <Form.Item name="baudRate" label={t('波特率', 'Baud rate')} rules={[{ required: true }]}>
              <Select options={baudRates.map((b) => ({ value: b, label: String(b) }))} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="dataBits" label={t('数据位', 'Data bits')}>
              <Radio.Group options={[7, 8].map((v) => ({ value: v, label: String(v) }))} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="parity" label={t('校验', 'Parity')}>
              <Select
                options={(['none', 'even', 'odd'] as const).map((v) => ({
                  value: v,
                  label: label(parityLabels[v]),
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="stopBits" label={t('停止位', 'Stop bits')}>
              <Radio.Group options={[1, 2].map((v) => ({ value: v, label: String(v) }))} />
            </Form.Item>
          </Col>
        </Row>
        <Space style={{ marginTop: -8, marginBottom: 16 }} wrap>
          <Typography.Text type="secondary">{t('常用组合：', 'Common:')}</Typography.Text>
          <Button
            size="small"
            onClick={() => form.setFieldsValue({ baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 })}
          >
            9600 8N1
          </Button>
          <Button
            size="small"
            onClick={() => form.setFieldsValue({ baudRate: 9600, dataBits: 7, parity: 'even', stopBits: 1 })}
          >
            {t('9600 7E1（ESPA 常见）', '9600 7E1 (common for ESPA)')}
          </Button>
        </Space>
        {protocol === 'espa444' ? (
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item
                name={['options', 'ownAddress']}
                label={t('本机站地址', 'Our station address')}
                extra={t(
                  '呼叫主机发给“寻呼系统”的地址，通常是 2。',
                  'The address the controller sends to; usually 2.',
                )}
                rules={[
                  {
                    pattern: /^[\x21-\x7e]$/,
                    message: t('站地址应为一个字符，通常是数字 2', 'One character, usually 2'),
                  },
                ]}
              >
                <Input size="large" maxLength={1} style={{ width: 100 }} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name={['options', 'encoding']} label={t('文字编码', 'Text encoding')}>
                <Select options={encodings} />
              </Form.Item>
            </Col>
          </Row>
        ) : (
          <>
            <Form.Item name={['options', 'lineFormat']} label={t('每行的格式', 'Line format')}>
              <Radio.Group
                options={[
                  {
                    value: 'plain',
                    label: t('标准：CALL 201 / CANCEL 201', 'Standard: CALL 201 / CANCEL 201'),
                  },
                  { value: 'custom', label: t('自定义（正则表达式）', 'Custom (regular expression)') },
                ]}
              />
            </Form.Item>
            {lineFormat === 'custom' && (
              <Row gutter={16}>
                <Col span={18}>
                  <Form.Item
                    name={['options', 'pattern']}
                    label={t('正则表达式', 'Pattern')}
                    rules={[
                      {
                        required: true,
                        message: t(
                          '请填写正则表达式，至少包含 (?<address>…)',
                          'Enter a pattern with (?<address>…)',
                        ),
                      },
                    ]}
                    extra={t(
                      '用命名分组标出字段：address（呼叫地址，必填）、kind（呼叫/取消）、priority（优先级）、message（内容）。例：^(?<kind>CALL|CANCEL)\\s+(?<address>\\d+)$',
                      'Name the fields: address (required), kind, priority, message.',
                    )}
                  >
                    <Input size="large" style={{ fontFamily: 'monospace' }} />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item name={['options', 'flags']} label={t('标志', 'Flags')}>
                    <Input size="large" style={{ fontFamily: 'monospace' }} />
                  </Form.Item>
                </Col>
              </Row>
            )}
            <Form.Item name={['options', 'encoding']} label={t('文字编码', 'Text encoding')}>
              <Select options={encodings} style={{ width: 240 }} />
            </Form.Item>
          </>
        )}
        <Form.Item
          name={['options', 'addressPrefix']}
          label={t('呼叫地址前缀（接第二台呼叫主机时填写）', 'Call address prefix (for a second controller)')}
          extra={t(
            '两台呼叫主机的呼叫器编号可能重复，例如都有 201。给第二台填写前缀（如 B-），它的 201 就记为 B-201。只有一台主机时留空。',
            'Two controllers may both number a call point 201. Give the second one a prefix (e.g. B-) and its 201 becomes B-201. Leave empty with one controller.',
          )}
        >
          <Input size="large" style={{ width: 160 }} maxLength={8} placeholder="B-" />
        </Form.Item>
        <Form.Item name="enabled" label={t('启用', 'Enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Button
          type="link"
          icon={<ReloadOutlined />}
          onClick={() => void available.refetch()}
          style={{ paddingInline: 0 }}
        >
          {t('重新查找本机串口', 'Look for ports again')}
        </Button>
      </Form>
    </Modal>
  );
}
