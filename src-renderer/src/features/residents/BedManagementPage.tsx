import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import {
  bedKindLabels,
  bedKinds,
  bedStatusLabels,
  boardBeds,
  type BedKind,
  type BoardBed,
  type BuildingRow,
} from '../../../../src-main/shared/contract/residents';
import { applyFieldErrors, useMutate, useProcedure } from '../../api/hooks';
import { QueryView } from '../../app/feedback';
import { useI18n, useLabel } from '../../i18n';
import { bedStatusStyle } from './common';
import { residentQueries } from './LifecycleDialogs';
import { callOrThrow } from '../../api/client';
import { ExportExcelButton } from '../print/ExportExcelButton';
import { ActionButton } from '../../app/permissions';

/** 床位管理: buildings, bulk creation of rooms and beds, taking beds out of service or retiring them. */
export function BedManagementPage() {
  const buildings = useProcedure('facilities.buildings', {});
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <QueryView query={buildings}>
        {(rows) => (
          <Row gutter={16}>
            <Col xs={24} xl={9}>
              <BuildingsCard rows={rows} />
            </Col>
            <Col xs={24} xl={15}>
              <BulkCreateCard buildings={rows} />
            </Col>
          </Row>
        )}
      </QueryView>
      <BedsTable />
    </Space>
  );
}

