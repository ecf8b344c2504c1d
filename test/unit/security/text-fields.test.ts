import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { procedures } from '../../../src-main/shared/contract';
import { UNSAFE_TEXT_MESSAGE, hasUnsafeText } from '../../../src-main/shared/validation';

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  valueType?: z.ZodType;
  left?: z.ZodType;
  right?: z.ZodType;
}
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Every string leaf of a schema with its path (`residents.create:name`). */
function stringLeaves(schema: z.ZodType, path: string, out: Array<[string, z.ZodType]>, seen = new Set()) {
  if (seen.has(schema)) return;
  seen.add(schema);
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      out.push([path, schema]);
      return;
    case 'object':
      for (const [k, v] of Object.entries(def.shape ?? {})) stringLeaves(v, `${path}.${k}`, out, seen);
      return;
    case 'pipe':
      // z.string().transform(…): the string it starts from is what the user typed.
      if (def.in && defOf(def.in).type === 'string') out.push([path, schema]);
      else if (def.in) stringLeaves(def.in, path, out, seen);
      return;
    case 'array':
      if (def.element) stringLeaves(def.element, `${path}[]`, out, seen);
      return;
    case 'record':
      if (def.valueType) stringLeaves(def.valueType, `${path}{}`, out, seen);
      return;
    case 'union':
      for (const o of def.options ?? []) stringLeaves(o, path, out, seen);
      return;
    case 'intersection':
      for (const o of [def.left, def.right]) if (o) stringLeaves(o, path, out, seen);
      return;
    default:
      if (def.innerType) stringLeaves(def.innerType, path, out, seen);
  }
}

/** Fields that take any character on purpose: secrets and encoded files are never shown as text. */
const EXEMPT = [/password/i, /\.base64$/, /\.content$/];

const BAD = {
  NUL: '张\u0000三',
  'right-to-left override': '张三\u202Eexe.txt',
  'bidi isolate': '张\u2066三',
  'lone surrogate': '张\uD800三',
  'C1 control': '张\u0085三',
};

describe('every text field refuses control, bidi and lone-surrogate characters', () => {
  const leaves: Array<[string, z.ZodType]> = [];
  for (const [name, def] of Object.entries(procedures)) stringLeaves(def.input as z.ZodType, name, leaves);
  const checked = leaves.filter(([path]) => !EXEMPT.some((re) => re.test(path)));

  it('finds the text fields of the contract', () => {
    expect(checked.length).toBeGreaterThan(100);
  });

  it.each(Object.entries(BAD))('refuses %s', (_what, bad) => {
    const accepted = checked.filter(([, leaf]) => leaf.safeParse(bad).success).map(([path]) => path);
    expect(accepted).toEqual([]);
  });

  it('says why, in Chinese, where the field would otherwise take the text', async () => {
    const { procedures: p } = await import('../../../src-main/shared/contract');
    const parsed = p['residents.create'].input.safeParse({
      name: '张\u202E三',
      idNumber: '110101194501011222',
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message)).toContain(UNSAFE_TEXT_MESSAGE);
  });

  it('keeps ordinary Chinese, line breaks, tabs and emoji', () => {
    for (const ok of ['张桂兰', '第一行\n第二行', 'a\tb', '👵🏻 王奶奶', 'ＡＢＣ１２３', '\r\n']) {
      expect(hasUnsafeText(ok)).toBe(false);
    }
    for (const bad of Object.values(BAD)) expect(hasUnsafeText(bad)).toBe(true);
  });
});
