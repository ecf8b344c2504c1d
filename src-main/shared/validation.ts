import { z } from 'zod';
import type { FieldError } from './errors';

/**
 * Plain-words Chinese messages for the cases zod reports generically. Schemas still give their own
 * message where a field needs a specific instruction.
 */
const friendlyZh: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null) return '此项为必填项，请填写';
      return issue.expected === 'number' ? '请输入数字' : '填写的内容格式不对，请检查';
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1 ? '此项为必填项，请填写' : `至少需要 ${issue.minimum} 个字符`;
      }
      if (issue.origin === 'array') return `请至少选择 ${issue.minimum} 项`;
      return `不能小于 ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `最多 ${issue.maximum} 个字符，请精简`;
      if (issue.origin === 'array') return `最多选择 ${issue.maximum} 项`;
      return `不能大于 ${issue.maximum}`;
    case 'invalid_value':
      return '请从可选项中选择';
    case 'invalid_format':
      return '格式不正确，请检查';
    case 'unrecognized_keys':
      return `包含不认识的字段：${issue.keys.join('、')}`;
    default:
      return undefined;
  }
};

let configured = false;
/** Installs the Chinese error messages once per process / page. */
export function configureValidationMessages(): void {
  if (configured) return;
  configured = true;
  z.config({ customError: friendlyZh });
}
configureValidationMessages();

export function toFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

/** A calendar date in the institution's time zone, as `YYYY-MM-DD`. */
export const businessDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, '这一天不存在，请检查日期');

export const trimmed = (max: number) => z.string().trim().max(max);
export const requiredText = (max: number, message = '此项为必填项，请填写') =>
  z.string().trim().min(1, message).max(max);