function BuildingsCard({ rows }: { rows: BuildingRow[] }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const save = useMutate('facilities.saveBuilding', residentQueries);
  const [editing, setEditing] = useState<BuildingRow | 'new' | null>(null);
  const [form] = Form.useForm<{ name: string }>();
  async function submit() {
    const values = await form.validateFields();
    try {
      await save.mutateAsync({
        ...(editing && editing !== 'new' ? { id: editing.id } : {}),
        name: values.name.trim(),
      });
      void message.success(t('楼栋已保存', 'Saved'));
      setEditing(null);
    } catch (error) {
      if (!applyFieldErrors(form, error)) void message.error((error as Error).message);
    }
  }
  return (
    <Card
      title={t('楼栋', 'Buildings')}
      extra={
        <ActionButton
          procedure="facilities.saveBuilding"
          icon={<PlusOutlined />}
          onClick={() => {
            form.setFieldsValue({ name: '' });
            setEditing('new');
          }}
        >
          {t('新建楼栋', 'New building')}
        </ActionButton>
      }
    >
      <Table<BuildingRow>
        rowKey="id"
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: t('还没有楼栋 — 先新建一栋，如「1号楼」', 'No buildings yet') }}
        columns={[
          { title: t('名称', 'Name'), dataIndex: 'name' },
          { title: t('床位数', 'Beds'), dataIndex: 'bedCount' },
          {
            title: '',
            render: (_v, b) => (
              <ActionButton
                procedure="facilities.saveBuilding"
                size="small"
                icon={<EditOutlined />}
                onClick={() => {
                  form.setFieldsValue({ name: b.name });
                  setEditing(b);
                }}
              >
                {t('改名', 'Rename')}
              </ActionButton>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('新建楼栋', 'New building') : t('楼栋改名', 'Rename building')}
        okText={t('保存', 'Save')}
        cancelText={t('取消', 'Cancel')}
        onOk={() => void submit()}
        onCancel={() => setEditing(null)}
        confirmLoading={save.isPending}
        forceRender
      >
        <Form form={form} layout="vertical" size="large">
          <Form.Item
            name="name"
            label={t('楼栋名称', 'Name')}
            rules={[
              { required: true, whitespace: true, message: t('请填写楼栋名称，如：1号楼', 'Enter a name') },
            ]}
          >
            <Input maxLength={40} placeholder={t('如：1号楼', 'e.g. Building 1')} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

interface BulkValues {
  buildingId: number;
  floor: number;
  roomFrom: number;
  roomTo: number;
  bedsPerRoom: number;
  roomClass: string;
  bedKind: BedKind;
}

function BulkCreateCard({ buildings }: { buildings: BuildingRow[] }) {
  const { t } = useI18n();
  const label = useLabel();
  const { message } = App.useApp();
  const config = useProcedure('residents.getConfig', {});
  const bulk = useMutate('beds.bulkCreate', residentQueries);
  const [form] = Form.useForm<BulkValues>();
  const v = Form.useWatch([], form) as Partial<BulkValues> | undefined;
  const building = buildings.find((b) => b.id === v?.buildingId);
  const rooms = v?.roomFrom && v.roomTo && v.roomTo >= v.roomFrom ? v.roomTo - v.roomFrom + 1 : 0;
  const preview =
    building && v?.floor !== undefined && rooms > 0 && v.bedsPerRoom
      ? t(
          `将在 ${building.name} ${v.floor}楼 创建 ${rooms} 间房（${v.roomFrom}–${v.roomTo}），每间 ${v.bedsPerRoom} 床，共 ${rooms * v.bedsPerRoom} 张床`,
          `${rooms} rooms (${v.roomFrom}–${v.roomTo}) × ${v.bedsPerRoom} = ${rooms * v.bedsPerRoom} beds in ${building.name}, floor ${v.floor}`,
        )
      : null;

  async function submit(values: BulkValues) {
    try {
      const r = await bulk.mutateAsync(values);
      const skipped =
        r.skippedRooms.length > 0
          ? t(
              `；已有的房间跳过：${r.skippedRooms.join('、')}`,
              `; skipped existing rooms: ${r.skippedRooms.join(', ')}`,
            )
          : '';
      void message.success(
        t(
          `已创建 ${r.roomsCreated} 间房、${r.bedsCreated} 张床${skipped}`,
          `Created ${r.roomsCreated} rooms and ${r.bedsCreated} beds${skipped}`,
        ),
        6,
      );
    } catch (error) {
      if (!applyFieldErrors(form, error)) void message.error((error as Error).message, 6);
    }
  }

  return (
    <Card title={t('批量创建房间和床位', 'Create rooms and beds')}>
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) => void submit(values)}
        initialValues={{ bedsPerRoom: 2, bedKind: 'nursing', buildingId: buildings[0]?.id }}
      >
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item
              name="buildingId"
              label={t('楼栋', 'Building')}
              rules={[{ required: true, message: t('请先选择楼栋（没有就先新建）', 'Choose a building') }]}
            >
              <Select options={buildings.map((b) => ({ value: b.id, label: b.name }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item
              name="floor"
              label={t('楼层', 'Floor')}
              rules={[{ required: true, message: t('请填写楼层', 'Enter the floor') }]}
            >
              <InputNumber min={-3} max={99} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item
              name="roomFrom"
              label={t('起始房号', 'From room')}
              rules={[{ required: true, message: t('请填写起始房间号', 'Enter a number') }]}
            >
              <InputNumber min={1} max={99999} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item
              name="roomTo"
              label={t('结束房号', 'To room')}
              dependencies={['roomFrom']}
              rules={[
                { required: true, message: t('请填写结束房间号', 'Enter a number') },
                ({ getFieldValue }) => ({
                  validator: async (_r, to: number | undefined) => {
                    const from = getFieldValue('roomFrom') as number | undefined;
                    if (to !== undefined && from !== undefined && to < from)
                      throw new Error(t('结束房间号不能小于起始房间号', 'Must not be below the first room'));
                    if (to !== undefined && from !== undefined && to - from >= 200)
                      throw new Error(t('一次最多创建 200 个房间', 'At most 200 rooms at once'));
                  },
                }),
              ]}
            >
              <InputNumber min={1} max={99999} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item
              name="bedsPerRoom"
              label={t('每间床数', 'Beds per room')}
              rules={[{ required: true, message: t('请填写每间床数', 'Enter a number') }]}
            >
              <InputNumber min={1} max={12} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="roomClass"
              label={t('房型', 'Room class')}
              rules={[{ required: true, message: t('请选择房型', 'Choose a room class') }]}
            >
              <Select
                loading={config.isPending}
                options={(config.data?.roomClasses ?? []).map((c) => ({ value: c, label: c }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="bedKind" label={t('床位类型', 'Bed kind')} rules={[{ required: true }]}>
              <Radio.Group
                optionType="button"
                options={bedKinds.map((k) => ({ value: k, label: label(bedKindLabels[k]) }))}
              />
            </Form.Item>
          </Col>
        </Row>
        {preview && <Typography.Paragraph strong>{preview}</Typography.Paragraph>}
        <ActionButton procedure="beds.bulkCreate" type="primary" htmlType="submit" loading={bulk.isPending}>
          {t('创建', 'Create')}
        </ActionButton>
      </Form>
    </Card>
  );
}

function BedsTable() {
  const { t } = useI18n();
  const label = useLabel();
  const { message, modal } = App.useApp();
  const board = useProcedure('beds.board', {});
  const config = useProcedure('residents.getConfig', {});
  const setOut = useMutate('beds.setOutOfService', residentQueries);
  const retire = useMutate('beds.retire', residentQueries);
  const remove = useMutate('beds.delete', residentQueries);
  const update = useMutate('beds.update', residentQueries);
  const [reasonFor, setReasonFor] = useState<{ bed: BoardBed; action: 'outOfService' | 'retire' } | null>(
    null,
  );
  const [editing, setEditing] = useState<BoardBed | null>(null);
  const [reasonForm] = Form.useForm<{ reason: string }>();
  const [editForm] = Form.useForm<{ kind: BedKind; roomClass: string }>();
  const beds = useMemo(() => (board.data ? boardBeds(board.data) : []), [board.data]);

  async function submitReason() {
    if (!reasonFor) return;
    const { reason } = await reasonForm.validateFields();
    try {
      if (reasonFor.action === 'outOfService')
        await setOut.mutateAsync({ id: reasonFor.bed.id, reason: reason.trim() });
      else await retire.mutateAsync({ id: reasonFor.bed.id, reason: reason.trim() });
      void message.success(t('已保存', 'Saved'));
      setReasonFor(null);
    } catch (error) {
      if (!applyFieldErrors(reasonForm, error)) void message.error((error as Error).message, 6);
    }
  }

  async function submitEdit() {
    if (!editing) return;
    const values = await editForm.validateFields();
    try {
      await update.mutateAsync({ id: editing.id, ...values });
      void message.success(t('已保存', 'Saved'));
      setEditing(null);
    } catch (error) {
      if (!applyFieldErrors(editForm, error)) void message.error((error as Error).message, 6);
    }
  }

  const bedTitle = (b: BoardBed) => `${b.buildingName} ${b.label}床`;

  return (
    <Card
      title={t('床位清单', 'Beds')}
      extra={<ExportExcelButton procedure="beds.export" run={() => callOrThrow('beds.export', {})} />}
    >
      <Typography.Paragraph type="secondary" data-testid="bed-actions-help">
        {t(
          '停用：暂时不用（维修等），随时可恢复使用。撤床：这张床以后不再使用，从房态图撤下，住过谁、发生过什么都保留。删除：只为录错的床位，仅限从未住过人的床位，删除后不留记录。',
          'Out of service: temporarily unavailable, can be restored. Retire: permanently out of use, history kept. Delete: only for beds entered by mistake that nobody ever used; leaves no record.',
        )}
      </Typography.Paragraph>
      <QueryView query={board}>
        {() => (
          <Table<BoardBed>
            rowKey="id"
            size="small"
            dataSource={beds}
            pagination={{
              pageSize: 50,
              showSizeChanger: false,
              showTotal: (n) => t(`共 ${n} 张床`, `${n} beds`),
            }}
            locale={{ emptyText: t('还没有床位 — 在上方批量创建', 'No beds yet') }}
            columns={[
              {
                title: t('楼栋', 'Building'),
                dataIndex: 'buildingName',
                filters: [...new Set(beds.map((b) => b.buildingName))].map((n) => ({ text: n, value: n })),
                onFilter: (v, b) => b.buildingName === v,
              },
              { title: t('楼层', 'Floor'), dataIndex: 'floor', sorter: (a, b) => a.floor - b.floor },
              { title: t('床位', 'Bed'), dataIndex: 'label' },
              { title: t('类型', 'Kind'), render: (_v, b) => label(bedKindLabels[b.kind]) },
              { title: t('房型', 'Room class'), dataIndex: 'roomClass' },
              {
                title: t('状态', 'Status'),
                render: (_v, b) => (
                  <Space>
                    <Tag
                      style={{
                        background: bedStatusStyle[b.status].background,
                        borderColor: bedStatusStyle[b.status].border,
                        color: bedStatusStyle[b.status].text,
                      }}
                    >
                      {label(bedStatusLabels[b.status])}
                    </Tag>
                    {b.resident?.name}
                    {b.outOfServiceReason && (
                      <Typography.Text type="secondary">{b.outOfServiceReason}</Typography.Text>
                    )}
                  </Space>
                ),
              },
              {
                title: t('操作', 'Actions'),
                render: (_v, b) =>
                  b.status === 'retired' ? null : (
                    <Space wrap>
                      <ActionButton
                        procedure="beds.update"
                        size="small"
                        onClick={() => {
                          editForm.setFieldsValue({ kind: b.kind, roomClass: b.roomClass });
                          setEditing(b);
                        }}
                      >
                        {t('修改', 'Edit')}
                      </ActionButton>
                      {b.status === 'vacant' && (
                        <ActionButton
                          procedure="beds.setOutOfService"
                          size="small"
                          title={t('暂时不用（如维修），随时可以恢复使用', 'Temporarily unavailable')}
                          onClick={() => {
                            reasonForm.resetFields();
                            setReasonFor({ bed: b, action: 'outOfService' });
                          }}
                        >
                          {t('停用', 'Take out of service')}
                        </ActionButton>
                      )}
                      {b.status === 'outOfService' && (
                        <ActionButton
                          procedure="beds.setOutOfService"
                          size="small"
                          onClick={() =>
                            void setOut
                              .mutateAsync({ id: b.id, reason: null })
                              .then(() => message.success(t(`${bedTitle(b)} 已恢复使用`, 'Back in service')))
                              .catch((e: Error) => message.error(e.message, 6))
                          }
                        >
                          {t('恢复使用', 'Back in service')}
                        </ActionButton>
                      )}
                      {(b.status === 'vacant' || b.status === 'outOfService') && (
                        <ActionButton
                          procedure="beds.retire"
                          size="small"
                          danger
                          title={t(
                            '永久不再使用这张床：从房态图上撤下，住过的人和记录都保留',
                            'Permanently out of use; its history is kept',
                          )}
                          onClick={() => {
                            reasonForm.resetFields();
                            setReasonFor({ bed: b, action: 'retire' });
                          }}
                        >
                          {t('撤床', 'Retire')}
                        </ActionButton>
                      )}
                      {(b.status === 'vacant' || b.status === 'outOfService') && (
                        <ActionButton
                          procedure="beds.delete"
                          size="small"
                          danger
                          type="text"
                          title={t(
                            '录错了才用：只有从未住过人的床位可以删除，删除后不留痕迹',
                            'For mistakes only: beds nobody ever used; leaves no trace',
                          )}
                          onClick={() =>
                            modal.confirm({
                              title: t(`确认删除 ${bedTitle(b)}？`, `Delete ${bedTitle(b)}?`),
                              content: t(
                                '只有从未住过人的床位可以删除；住过人的床位请「撤床」。',
                                'Only beds without history can be deleted; retire the others.',
                              ),
                              okText: t('删除', 'Delete'),
                              okButtonProps: { danger: true },
                              cancelText: t('取消', 'Cancel'),
                              onOk: () =>
                                remove
                                  .mutateAsync({ id: b.id })
                                  .catch((e: Error) => void message.error(e.message, 6)),
                            })
                          }
                        >
                          {t('删除', 'Delete')}
                        </ActionButton>
                      )}
                    </Space>
                  ),
              },
            ]}
          />
        )}
      </QueryView>
      <Modal
        open={reasonFor !== null}
        title={
          reasonFor
            ? reasonFor.action === 'retire'
              ? t(`撤床：${bedTitle(reasonFor.bed)}`, `Retire ${bedTitle(reasonFor.bed)}`)
              : t(`停用：${bedTitle(reasonFor.bed)}`, `Out of service: ${bedTitle(reasonFor.bed)}`)
            : ''
        }
        okText={t('确认', 'Confirm')}
        okButtonProps={{ danger: reasonFor?.action === 'retire' }}
        cancelText={t('取消', 'Cancel')}
        onOk={() => void submitReason()}
        onCancel={() => setReasonFor(null)}
        confirmLoading={setOut.isPending || retire.isPending}
        forceRender
      >
        {reasonFor?.action === 'retire' && (
          <Typography.Paragraph>
            {t(
              '撤床后这张床不再出现在房态图上，历史记录保留。只是录错了、从未住过人的床位，请用「删除」。',
              'The bed leaves the board; its history is kept. For a bed entered by mistake, use Delete.',
            )}
          </Typography.Paragraph>
        )}
        <Form form={reasonForm} layout="vertical">
          <Form.Item
            name="reason"
            label={t('原因', 'Reason')}
            rules={[
              { required: true, whitespace: true, message: t('请填写原因，如：维修', 'Enter a reason') },
            ]}
          >
            <Input maxLength={100} placeholder={t('如：维修、改作储物间', 'e.g. repairs')} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={editing !== null}
        title={editing ? t(`修改：${bedTitle(editing)}`, `Edit ${bedTitle(editing)}`) : ''}
        okText={t('保存', 'Save')}
        cancelText={t('取消', 'Cancel')}
        onOk={() => void submitEdit()}
        onCancel={() => setEditing(null)}
        confirmLoading={update.isPending}
        forceRender
      >
        <Form form={editForm} layout="vertical">
          <Form.Item name="kind" label={t('床位类型', 'Kind')}>
            <Radio.Group
              optionType="button"
              options={bedKinds.map((k) => ({ value: k, label: label(bedKindLabels[k]) }))}
            />
          </Form.Item>
          <Form.Item name="roomClass" label={t('房型', 'Room class')}>
            <Select options={(config.data?.roomClasses ?? []).map((c) => ({ value: c, label: c }))} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
