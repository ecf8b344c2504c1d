import { z } from 'zod';
import { SUMMARY_SCHEMA, summaryDocumentSchema } from '../../shared/contract/regulator';

/** The summary's JSON Schema as shipped in `resources/regulator/summary.schema.json`. */
export function summaryJsonSchemaText(): string {
  const schema = z.toJSONSchema(summaryDocumentSchema, { target: 'draft-2020-12' });
  return `${JSON.stringify(
    {
      ...schema,
      $id: `https://caredesk.invalid/schemas/${SUMMARY_SCHEMA}`,
      title: 'CareDesk 机构运营汇总（监管上报）',
    },
    null,
    2,
  )}\n`;
}
