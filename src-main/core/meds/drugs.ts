import { pinyin } from 'pinyin-pro';
import type { Drug, DrugControl, ParsedInputOf } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { MedsDeps, MedsOp, Stmt } from './common';

export interface DrugRow {
  id: number;
  name: string;
  generic_name: string;
  spec: string;
  form: string;
  unit: string;
  high_alert: number;
  controlled: string;
  pinyin_initials: string;
  pinyin_full: string;
  active: number;
}

export const drugOf = (r: DrugRow): Drug => ({
  id: r.id,
  name: r.name,
  genericName: r.generic_name,
  spec: r.spec,
  form: r.form,
  unit: r.unit,
  highAlert: r.high_alert === 1,
  controlled: r.controlled as DrugControl,
  pinyinInitials: r.pinyin_initials,
  active: r.active === 1,
});

/** Search keys for 华法林钠片: "hflnp" and "hualinnapian"; Latin letters and digits pass through. */
function keys(text: string): { initials: string; full: string } {
  const clean = text.replace(/\s+/g, '');
  if (clean === '') return { initials: '', full: '' };
  const keep = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const first = pinyin(clean, { pattern: 'first', toneType: 'none', type: 'array', v: true });
  const full = pinyin(clean, { toneType: 'none', type: 'array', v: true });
  return { initials: first.map(keep).join(''), full: full.map(keep).join('') };
}

/** The drug catalog, searchable by name, generic name or pinyin (首字母 or full). */
export function createDrugs(deps: MedsDeps & { stmt: Stmt }) {
  const { stmt } = deps;

  /** The whole catalog, kept until the next write (a few hundred rows at most). */
  function all(): Map<number, Drug> {
    return deps.sql.remember('meds.drugs', () => {
      const rows = stmt('SELECT * FROM meds_drugs ORDER BY name, spec, id').all() as DrugRow[];
      return new Map(rows.map((r) => [r.id, drugOf(r)]));
    });
  }

  function find(id: number): Drug | undefined {
    return all().get(id);
  }
  function get(id: number): Drug {
    const d = find(id);
    if (!d) throw new AppError('NOT_FOUND', '找不到这个药品，请刷新药品目录后重试');
    return d;
  }

  function list(q?: string, includeInactive = false): Drug[] {
    const rows = stmt('SELECT * FROM meds_drugs ORDER BY name, spec, id').all() as DrugRow[];
    const needle = (q ?? '').toLowerCase().replace(/\s+/g, '');
    return rows
      .filter((r) => includeInactive || r.active === 1)
      .filter(
        (r) =>
          needle === '' ||
          r.name.toLowerCase().includes(needle) ||
          r.generic_name.toLowerCase().includes(needle) ||
          r.pinyin_initials.startsWith(needle) ||
          r.pinyin_full.startsWith(needle) ||
          r.pinyin_initials.includes(needle),
      )
      .map(drugOf);
  }

  function save(input: ParsedInputOf<'meds.drugs.save'>, op: MedsOp): Drug {
    const now = op.now.toISOString();
    const k = keys(`${input.name}`);
    const generic = keys(input.genericName ?? '');
    const initials = generic.initials ? `${k.initials} ${generic.initials}` : k.initials;
    const full = generic.full ? `${k.full} ${generic.full}` : k.full;
    if (input.id != null) {
      const before = get(input.id);
      stmt(
        `UPDATE meds_drugs SET name = ?, generic_name = ?, spec = ?, form = ?, unit = ?, high_alert = ?,
         controlled = ?, pinyin_initials = ?, pinyin_full = ?, active = ?, updated_at = ? WHERE id = ?`,
      ).run(
        input.name,
        input.genericName ?? '',
        input.spec,
        input.form,
        input.unit,
        input.highAlert ? 1 : 0,
        input.controlled,
        initials,
        full,
        input.active === false ? 0 : 1,
        now,
        input.id,
      );
      const after = get(input.id);
      op.audit({ entity: 'drug', entityId: input.id, before, after });
      op.emit('meds.changed', { residentId: null, what: 'drug' });
      return after;
    }
    const info = stmt(
      `INSERT INTO meds_drugs (name, generic_name, spec, form, unit, high_alert, controlled,
       pinyin_initials, pinyin_full, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      input.name,
      input.genericName ?? '',
      input.spec,
      input.form,
      input.unit,
      input.highAlert ? 1 : 0,
      input.controlled,
      initials,
      full,
      input.active === false ? 0 : 1,
      now,
      now,
    );
    const after = get(Number(info.lastInsertRowid));
    op.audit({ entity: 'drug', entityId: after.id, after });
    op.emit('meds.changed', { residentId: null, what: 'drug' });
    return after;
  }

  return { all, find, get, list, save };
}

export type Drugs = ReturnType<typeof createDrugs>;
