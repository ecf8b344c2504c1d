import { Card, Statistic } from 'antd';
import { Link } from 'react-router';
import { useProcedure } from '../../api/hooks';
import { yuan } from './common';

/** Workbench KPI for finance and the front desk: what is owed now, and by how many residents. */
export function BillingTile() {
  const arrears = useProcedure('billing.reports.arrears', {}, { refetchInterval: 60_000 });
  const rows = arrears.data ?? [];
  const total = rows.reduce((s, r) => s + r.openFen, 0);
  return (
    <Card size="small" loading={arrears.isLoading}>
      <Link to="/billing/reports">
        <Statistic
          title={`欠费（${rows.length} 人）`}
          value={yuan(total)}
          valueStyle={{ color: total > 0 ? '#cf1322' : undefined }}
        />
      </Link>
    </Card>
  );
}
