import {
  DeleteOutlined,
  DownloadOutlined,
  EditOutlined,
  PlusOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Result,
  Select,
  Space,
  Table,
  Typography,
  Upload,
} from 'antd';
import { useMemo, useState } from 'react';
import type { AddressMapping } from '../../../../src-main/shared/contract/nursecall';
import { callOrThrow } from '../../api/client';
import { applyFieldErrors, useMutate, useProcedure } from '../../api/hooks';
import { QueryView } from '../../app/feedback';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { downloadBase64, fileToBase64 } from '../../lib/files';

const xlsxMime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const addressQueries = ['nursecall.addresses.list', 'nursecall.calls.active'] as const;

type Place = 'bed' | 'room' | 'area';
interface MappingForm {
  address: string;
  place: Place;
  bedId?: number;
  roomId?: number;
  area?: string;
}

interface Spot {
  id: number;
  label: string;
  building: string;
}

/** Every bed and room that exists (occupied or not), from the bed board; empty without residents.read. */
function useSpots() {
  const { can } = useSession();
  const board = useProcedure('beds.board', {}, { enabled: can('residents.read') });
  return useMemo(() => {
    const beds: Spot[] = [];
    const rooms: Spot[] = [];
    for (const b of board.data?.buildings ?? [])
      for (const f of b.floors)
        for (const r of f.rooms) {
          rooms.push({ id: r.id, label: `${b.name} ${r.number}`, building: b.name });
          for (const bed of r.beds) {
            if (bed.status !== 'retired')
              beds.push({ id: bed.id, label: `${b.name} ${bed.label}床`, building: b.name });
          }
        }
    return { beds, rooms, loading: board.isPending && board.fetchStatus !== 'idle', error: board.error };
  }, [board.data, board.isPending, board.fetchStatus, board.error]);
}

