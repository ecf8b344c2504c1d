import { Space, Typography } from 'antd';
import {
  nineRiskItems,
  nineRiskKeys,
  nineRiskLevelLabels,
} from '../../../../src-main/shared/assessment/nine-risks';
import { useI18n, useLabel } from '../../i18n';
import { riskIcons } from './common';

/** What each 九防 icon means and what its colour says, under any list that shows the icons. */
export function RiskLegend() {
  const { t } = useI18n();
  const label = useLabel();
  return (
    <Space wrap size={[14, 4]} className="risk-legend" data-testid="risk-legend">
      <Typography.Text type="secondary">{t('九防图标：', 'Risk icons:')}</Typography.Text>
      {nineRiskKeys.map((key) => {
        const Icon = riskIcons[key];
        return (
          <span key={key} data-risk={key}>
            <Icon /> {label(nineRiskItems[key])}
          </span>
        );
      })}
      <span>
        <span style={{ color: nineRiskLevelLabels.medium.hex }}>■</span>{' '}
        {t(nineRiskLevelLabels.medium.zhLong, 'medium risk')}
      </span>
      <span>
        <span style={{ color: nineRiskLevelLabels.high.hex }}>■</span>{' '}
        {t(nineRiskLevelLabels.high.zhLong, 'high risk')}
      </span>
      <Typography.Text type="secondary">
        {t('鼠标停在图标上可看详情', 'Hover an icon for details')}
      </Typography.Text>
    </Space>
  );
}
