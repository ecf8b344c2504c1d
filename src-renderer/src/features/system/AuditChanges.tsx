import { Descriptions, Typography } from 'antd';
import type { AuditRow } from '../../../../src-main/shared/contract/system';
import { useI18n } from '../../i18n';

const show = (v: unknown): string =>
  v === null || v === undefined ? '—' : typeof v === 'string' ? v || '（空）' : JSON.stringify(v);

/**
 * What changed, field by field (before → after) rather than two blobs of JSON; the program's name
 * for the action stays at the bottom for whoever supports the installation.
 */
export function AuditChanges({ row }: { row: AuditRow }) {
  const { t } = useI18n();
  const before = (row.before && typeof row.before === 'object' ? row.before : {}) as Record<string, unknown>;
  const after = (row.after && typeof row.after === 'object' ? row.after : {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (k) => show(before[k]) !== show(after[k]),
  );
  return (
    <div data-testid="audit-changes">
      {keys.length === 0 ? (
        <Typography.Text type="secondary">
          {t('没有记录字段变化。', 'No field changes recorded.')}
        </Typography.Text>
      ) : (
        <Descriptions size="small" column={1} bordered>
          {keys.map((k) => (
            <Descriptions.Item key={k} label={k}>
              {row.before !== null && (
                <>
                  <Typography.Text delete type="secondary">
                    {show(before[k])}
                  </Typography.Text>
                  {' → '}
                </>
              )}
              {row.after === null ? t('（已删除）', '(deleted)') : show(after[k])}
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 6 }} code>
        {row.procedure}
        {row.entity ? ` · ${row.entity}${row.entityId ? ` #${row.entityId}` : ''}` : ''}
      </Typography.Text>
    </div>
  );
}
