import { Alert, Descriptions, Tag } from 'antd';
import { Link } from 'react-router';
import {
  ratioCategoryLabels,
  ratioSentence,
  ROSTER_EMPTY_TEXT,
  type RatioResult,
} from '../../../../src-main/shared/contract/staff';
import { useI18n } from '../../i18n';

/** Care-category colours used everywhere: 自理 green, 半失能 orange, 失能 red. */
export const categoryColors = { dependent: 'red', partlyDependent: 'orange', selfCare: 'green' } as const;

export function ratioText(r: RatioResult, prefix = ''): string {
  return ratioSentence(r, prefix);
}

/** One day's ratio: residents by category, required against available. */
export function RatioSummary({ ratio, testId }: { ratio: RatioResult; testId?: string }) {
  const { t } = useI18n();
  return (
    <>
      {ratio.rosterEmpty && (
        <div style={{ marginBottom: 16 }}>
          <RosterEmptyNotice />
        </div>
      )}
      <Descriptions bordered size="middle" column={{ xs: 1, md: 2 }} data-testid={testId}>
        {(['dependent', 'partlyDependent', 'selfCare'] as const).map((c) => (
          <Descriptions.Item
            key={c}
            label={
              <Tag color={categoryColors[c]}>
                {ratioCategoryLabels[c].zh} 1:{ratio.perCaregiver[c]}
              </Tag>
            }
          >
            {t(`${ratio.residents[c]} 人`, `${ratio.residents[c]}`)}
          </Descriptions.Item>
        ))}
        <Descriptions.Item label={t('未评估（按失能计）', 'Not yet assessed')}>
          {t(`${ratio.residents.uncategorised} 人`, `${ratio.residents.uncategorised}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('需护理员', 'Required')}>
          <strong data-testid="ratio-required">{ratio.required}</strong> {t('人', '')}
        </Descriptions.Item>
        <Descriptions.Item label={t('现有护理员（折算全职）', 'Available (FTE)')}>
          <strong data-testid="ratio-available">{ratio.available}</strong> {t('人', '')}
        </Descriptions.Item>
        <Descriptions.Item label={t('结论', 'Result')} span={2}>
          {ratio.rosterEmpty ? (
            <Tag>{t('尚未登记护理员', 'No caregivers recorded')}</Tag>
          ) : ratio.compliant ? (
            <Tag color="success">{t('符合配比', 'Compliant')}</Tag>
          ) : (
            <Tag color="error">{t(`缺 ${ratio.shortfall} 人`, `Short by ${ratio.shortfall}`)}</Tag>
          )}
          {ratio.rounding === 'perCategory'
            ? t('（各类别分别向上取整）', ' (rounded up per category)')
            : t('（合计后向上取整）', ' (rounded up once)')}
        </Descriptions.Item>
      </Descriptions>
    </>
  );
}

/** Shown instead of a shortfall while the roster holds no caregiver: says why, and where to fix it. */
export function RosterEmptyNotice() {
  const { t } = useI18n();
  return (
    <Alert
      type="info"
      showIcon
      data-testid="ratio-roster-empty"
      title={t(ROSTER_EMPTY_TEXT, 'No caregivers on the roster yet: the ratio cannot be worked out')}
      description={
        <span>
          {t('登记护理员后即可核算配比。', 'Record the caregivers to see the ratio. ')}
          <Link to="/staff/roster">{t('去登记人员名册', 'Open the staff roster')}</Link>
        </span>
      }
    />
  );
}
