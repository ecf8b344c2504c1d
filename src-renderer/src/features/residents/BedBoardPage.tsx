import { Button, Card, Col, Empty, Input, Row, Segmented, Space, Statistic, Tag, Typography } from 'antd';
import {
  memo,
  useCallback,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type MouseEvent,
} from 'react';
import { useNavigate } from 'react-router';
import {
  careCategories,
  careCategoryLabels,
  type CareCategory,
} from '../../../../src-main/shared/assessment/ability';
import { nineRiskLevelLabels } from '../../../../src-main/shared/assessment/nine-risks';
import {
  bedKindLabels,
  bedStatusLabels,
  type BedBoard,
  type BedStatus,
  type BoardBed,
  type BoardCell,
  boardBeds,
} from '../../../../src-main/shared/contract/residents';
import { sexLabels } from '../../../../src-main/shared/id-number';
import { leaveKindLabels } from '../../../../src-main/shared/residents/lifecycle';
import { useProcedure } from '../../api/hooks';
import { QueryView } from '../../app/feedback';
import { useSession } from '../../app/session';
import { useI18n, useLabel } from '../../i18n';
import { bedStatusStyle, careCategoryTint, riskBadgeText, riskIcons, useResidentDrawer } from './common';
import { ResidentDrawerHost } from './card/ResidentCard';
import { RiskLegend } from './RiskLegend';
import './residents.css';
import { callOrThrow } from '../../api/client';
import { bedBoardDoc } from '../print/documents/bed-board';
import { bedCards } from '../print/documents/bed-card';
import { ExportExcelButton } from '../print/ExportExcelButton';
import { PrintButton } from '../print/PrintButton';

const boardStatuses: BedStatus[] = ['occupied', 'onLeave', 'vacant', 'reserved', 'outOfService', 'retired'];

/** The colours of one bed: care category for occupied beds, blue on leave, greys otherwise. */
export function bedColours(bed: Pick<BoardCell, 'status' | 'resident'>): {
  background: string;
  border: string;
  text: string;
} {
  const base = bedStatusStyle[bed.status];
  const category = bed.resident?.careCategory;
  if (bed.status === 'occupied' && category) {
    return {
      background: careCategoryTint[category],
      border: careCategoryLabels[category].hex,
      text: '#262626',
    };
  }
  return base;
}

/** 房态图: every bed at a glance, coloured by who is in it. */
export function BedBoardPage() {
  const query = useProcedure('beds.board', {}, { refetchInterval: 60_000 });
  return (
    <>
      <QueryView query={query}>{(board) => <Board board={board} />}</QueryView>
      <ResidentDrawerHost />
    </>
  );
}

