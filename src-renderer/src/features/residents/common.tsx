import {
  AlertOutlined,
  CoffeeOutlined,
  EnvironmentOutlined,
  EyeOutlined,
  FallOutlined,
  FireOutlined,
  MedicineBoxOutlined,
  SkinOutlined,
  TeamOutlined,
  VerticalAlignBottomOutlined,
} from '@ant-design/icons';
import {
  App,
  DatePicker,
  Form,
  Space,
  Tag,
  Tooltip,
  Typography,
  type FormInstance,
  type FormRule,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useState, type ComponentType, type CSSProperties } from 'react';
import { useSearchParams } from 'react-router';
import { careCategoryLabels, type CareCategory } from '../../../../src-main/shared/assessment/ability';
import {
  nineRiskItems,
  nineRiskLevelLabels,
  type NineRiskKey,
} from '../../../../src-main/shared/assessment/nine-risks';
import type { BedStatus, RiskBadge } from '../../../../src-main/shared/contract/residents';
import { residentStatusLabels, type ResidentStatus } from '../../../../src-main/shared/residents/lifecycle';
import { callOrThrow } from '../../api/client';
import { useSession } from '../../app/session';
import { useI18n, useLabel } from '../../i18n';
import { ActionButton } from '../../app/permissions';
import { serverDay } from '../../lib/dates';

export const riskIcons: Record<NineRiskKey, ComponentType<{ style?: CSSProperties }>> = {
  choking: CoffeeOutlined,
  ingestion: MedicineBoxOutlined,
  pressureInjury: SkinOutlined,
  scald: FireOutlined,
  fallFromBed: VerticalAlignBottomOutlined,
  fall: FallOutlined,
  wandering: EnvironmentOutlined,
  harm: AlertOutlined,
  activityAccident: TeamOutlined,
};

/** "跌倒：高风险" — what a risk badge's tooltip says. */
export function riskBadgeText(badge: RiskBadge, language: 'zh-CN' | 'en-US' = 'zh-CN'): string {
  const item = nineRiskItems[badge.key];
  const level = nineRiskLevelLabels[badge.level];
  return language === 'en-US' ? `${item.en}: ${level.en} risk` : `${item.zh}：${level.zhLong}`;
}

/** Small icons, one per 中/高 risk, each with a tooltip naming the risk and its level. */
export function RiskBadges({ badges, size = 16 }: { badges: RiskBadge[]; size?: number }) {
  const { language } = useI18n();
  if (badges.length === 0) return null;
  return (
    <Space size={4} className="risk-badges">
      {badges.map((b) => {
        const Icon = riskIcons[b.key];
        const text = riskBadgeText(b, language);
        return (
          <Tooltip key={b.key} title={text}>
            <span
              role="img"
              aria-label={text}
              data-risk={b.key}
              data-level={b.level}
              className="risk-badge"
              style={{ color: nineRiskLevelLabels[b.level].hex, fontSize: size }}
            >
              <Icon />
            </span>
          </Tooltip>
        );
      })}
    </Space>
  );
}

export function CareCategoryTag({ category }: { category: CareCategory | null }) {
  const label = useLabel();
  const { t } = useI18n();
  if (!category) return <Tag>{t('未评估', 'Not assessed')}</Tag>;
  const info = careCategoryLabels[category];
  return (
    <Tag color={info.color} data-category={category}>
      {label(info)}
    </Tag>
  );
}

export function ResidentStatusTag({ status }: { status: ResidentStatus }) {
  const label = useLabel();
  const info = residentStatusLabels[status];
  // On-leave is blue everywhere (UX: the bed board's on-leave colour).
  return <Tag color={status === 'onLeave' ? 'blue' : info.color}>{label(info)}</Tag>;
}

/** Colours of a bed cell: category colours for occupied beds, greys for the rest, blue for leave. */
export const bedStatusStyle: Record<BedStatus, { background: string; border: string; text: string }> = {
  vacant: { background: '#ffffff', border: '#d9d9d9', text: '#8c8c8c' },
  reserved: { background: '#f0f0f0', border: '#8c8c8c', text: '#595959' },
  occupied: { background: '#ffffff', border: '#595959', text: '#262626' },
  onLeave: { background: '#e6f4ff', border: '#1677ff', text: '#0958d9' },
  outOfService: { background: '#d9d9d9', border: '#8c8c8c', text: '#595959' },
  retired: { background: '#f5f5f5', border: '#d9d9d9', text: '#bfbfbf' },
};

