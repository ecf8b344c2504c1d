import { Descriptions, Typography } from 'antd';
import type { AuditRow } from '../../../../src-main/shared/contract/system';
import { residentStatusLabels, type ResidentStatus } from '../../../../src-main/shared/residents/lifecycle';
import { useI18n } from '../../i18n';

/** Field names that come up in most rows, in the words on the forms; rarer ones keep their name. */
const fieldLabels: Record<string, { zh: string; en: string }> = {
  status: { zh: '状态', en: 'Status' },
  name: { zh: '姓名/名称', en: 'Name' },
  bedId: { zh: '床位', en: 'Bed' },
  label: { zh: '标签', en: 'Label' },
  reason: { zh: '原因', en: 'Reason' },
  event: { zh: '事件', en: 'Event' },
  kind: { zh: '类型', en: 'Kind' },
  roomClass: { zh: '房型', en: 'Room class' },
  careCategory: { zh: '护理类别', en: 'Care category' },
  careGrade: { zh: '护理等级', en: 'Care grade' },
  outOfServiceReason: { zh: '停用原因', en: 'Out-of-service reason' },
  retiredOn: { zh: '撤床日期', en: 'Retired on' },
  admittedOn: { zh: '入住日期', en: 'Admitted on' },
  dischargedOn: { zh: '退住日期', en: 'Discharged on' },
  note: { zh: '备注', en: 'Note' },
};

const show = (v: unknown, language: 'zh-CN' | 'en-US'): string => {
  if (v === null || v === undefined) return '—';
  if (typeof v !== 'string') return JSON.stringify(v);
  const status = residentStatusLabels[v as ResidentStatus];
  if (status) return language === 'en-US' ? status.en : status.zh;
  return v || '（空）';
};

/**
 * What changed, field by field (before → after) rather than two blobs of JSON; the program's name
 * for the action stays at the bottom for whoever supports the installation.
 */
export function AuditChanges({ row }: { row: AuditRow }) {
  const { t, language } = useI18n();
  const before = (row.before && typeof row.before === 'object' ? row.before : {}) as Record<string, unknown>;
  const after = (row.after && typeof row.after === 'object' ? row.after : {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (k) => show(before[k], language) !== show(after[k], language),
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
            <Descriptions.Item
              key={k}
              label={fieldLabels[k] ? (language === 'en-US' ? fieldLabels[k].en : fieldLabels[k].zh) : k}
            >
              {row.before !== null && (
                <>
                  <Typography.Text delete type="secondary">
                    {show(before[k], language)}
                  </Typography.Text>
                  {' → '}
                </>
              )}
              {row.after === null ? t('（已删除）', '(deleted)') : show(after[k], language)}
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