export function AddressesTab() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const list = useProcedure('nursecall.addresses.list', {});
  const remove = useMutate('nursecall.addresses.remove', [...addressQueries]);
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<AddressMapping | 'new' | null>(null);
  const [importing, setImporting] = useState(false);

  async function template() {
    try {
      const file = await callOrThrow('nursecall.addresses.template', {});
      downloadBase64({ ...file, mimeType: xlsxMime });
    } catch (error) {
      void message.error((error as Error).message, 8);
    }
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t(
          '每个呼叫器有一个编号（呼叫地址）。在这里登记它装在哪张床、哪个房间或哪个区域，呼叫看板就会显示位置和床上的老人；没登记的地址也会响铃，显示为“未登记的呼叫地址”。',
          'Each call point has a number (its address). Map it to a bed, room or area so the board shows where and who; unmapped addresses still ring.',
        )}
      </Typography.Paragraph>
      <Space wrap>
        <Input.Search
          size="large"
          allowClear
          style={{ width: 280 }}
          placeholder={t('查找地址或位置', 'Find address or place')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('登记呼叫地址', 'Map an address')}
        </Button>
        <Button size="large" icon={<DownloadOutlined />} onClick={() => void template()}>
          {t('下载 Excel 模板', 'Excel template')}
        </Button>
        <Button size="large" icon={<UploadOutlined />} onClick={() => setImporting(true)}>
          {t('从 Excel 批量导入', 'Import from Excel')}
        </Button>
      </Space>
      <QueryView query={list}>
        {(rows) => {
          const q = search.trim().toLowerCase();
          const shown = q
            ? rows.filter((r) => r.address.toLowerCase().includes(q) || r.label.toLowerCase().includes(q))
            : rows;
          return (
            <Table<AddressMapping>
              rowKey="address"
              size="middle"
              dataSource={shown}
              pagination={{ pageSize: 50, showTotal: (n) => t(`共 ${n} 个地址`, `${n} addresses`) }}
              locale={{
                emptyText: t(
                  '还没有登记呼叫地址 — 点“登记呼叫地址”逐个添加，或下载模板批量导入。',
                  'No addresses yet — add one, or import the template.',
                ),
              }}
              columns={[
                {
                  title: t('呼叫地址', 'Address'),
                  dataIndex: 'address',
                  sorter: (a, b) => a.address.localeCompare(b.address, 'zh-CN', { numeric: true }),
                  defaultSortOrder: 'ascend',
                },
                { title: t('呼叫看板显示为', 'Shown as'), dataIndex: 'label' },
                {
                  title: t('位置类型', 'Kind'),
                  render: (_, r) =>
                    r.bedId !== null
                      ? t('床位', 'Bed')
                      : r.roomId !== null
                        ? t('房间', 'Room')
                        : t('区域', 'Area'),
                },
                {
                  title: '',
                  width: 200,
                  render: (_, r) => (
                    <Space>
                      <Button icon={<EditOutlined />} onClick={() => setEditing(r)}>
                        {t('修改', 'Edit')}
                      </Button>
                      <Popconfirm
                        title={t(`删除地址 ${r.address} 的登记？`, `Remove mapping for ${r.address}?`)}
                        description={t(
                          `删除后这个呼叫器的呼叫会显示为“未登记的呼叫地址 ${r.address}”。`,
                          `Its calls will show as an unmapped address.`,
                        )}
                        okText={t('删除', 'Remove')}
                        okButtonProps={{ danger: true }}
                        cancelText={t('取消', 'Cancel')}
                        onConfirm={async () => {
                          try {
                            await remove.mutateAsync({ address: r.address });
                          } catch (error) {
                            void message.error((error as Error).message, 8);
                          }
                        }}
                      >
                        <Button danger icon={<DeleteOutlined />} aria-label={t('删除', 'Remove')} />
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]}
            />
          );
        }}
      </QueryView>
      {editing && (
        <MappingEditor mapping={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
      {importing && (
        <ImportAddresses onClose={() => setImporting(false)} onTemplate={() => void template()} />
      )}
    </Space>
  );
}

function MappingEditor({ mapping, onClose }: { mapping: AddressMapping | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<MappingForm>();
  const save = useMutate('nursecall.addresses.save', [...addressQueries]);
  const spots = useSpots();
  const [problem, setProblem] = useState<string | null>(null);
  const place = Form.useWatch('place', form);
  const initial: MappingForm = mapping
    ? {
        address: mapping.address,
        place: mapping.bedId !== null ? 'bed' : mapping.roomId !== null ? 'room' : 'area',
        ...(mapping.bedId !== null ? { bedId: mapping.bedId } : {}),
        ...(mapping.roomId !== null ? { roomId: mapping.roomId } : {}),
        area: mapping.area,
      }
    : { address: '', place: 'bed', area: '' };

  async function submit(v: MappingForm) {
    setProblem(null);
    try {
      const saved = await save.mutateAsync({
        address: v.address,
        bedId: v.place === 'bed' ? (v.bedId ?? null) : null,
        roomId: v.place === 'room' ? (v.roomId ?? null) : null,
        area: v.area ?? '',
      });
      void message.success(
        t(`已登记：地址 ${saved.address} → ${saved.label}`, `Saved: ${saved.address} → ${saved.label}`),
      );
      onClose();
    } catch (error) {
      applyFieldErrors(form, error);
      setProblem((error as Error).message);
    }
  }

  const spotOptions = (list: Spot[]) => {
    const groups = new Map<string, Spot[]>();
    for (const s of list) groups.set(s.building, [...(groups.get(s.building) ?? []), s]);
    return [...groups.entries()].map(([building, items]) => ({
      label: building,
      title: building,
      options: items.map((s) => ({ value: s.id, label: s.label })),
    }));
  };
  const noBeds = !spots.loading && spots.beds.length === 0;

  return (
    <Modal
      open
      title={
        mapping
          ? t(`修改呼叫地址 ${mapping.address}`, `Edit address ${mapping.address}`)
          : t('登记呼叫地址', 'Map an address')
      }
      okText={t('保存', 'Save')}
      cancelText={t('取消', 'Cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<MappingForm>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => void submit(v)}
      >
        {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
        <Form.Item
          name="address"
          label={t('呼叫地址（呼叫器编号）', 'Call address')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('请填写呼叫地址（呼叫器编号）', 'Enter the address'),
            },
          ]}
          extra={t(
            '按一下房间里的呼叫器，呼叫看板上“未登记的呼叫地址”后面的数字就是它。',
            'Press the call button: the board shows its number.',
          )}
        >
          <Input
            size="large"
            maxLength={40}
            disabled={mapping !== null}
            placeholder={t('如：201', 'e.g. 201')}
          />
        </Form.Item>
        <Form.Item name="place" label={t('装在哪里', 'Where is it')}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'bed', label: t('床位（床头呼叫器）', 'A bed') },
              { value: 'room', label: t('整个房间（如卫生间）', 'A room') },
              { value: 'area', label: t('其他区域', 'Another area') },
            ]}
          />
        </Form.Item>
        {noBeds && place !== 'area' && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={
              spots.error
                ? spots.error.message
                : t(
                    '还没有床位和房间。可以先填“其他区域”，建好床位后再改。',
                    'No beds yet: use “another area” for now.',
                  )
            }
          />
        )}
        {place === 'bed' && (
          <Form.Item
            name="bedId"
            label={t('床位', 'Bed')}
            rules={[{ required: true, message: t('请选择床位', 'Pick a bed') }]}
          >
            <Select
              size="large"
              showSearch={{ optionFilterProp: 'label' }}
              loading={spots.loading}
              options={spotOptions(spots.beds)}
              placeholder={t('输入房间号查找，如 301', 'Type a room number')}
            />
          </Form.Item>
        )}
        {place === 'room' && (
          <Form.Item
            name="roomId"
            label={t('房间', 'Room')}
            rules={[{ required: true, message: t('请选择房间', 'Pick a room') }]}
          >
            <Select
              size="large"
              showSearch={{ optionFilterProp: 'label' }}
              loading={spots.loading}
              options={spotOptions(spots.rooms)}
              placeholder={t('输入房间号查找，如 301', 'Type a room number')}
            />
          </Form.Item>
        )}
        <Form.Item
          name="area"
          label={
            place === 'area'
              ? t('区域名称', 'Area')
              : t('区域（可不填，用于按区域统计）', 'Area (optional, for statistics)')
          }
          rules={
            place === 'area'
              ? [
                  {
                    required: true,
                    whitespace: true,
                    message: t('请填写区域名称，如：2F 公共卫生间', 'Name the area'),
                  },
                ]
              : []
          }
        >
          <Input
            size="large"
            maxLength={60}
            placeholder={t('如：2F 公共卫生间、一楼走廊', 'e.g. 2F washroom')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ImportAddresses({ onClose, onTemplate }: { onClose: () => void; onTemplate: () => void }) {
  const { t } = useI18n();
  const run = useMutate('nursecall.addresses.import', [...addressQueries]);
  const [result, setResult] = useState<
    | { kind: 'done'; imported: number }
    | { kind: 'problems'; problems: Array<{ row: number; column: string; reason: string }> }
    | { kind: 'error'; message: string }
    | null
  >(null);

  async function pick(file: File) {
    if (!/\.xlsx$/i.test(file.name)) {
      setResult({
        kind: 'error',
        message: t('请选择 .xlsx 格式的 Excel 文件（.xls 请先另存为 .xlsx）', 'Choose an .xlsx file'),
      });
      return;
    }
    setResult(null);
    try {
      const r = await run.mutateAsync({ base64: await fileToBase64(file) });
      setResult(
        r.problems.length > 0
          ? { kind: 'problems', problems: r.problems }
          : { kind: 'done', imported: r.imported },
      );
    } catch (error) {
      setResult({ kind: 'error', message: (error as Error).message });
    }
  }

  return (
    <Modal
      open
      width={720}
      title={t('从 Excel 批量导入呼叫地址', 'Import call addresses from Excel')}
      footer={
        <Button onClick={onClose}>{result?.kind === 'done' ? t('完成', 'Done') : t('关闭', 'Close')}</Button>
      }
      onCancel={onClose}
      destroyOnHidden
    >
      {result?.kind === 'done' ? (
        <Result
          status="success"
          title={t(`已导入 ${result.imported} 个呼叫地址`, `Imported ${result.imported} addresses`)}
        />
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Paragraph style={{ margin: 0 }}>
            {t(
              '模板每行一个呼叫器：地址、楼栋、房间、床号、区域。有任何一行不对就全部不导入，改好后再导一次。',
              'One call point per row: address, building, room, bed, area. If any row is wrong nothing is imported.',
            )}
            <Button type="link" icon={<DownloadOutlined />} onClick={onTemplate}>
              {t('下载模板', 'Template')}
            </Button>
          </Typography.Paragraph>
          <Upload.Dragger
            accept=".xlsx"
            showUploadList={false}
            disabled={run.isPending}
            beforeUpload={(file) => {
              void pick(file);
              return false;
            }}
          >
            <p style={{ fontSize: 16 }}>
              {run.isPending
                ? t('正在检查并导入…', 'Checking and importing…')
                : t('点击选择或把 Excel 文件拖到这里', 'Click or drop an Excel file here')}
            </p>
          </Upload.Dragger>
          {result?.kind === 'error' && <Alert type="error" showIcon title={result.message} />}
          {result?.kind === 'problems' && (
            <>
              <Alert
                type="warning"
                showIcon
                title={t(
                  `有 ${result.problems.length} 处问题，一行也没有导入。请按下表改好再导入。`,
                  `${result.problems.length} problems; nothing was imported.`,
                )}
              />
              <Table
                size="small"
                rowKey={(p) => `${p.row}-${p.column}`}
                pagination={{ pageSize: 10 }}
                dataSource={result.problems}
                columns={[
                  { title: t('行', 'Row'), dataIndex: 'row', width: 70 },
                  { title: t('列', 'Column'), dataIndex: 'column', width: 100 },
                  { title: t('问题', 'Problem'), dataIndex: 'reason' },
                ]}
              />
            </>
          )}
        </Space>
      )}
    </Modal>
  );
}