export const careCategoryTint: Record<CareCategory, string> = {
  selfCare: '#f6ffed',
  partlyDependent: '#fff7e6',
  dependent: '#fff1f0',
};

/** `1号楼 301-2床`: how staff name a bed. */
export function bedName(bed: { buildingName: string; label: string } | null | undefined): string {
  return bed ? `${bed.buildingName} ${bed.label}床` : '';
}

/**
 * Which resident's card is open lives in the address (`?resident=12&tab=risks`), so the back button
 * closes it and a link can open it from any page.
 */
export function useResidentDrawer() {
  const [params, setParams] = useSearchParams();
  const raw = params.get('resident');
  const residentId = raw && /^\d+$/.test(raw) ? Number(raw) : null;
  const tab = params.get('tab') ?? 'profile';
  const open = useCallback(
    (id: number, nextTab?: string) =>
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        next.set('resident', String(id));
        if (nextTab) next.set('tab', nextTab);
        else next.delete('tab');
        return next;
      }),
    [setParams],
  );
  const close = useCallback(
    () =>
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        next.delete('resident');
        next.delete('tab');
        return next;
      }),
    [setParams],
  );
  const setTab = useCallback(
    (nextTab: string) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          next.set('tab', nextTab);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return { residentId, tab, open, close, setTab };
}

/**
 * Masked number with a 查看 button for holders of residents.viewIdNumber; every reveal is an
 * audited call, and the full number hides again after a minute so it is not left on screen.
 */
export function IdNumberCell({ residentId, masked }: { residentId: number; masked: string }) {
  const { t } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const [full, setFull] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    if (!full) return;
    const timer = setTimeout(() => setFull(null), 60_000);
    return () => clearTimeout(timer);
  }, [full]);
  async function reveal() {
    setLoading(true);
    try {
      const r = await callOrThrow('residents.revealIdNumber', { id: residentId });
      setFull(r.idNumber);
    } catch (error) {
      void message.error((error as Error).message);
    } finally {
      setLoading(false);
    }
  }
  return (
    <Space size={4} onClick={(e) => e.stopPropagation()}>
      <Typography.Text style={{ fontFamily: 'monospace' }} copyable={full ? { text: full } : false}>
        {full ?? masked}
      </Typography.Text>
      {can('residents.viewIdNumber') && !full && masked && (
        <ActionButton
          procedure="residents.revealIdNumber"
          size="small"
          type="link"
          icon={<EyeOutlined />}
          loading={loading}
          onClick={() => void reveal()}
          aria-label={t('查看完整证件号', 'Show full ID number')}
        >
          {t('查看', 'Show')}
        </ActionButton>
      )}
    </Space>
  );
}

const notFuture = (d: Dayjs) => d.isAfter(serverDay(), 'day');

/** A required date that cannot be in the future: what happened, not what is planned. */
export function DateField({ name, label, message }: { name: string; label: string; message: string }) {
  return (
    <Form.Item name={name} label={label} rules={[{ required: true, message }]}>
      <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" disabledDate={notFuture} />
    </Form.Item>
  );
}

/** Refuses a date before the one in `field`; give the Form.Item `dependencies={[field]}` so it re-checks. */
export function notBefore(field: string, message: string): FormRule {
  return ({ getFieldValue }) => ({
    validator: async (_r, v: Dayjs | null | undefined) => {
      const other = getFieldValue(field) as Dayjs | undefined;
      if (v && other && v.isBefore(other, 'day')) throw new Error(message);
    },
  });
}

/** The form's values, or null after scrolling to the first field at fault: on a long form it may be out of sight. */
export async function validateOrScroll<T>(form: FormInstance<T>): Promise<T | null> {
  return form.validateFields().catch((e: { errorFields?: Array<{ name: (string | number)[] }> }) => {
    const first = e.errorFields?.[0];
    if (first) form.scrollToField(first.name, { block: 'center' });
    return null;
  });
}