function Board({ board }: { board: BedBoard }) {
  const { t } = useI18n();
  const label = useLabel();
  const { can } = useSession();
  const navigate = useNavigate();
  const drawer = useResidentDrawer();
  const [buildingId, setBuildingId] = useState<string>('all');
  const [statuses, setStatuses] = useState<BedStatus[]>([]);
  const [categories, setCategories] = useState<CareCategory[]>([]);
  const [query, setQuery] = useState('');
  const [hover, setHover] = useState<{ bed: BoardBed; x: number; y: number } | null>(null);

  // The hover card names the bed's building and room class: the flat beds carry them.
  const bedsById = useMemo(() => new Map(boardBeds(board).map((bed) => [bed.id, bed])), [board]);

  // Found beds are outlined and the others dimmed, so the bed stands out where it is on its floor.
  const hits = useMemo(() => {
    const q = query.trim();
    if (!q) return null;
    const found = new Set<number>();
    for (const bed of bedsById.values()) {
      if (bed.resident?.name.includes(q) || `${bed.label}床`.includes(q) || bed.label === q)
        found.add(bed.id);
    }
    return found;
  }, [query, bedsById]);

  const visible = useMemo(() => {
    const matches = (bed: BoardCell) =>
      (statuses.length === 0 ? bed.status !== 'retired' : statuses.includes(bed.status)) &&
      (categories.length === 0 ||
        (bed.resident?.careCategory != null && categories.includes(bed.resident.careCategory)));
    return board.buildings
      .filter((b) => buildingId === 'all' || String(b.id) === buildingId)
      .map((b) => ({
        ...b,
        floors: b.floors
          .map((f) => ({
            ...f,
            rooms: f.rooms
              .map((r) => ({ ...r, beds: r.beds.filter(matches) }))
              .filter((r) => r.beds.length > 0),
          }))
          .filter((f) => f.rooms.length > 0),
      }))
      .filter((b) => b.floors.length > 0);
  }, [board, buildingId, statuses, categories]);

  // One hover card for the whole board, driven by event delegation: a Popover per bed would mount
  // a thousand components that nobody is looking at. The handlers are stable so hovering never
  // re-renders the grid.
  const hoveredId = useRef<number | null>(null);
  const onOver = useCallback(
    (e: MouseEvent<HTMLDivElement>) => {
      const cell = (e.target as HTMLElement).closest<HTMLElement>('[data-bed-id]');
      const id = cell ? Number(cell.dataset.bedId) : null;
      if (hoveredId.current === id) return;
      hoveredId.current = id;
      const bed = id === null ? undefined : bedsById.get(id);
      if (!cell || !bed) {
        setHover(null);
        return;
      }
      const rect = cell.getBoundingClientRect();
      const x = rect.right + 270 > window.innerWidth ? rect.left - 270 : rect.right + 8;
      setHover({ bed, x, y: Math.max(8, Math.min(rect.top, window.innerHeight - 260)) });
    },
    [bedsById],
  );
  const onLeave = useCallback(() => {
    hoveredId.current = null;
    setHover(null);
  }, []);
  const openResident = drawer.open;
  const mayAdmit = can('residents.write');
  const onClick = useCallback(
    (e: MouseEvent<HTMLDivElement>) => {
      const cell = (e.target as HTMLElement).closest<HTMLElement>('[data-bed-id]');
      const bed = cell ? bedsById.get(Number(cell.dataset.bedId)) : undefined;
      if (!bed) return;
      hoveredId.current = null;
      setHover(null);
      if (bed.resident) openResident(bed.resident.id);
      else if (bed.status === 'vacant' && mayAdmit) navigate(`/residents/admission?new=1&bed=${bed.id}`);
    },
    [bedsById, openResident, mayAdmit, navigate],
  );

  // `total` counts beds that are not retired; out-of-service beds cannot be let.
  const c = board.counts;
  const occupancy =
    c.total - c.outOfService > 0
      ? Math.round(((c.occupied + c.onLeave) / (c.total - c.outOfService)) * 1000) / 10
      : 0;
  const toggle = <T,>(list: T[], v: T) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <Row gutter={16}>
          <Col>
            <Statistic title={t('床位总数', 'Beds')} value={c.total} />
          </Col>
          <Col>
            <Statistic title={t('在住', 'Occupied')} value={c.occupied} />
          </Col>
          <Col>
            <Statistic title={t('请假', 'On leave')} value={c.onLeave} />
          </Col>
          <Col>
            <Statistic title={t('空床', 'Vacant')} value={c.vacant} />
          </Col>
          <Col>
            <Statistic title={t('已预订', 'Reserved')} value={c.reserved} />
          </Col>
          <Col>
            <Statistic title={t('停用', 'Out of service')} value={c.outOfService} />
          </Col>
          <Col>
            <Statistic title={t('入住率', 'Occupancy')} value={occupancy} suffix="%" />
          </Col>
          <Col>
            <Statistic title={t('护理型床位', 'Nursing beds')} value={c.nursingBeds} />
          </Col>
        </Row>
      </Card>
      <Card size="small">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space wrap size="middle">
            {board.buildings.length > 1 && (
              <Segmented
                value={buildingId}
                onChange={setBuildingId}
                options={[
                  { value: 'all', label: t('全部楼栋', 'All buildings') },
                  ...board.buildings.map((b) => ({ value: String(b.id), label: b.name })),
                ]}
              />
            )}
            <Input.Search
              allowClear
              style={{ width: 280 }}
              placeholder={t('找老人或床位：姓名 / 101-1', 'Find a resident or bed')}
              aria-label={t('找老人或床位', 'Find a resident or bed')}
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              onSearch={(v) => {
                setQuery(v);
                document.querySelector('.bed-cell-hit')?.scrollIntoView({ block: 'center' });
              }}
            />
            {hits && (
              <Typography.Text
                type={hits.size === 0 ? 'danger' : 'secondary'}
                data-testid="bed-search-result"
              >
                {hits.size === 0
                  ? t(`没有找到「${query.trim()}」`, `Nothing matches "${query.trim()}"`)
                  : t(`找到 ${hits.size} 张床，已用蓝框标出`, `${hits.size} found, outlined in blue`)}
              </Typography.Text>
            )}
          </Space>
          <Space wrap size={[8, 8]}>
            <Typography.Text type="secondary">{t('床位状态：', 'Status:')}</Typography.Text>
            {boardStatuses.map((s) => {
              const st = bedStatusStyle[s];
              return (
                <Tag.CheckableTag
                  key={s}
                  checked={statuses.includes(s)}
                  onChange={() => setStatuses(toggle(statuses, s))}
                >
                  <span
                    className="bed-legend-swatch"
                    style={{ background: st.background, borderColor: st.border }}
                  />
                  {label(bedStatusLabels[s])} {c[s]}
                </Tag.CheckableTag>
              );
            })}
            <Typography.Text type="secondary" style={{ marginInlineStart: 12 }}>
              {t('护理类别：', 'Category:')}
            </Typography.Text>
            {careCategories.map((cat) => (
              <Tag.CheckableTag
                key={cat}
                checked={categories.includes(cat)}
                onChange={() => setCategories(toggle(categories, cat))}
              >
                <span
                  className="bed-legend-swatch"
                  style={{ background: careCategoryTint[cat], borderColor: careCategoryLabels[cat].hex }}
                />
                {label(careCategoryLabels[cat])}
              </Tag.CheckableTag>
            ))}
            {(statuses.length > 0 || categories.length > 0) && (
              <Button
                size="small"
                type="link"
                onClick={() => {
                  setStatuses([]);
                  setCategories([]);
                }}
              >
                {t('清除筛选', 'Clear filters')}
              </Button>
            )}
          </Space>
          <RiskLegend />
        </Space>
      </Card>
      <Card
        size="small"
        title={t('房态图', 'Bed board')}
        extra={
          <Space wrap>
            <PrintButton
              load={(ctx) => bedBoardDoc(ctx, buildingId === 'all' ? undefined : Number(buildingId))}
            >
              {t('打印房态图', 'Print board')}
            </PrintButton>
            <PrintButton
              disabled={
                !visible.some((b) =>
                  b.floors.some((f) => f.rooms.some((r) => r.beds.some((x) => x.resident))),
                )
              }
              load={(ctx) =>
                bedCards(
                  ctx,
                  visible.flatMap((b) =>
                    b.floors.flatMap((f) =>
                      f.rooms.flatMap((r) => r.beds.flatMap((x) => (x.resident ? [x.resident.id] : []))),
                    ),
                  ),
                )
              }
            >
              {t('打印床头卡', 'Print bed cards')}
            </PrintButton>
            {can('residents.export') && (
              <ExportExcelButton
                procedure="beds.export"
                run={() =>
                  callOrThrow('beds.export', buildingId === 'all' ? {} : { buildingId: Number(buildingId) })
                }
              />
            )}
          </Space>
        }
      >
        {bedsById.size === 0 ? (
          <Empty description={t('还没有床位', 'No beds yet')}>
            {can('facilities.manage') && (
              <Button type="primary" onClick={() => navigate('/residents/facilities')}>
                {t('批量创建床位', 'Create beds')}
              </Button>
            )}
          </Empty>
        ) : visible.length === 0 ? (
          <Empty description={t('没有符合筛选条件的床位', 'No beds match the filters')} />
        ) : (
          <BoardGrid buildings={visible} hits={hits} onOver={onOver} onLeave={onLeave} onClick={onClick} />
        )}
      </Card>
      {hover && <HoverCard bed={hover.bed} x={hover.x} y={hover.y} />}
    </Space>
  );
}

