import { DownloadOutlined, ImportOutlined, UserAddOutlined } from '@ant-design/icons';
import { App, Card, Input, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import {
  careCategories,
  careCategoryLabels,
  type CareCategory,
} from '../../../../src-main/shared/assessment/ability';
import type { ResidentListRow } from '../../../../src-main/shared/contract/residents';
import { sexLabels } from '../../../../src-main/shared/id-number';
import { residentStatusLabels, type ResidentStatus } from '../../../../src-main/shared/residents/lifecycle';
import { callOrThrow } from '../../api/client';
import { useProcedure } from '../../api/hooks';
import { ErrorState } from '../../app/feedback';
import { useI18n, useLabel } from '../../i18n';
import { downloadBase64 } from '../../lib/files';
import {
  bedName,
  CareCategoryTag,
  IdNumberCell,
  ResidentStatusTag,
  RiskBadges,
  useResidentDrawer,
} from './common';
import { ImportDialog } from './ImportDialog';
import { ResidentDrawerHost } from './card/ResidentCard';
import { residentList } from '../print/documents/resident-list';
import { PrintButton } from '../print/PrintButton';
import { ActionButton } from '../../app/permissions';
import { RiskLegend } from './RiskLegend';

const statusChoices: ResidentStatus[] = [
  'admitted',
  'onLeave',
  'reserved',
  'waiting',
  'discharged',
  'archived',
];
const PAGE_SIZE = 20;
/** A compact page holds what a 768 px screen shows without scrolling, and then some. */
const COMPACT_PAGE_SIZE = 50;

type Density = 'standard' | 'compact';
const DENSITY_KEY = 'caredesk.residentList.density';

/** Remembered on this computer: the front desk that likes compact keeps compact. */
function useDensity(): [Density, (d: Density) => void] {
  const [density, setDensity] = useState<Density>(() =>
    localStorage.getItem(DENSITY_KEY) === 'compact' ? 'compact' : 'standard',
  );
  return [
    density,
    (d) => {
      localStorage.setItem(DENSITY_KEY, d);
      setDensity(d);
    },
  ];
}

/** 在住: everyone who lives here now, searchable by name, 拼音首字母 or bed. */
export function ResidentListPage() {
  const { t } = useI18n();
  const label = useLabel();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const drawer = useResidentDrawer();
  const [search, setSearch] = useState('');
  const [statuses, setStatuses] = useState<ResidentStatus[]>(['admitted', 'onLeave']);
  const [careCategory, setCareCategory] = useState<CareCategory | undefined>();
  const [buildingId, setBuildingId] = useState<number | undefined>();
  const [page, setPage] = useState(1);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [density, setDensity] = useDensity();
  const compact = density === 'compact';
  const pageSize = compact ? COMPACT_PAGE_SIZE : PAGE_SIZE;
  const buildings = useProcedure('facilities.buildings', {});

  const filter = {
    ...(search.trim() ? { search: search.trim() } : {}),
    ...(statuses.length > 0 ? { statuses } : {}),
    ...(careCategory ? { careCategory } : {}),
    ...(buildingId ? { buildingId } : {}),
  };
  const list = useProcedure(
    'residents.list',
    { ...filter, offset: (page - 1) * pageSize, limit: pageSize },
    { placeholderData: (previous) => previous },
  );

  function toggleStatus(s: ResidentStatus) {
    setPage(1);
    setStatuses((prev) => (prev.includes(s) ? prev.filter((x) => x !== s) : [...prev, s]));
  }

  async function exportExcel() {
    setExporting(true);
    try {
      const file = await callOrThrow('residents.export', filter);
      downloadBase64({
        ...file,
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      });
      void message.success(t(`已导出：${file.fileName}`, `Exported ${file.fileName}`));
    } catch (error) {
      void message.error((error as Error).message);
    } finally {
      setExporting(false);
    }
  }

  return (
    <Card
      title={t('在住老人', 'Residents')}
      extra={
        <Space wrap>
          <ActionButton
            procedure="residents.admit"
            type="primary"
            icon={<UserAddOutlined />}
            onClick={() => navigate('/residents/admission')}
          >
            {t('办理入住', 'Admit')}
          </ActionButton>
          <ActionButton
            procedure="residents.importCommit"
            icon={<ImportOutlined />}
            onClick={() => setImporting(true)}
          >
            {t('导入 Excel', 'Import Excel')}
          </ActionButton>
          <ActionButton
            procedure="residents.export"
            icon={<DownloadOutlined />}
            loading={exporting}
            onClick={() => void exportExcel()}
          >
            {t('导出 Excel', 'Export Excel')}
          </ActionButton>
          <PrintButton
            load={(ctx) => residentList(ctx, filter, buildings.data?.find((b) => b.id === buildingId)?.name)}
          >
            {t('打印名单', 'Print list')}
          </PrintButton>
        </Space>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap size="middle">
          <Input.Search
            allowClear
            size="large"
            style={{ width: 380 }}
            placeholder={t('姓名 / 拼音首字母（如 zgl）/ 床位号', 'Name, pinyin initials or bed')}
            aria-label={t('搜索老人', 'Search residents')}
            onSearch={(v) => {
              setSearch(v);
              setPage(1);
            }}
            onChange={(e) => {
              // Search as the user types: the list is small enough and the core answers quickly.
              setSearch(e.target.value);
              setPage(1);
            }}
          />
          <Select
            allowClear
            size="large"
            style={{ width: 180 }}
            placeholder={t('全部楼栋', 'All buildings')}
            value={buildingId}
            onChange={(v: number | undefined) => {
              setBuildingId(v);
              setPage(1);
            }}
            options={(buildings.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
          />
          <Segmented
            value={density}
            onChange={(v) => {
              setDensity(v as Density);
              setPage(1);
            }}
            aria-label={t('显示密度', 'Density')}
            options={[
              { value: 'standard', label: t('标准', 'Standard') },
              { value: 'compact', label: t('紧凑', 'Compact') },
            ]}
          />
        </Space>
        <Space wrap size={[8, 8]}>
          <Typography.Text type="secondary">{t('状态：', 'Status:')}</Typography.Text>
          {statusChoices.map((s) => (
            <Tag.CheckableTag key={s} checked={statuses.includes(s)} onChange={() => toggleStatus(s)}>
              {label(residentStatusLabels[s])}
            </Tag.CheckableTag>
          ))}
          <Typography.Text type="secondary" style={{ marginInlineStart: 16 }}>
            {t('护理类别：', 'Category:')}
          </Typography.Text>
          {careCategories.map((c) => (
            <Tag.CheckableTag
              key={c}
              checked={careCategory === c}
              onChange={(checked) => {
                setCareCategory(checked ? c : undefined);
                setPage(1);
              }}
            >
              {label(careCategoryLabels[c])}
            </Tag.CheckableTag>
          ))}
        </Space>
        {list.error ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<ResidentListRow>
            rowKey="id"
            size={compact ? 'small' : 'middle'}
            className={compact ? 'resident-list-compact' : undefined}
            data-density={density}
            loading={list.isFetching}
            dataSource={list.data?.rows ?? []}
            onRow={(row) => ({ onClick: () => drawer.open(row.id), style: { cursor: 'pointer' } })}
            locale={{
              emptyText: search
                ? t(`没有找到「${search}」，请换个写法或检查状态筛选`, `Nothing matches "${search}"`)
                : t('这里还没有老人 — 点右上角「办理入住」或「导入 Excel」', 'No residents yet'),
            }}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: false,
              showTotal: (total) => t(`共 ${total} 人`, `${total} residents`),
              onChange: setPage,
            }}
            columns={[
              {
                title: t('姓名', 'Name'),
                render: (_v, r) => (
                  <Space orientation={compact ? 'horizontal' : 'vertical'} size={compact ? 6 : 0}>
                    <Typography.Text strong>{r.name}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
                      {[
                        r.sex ? label(sexLabels[r.sex]) : null,
                        r.age !== null ? t(`${r.age}岁`, `${r.age} y`) : null,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </Typography.Text>
                  </Space>
                ),
                sorter: (a, b) => a.pinyinInitials.localeCompare(b.pinyinInitials),
              },
              {
                title: t('床位', 'Bed'),
                render: (_v, r) => bedName(r.bed) || '—',
                sorter: (a, b) => bedName(a.bed).localeCompare(bedName(b.bed), 'zh-CN', { numeric: true }),
              },
              {
                title: t('护理类别', 'Care category'),
                render: (_v, r) => <CareCategoryTag category={r.careCategory} />,
              },
              { title: t('护理等级', 'Care grade'), render: (_v, r) => r.careGrade ?? '—' },
              {
                title: t('九防风险', 'Risks'),
                render: (_v, r) => <RiskBadges badges={r.riskBadges} />,
              },
              { title: t('状态', 'Status'), render: (_v, r) => <ResidentStatusTag status={r.status} /> },
              {
                title: t('证件号码', 'ID number'),
                render: (_v, r) => <IdNumberCell residentId={r.id} masked={r.idNumberMasked} />,
              },
              {
                title: t('入住日期', 'Admitted'),
                dataIndex: 'admittedOn',
                render: (v: string | null) => v ?? '—',
                sorter: (a, b) => (a.admittedOn ?? '').localeCompare(b.admittedOn ?? ''),
              },
            ]}
          />
        )}
        <RiskLegend />
      </Space>
      <ImportDialog open={importing} onClose={() => setImporting(false)} />
      <ResidentDrawerHost />
    </Card>
  );
}
