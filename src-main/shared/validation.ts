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

/**
 * Characters nobody types on purpose: C0/C1 controls other than tab and line breaks, bidirectional
 * overrides and isolates (U+202E makes "exe.txt" display as "txt.exe"), and lone surrogate halves,
 * which are not text at all and break exports. They arrive by pasting from web pages or by attack.
 */
const UNSAFE_TEXT = new RegExp(
  [
    '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]',
    '[\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]',
    '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])',
    '(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]',
  ].join('|'),
);
export const UNSAFE_TEXT_MESSAGE =
  '含有看不见的控制字符或文字方向字符（常见于从网页或其他软件复制来的内容），请删除后重新输入';

export function hasUnsafeText(value: string): boolean {
  return UNSAFE_TEXT.test(value);
}

/** Every free-text field is built from these two, so each refuses the characters above. */
export const trimmed = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => !hasUnsafeText(s), UNSAFE_TEXT_MESSAGE);
export const requiredText = (max: number, message = '此项为必填项，请填写') =>
  z
    .string()
    .trim()
    .min(1, message)
    .max(max)
    .refine((s) => !hasUnsafeText(s), UNSAFE_TEXT_MESSAGE);

/**
 * Longest password accepted anywhere (new or typed in): hashing cost grows with length, and a
 * 15 MB "password" took a third of a second of the server's time.
 */
export const PASSWORD_MAX_LENGTH = 128;
/** A password being chosen. */
export const newPassword = z
  .string()
  .min(8, '密码至少 8 位')
  .max(PASSWORD_MAX_LENGTH, `密码最多 ${PASSWORD_MAX_LENGTH} 位`);
/** A password being typed to sign in or confirm; any characters, bounded length. */
export const enteredPassword = (message = '请输入密码') =>
  z
    .string()
    .min(1, message)
    .max(PASSWORD_MAX_LENGTH, `密码最多 ${PASSWORD_MAX_LENGTH} 位，请检查是否多粘贴了内容`);