const BoardGrid = memo(function BoardGrid({
  buildings,
  hits,
  onOver,
  onLeave,
  onClick,
}: {
  buildings: BedBoard['buildings'];
  hits: Set<number> | null;
  onOver: (e: MouseEvent<HTMLDivElement>) => void;
  onLeave: () => void;
  onClick: (e: MouseEvent<HTMLDivElement>) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const started = performance.now();
  // One room width for the whole board, so the floors line up even when a filter thins a room out.
  const roomBeds = Math.max(
    1,
    ...buildings.flatMap((b) => b.floors.flatMap((f) => f.rooms.map((r) => r.beds.length))),
  );
  useLayoutEffect(() => {
    // Render + commit time of the grid, read by the e2e benchmark; nothing else depends on it.
    ref.current?.setAttribute('data-render-ms', (performance.now() - started).toFixed(1));
  });
  useLayoutEffect(() => {
    if (hits && hits.size > 0)
      ref.current?.querySelector('.bed-cell-hit')?.scrollIntoView({ block: 'center' });
  }, [hits]);
  return (
    <div
      ref={ref}
      className={hits ? 'bed-board bed-board-searching' : 'bed-board'}
      data-testid="bed-board"
      onMouseOver={onOver}
      onMouseLeave={onLeave}
      onClick={onClick}
    >
      {buildings.map((b) => (
        <section key={b.id} className="bed-board-building" aria-label={b.name}>
          <Typography.Title level={5}>{b.name}</Typography.Title>
          {b.floors.map((f) => (
            <div key={f.floor} className="bed-board-floor" data-testid="bed-floor">
              <FloorSummary floor={f} />
              <div
                className="bed-board-rooms"
                style={
                  {
                    '--room-w': `${roomBeds * 102 + 14}px`,
                  } as CSSProperties
                }
              >
                {f.rooms.map((r) => (
                  <div key={r.id} className="bed-room">
                    <div className="bed-room-title">
                      {r.number} · {r.roomClass}
                    </div>
                    <div className="bed-room-beds">
                      {r.beds.map((bed) => (
                        <BedCell
                          key={bed.id}
                          bed={bed}
                          buildingName={b.name}
                          hit={hits === null ? null : hits.has(bed.id)}
                        />
                      ))}
                    </div>
                  </div>
                ))}
              </div>
            </div>
          ))}
        </section>
      ))}
    </div>
  );
});

/** "2楼 · 20 张 · 在住 14 · 请假 1 · 空床 5": the floor at a glance, for the beds shown. */
function FloorSummary({ floor }: { floor: BedBoard['buildings'][number]['floors'][number] }) {
  const { t } = useI18n();
  const beds = floor.rooms.flatMap((r) => r.beds);
  const n = (s: BedStatus) => beds.filter((b) => b.status === s).length;
  const parts: Array<[BedStatus, string]> = [
    ['occupied', t('在住', 'occupied')],
    ['onLeave', t('请假', 'on leave')],
    ['vacant', t('空床', 'vacant')],
    ['reserved', t('预订', 'reserved')],
    ['outOfService', t('停用', 'closed')],
  ];
  return (
    <div className="bed-board-floor-label" data-testid="bed-floor-summary">
      <strong>{t(`${floor.floor}楼`, `Floor ${floor.floor}`)}</strong>
      <span>{t(`${beds.length} 张`, `${beds.length} beds`)}</span>
      {parts
        .filter(([s]) => n(s) > 0)
        .map(([s, word]) => (
          <span key={s} className={`bed-floor-count bed-floor-${s}`}>
            {word} {n(s)}
          </span>
        ))}
    </div>
  );
}

/** Deliberately plain: a div, two lines of text and at most three icons, no antd components. */
const BedCell = memo(function BedCell({
  bed,
  buildingName,
  hit,
}: {
  bed: BoardCell;
  buildingName: string;
  hit: boolean | null;
}) {
  const { t, language } = useI18n();
  const colours = bedColours(bed);
  const bedNo = bed.label.slice(bed.label.lastIndexOf('-') + 1);
  const r = bed.resident;
  const statusText: Record<BedStatus, string> = {
    vacant: t('空床', 'Vacant'),
    occupied: '',
    reserved: t('预订', 'Reserved'),
    onLeave: t('请假', 'On leave'),
    outOfService: t('停用', 'Closed'),
    retired: t('已撤', 'Retired'),
  };
  return (
    <div
      className={hit === null ? 'bed-cell' : hit ? 'bed-cell bed-cell-hit' : 'bed-cell bed-cell-dim'}
      data-hit={hit === null ? undefined : String(hit)}
      role="button"
      tabIndex={0}
      data-bed-id={bed.id}
      data-bed-label={bed.label}
      data-status={bed.status}
      data-category={r?.careCategory ?? ''}
      aria-label={`${buildingName} ${bed.label}床 ${r ? r.name : statusText[bed.status]}`}
      style={{ background: colours.background, borderColor: colours.border, color: colours.text }}
    >
      <div className="bed-cell-no">
        {t(`${bedNo}床`, `Bed ${bedNo}`)}
        {bed.status !== 'occupied' && ` · ${statusText[bed.status]}`}
      </div>
      <div className="bed-cell-name">{r ? r.name : ''}</div>
      {r && r.riskBadges.length > 0 && (
        <div className="bed-cell-risks">
          {r.riskBadges.slice(0, 3).map((b) => {
            const Icon = riskIcons[b.key];
            return (
              <span
                key={b.key}
                title={riskBadgeText(b, language)}
                style={{ color: nineRiskLevelLabels[b.level].hex }}
                data-risk={b.key}
              >
                <Icon />
              </span>
            );
          })}
        </div>
      )}
    </div>
  );
});

function HoverCard({ bed, x, y }: { bed: BoardBed; x: number; y: number }) {
  const { t, language } = useI18n();
  const label = useLabel();
  const r = bed.resident;
  return (
    <div className="bed-hover-card" style={{ left: x, top: y }} role="tooltip" data-testid="bed-hover">
      <Typography.Text strong>
        {bed.buildingName} {bed.label}床
      </Typography.Text>
      <Typography.Text type="secondary">
        {' '}
        · {bed.roomClass} · {label(bedKindLabels[bed.kind])}
      </Typography.Text>
      <div style={{ marginTop: 6 }}>
        <Tag>{label(bedStatusLabels[bed.status])}</Tag>
        {bed.outOfServiceReason && <span>{bed.outOfServiceReason}</span>}
      </div>
      {r ? (
        <div style={{ marginTop: 6 }}>
          <div style={{ fontSize: '1.15em', fontWeight: 600 }}>
            {r.name}{' '}
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
              {[r.sex ? label(sexLabels[r.sex]) : null, r.age !== null ? t(`${r.age}岁`, `${r.age} y`) : null]
                .filter(Boolean)
                .join(' · ')}
            </Typography.Text>
          </div>
          <div style={{ marginTop: 4 }}>
            {r.careCategory ? (
              <Tag color={careCategoryLabels[r.careCategory].color}>
                {label(careCategoryLabels[r.careCategory])}
              </Tag>
            ) : (
              <Tag>{t('未评估', 'Not assessed')}</Tag>
            )}
            {r.careGrade && <Tag>{r.careGrade}</Tag>}
          </div>
          {r.leave && (
            <div style={{ marginTop: 4, color: '#0958d9' }}>
              {t(
                `${leaveKindLabels[r.leave.kind].zh}中${r.leave.expectedReturnOn ? `，预计 ${r.leave.expectedReturnOn} 返回` : ''}`,
                `${leaveKindLabels[r.leave.kind].en}${r.leave.expectedReturnOn ? `, back ${r.leave.expectedReturnOn}` : ''}`,
              )}
            </div>
          )}
          {r.riskBadges.length > 0 && (
            <div style={{ marginTop: 4 }}>
              {r.riskBadges.map((b) => (
                <div key={b.key} style={{ color: nineRiskLevelLabels[b.level].hex }}>
                  {riskBadgeText(b, language)}
                </div>
              ))}
            </div>
          )}
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 6 }}>
            {t('点击打开档案', 'Click to open the record')}
          </Typography.Text>
        </div>
      ) : bed.status === 'vacant' ? (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 6 }}>
          {t('点击为这张床办理入住', 'Click to admit someone to this bed')}
        </Typography.Text>
      ) : null}
    </div>
  );
}
