import type { Selectable } from 'kysely';
import type { ParsedInputOf } from '../../shared/contract';
import type { FireRecord, FireTemplateKey, RecordItem, ScheduleSlot } from '../../shared/contract/fire';
import { AppError, fieldError } from '../../shared/errors';
import { localDate } from '../clock';
import { fromWallClock } from '../platform/slots';
import { parseJson, type FireDeps, type ReadOp, type WriteOp } from './common';
import type { FireHazards } from './hazards';
import { addDays, startOfDay, statusOf, windowAt, windowsOf, windowStartingAt } from './slots';
import type { FireRecordsTable } from './tables';
import type { FireTemplates } from './templates';

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

/** An instant; a wall time written without an offset (`2026-12-01T20:00`) is the institution's. */
export function instantOf(text: string, timeZone: string): Date {
  const local = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(text);
  if (!local) return new Date(text);
  const [, y, mo, d, h, mi] = local.map(Number) as [number, number, number, number, number, number];
  return fromWallClock(timeZone, y, mo, d, h, mi);
}

export interface RecordsDeps extends FireDeps {
  templates: FireTemplates;
  hazards: FireHazards;
  /** Fire drills held between two local dates (the drills register counts for the drill template). */
  drillDays(from: string, to: string): Array<{ id: number; on: string }>;
}

export function createRecords(deps: RecordsDeps) {
  const { sql, auth, templates, hazards } = deps;

  function toRecord(row: Selectable<FireRecordsTable>, names: Map<number, string>): FireRecord {
    const performerIds = parseJson<number[]>(row.performer_ids_json, []);
    return {
      id: row.id,
      template: row.template_key as FireTemplateKey,
      templateVersion: row.template_version,
      slotStart: row.slot_start,
      slotEnd: row.slot_end,
      performedAt: row.performed_at,
      performedOn: row.performed_on,
      timing: row.timing as 'done' | 'late',
      night: row.night === 1,
      performers: performerIds.map((id) => ({ id, name: names.get(id) ?? `#${id}` })),
      items: parseJson<RecordItem[]>(row.items_json, []),
      note: row.note,
      recordedBy: row.recorded_by_name,
      hazardIds: hazards.idsFromRecord(row.id),
    };
  }

  function withNames(rows: Array<Selectable<FireRecordsTable>>): FireRecord[] {
    const ids = new Set(rows.flatMap((r) => parseJson<number[]>(r.performer_ids_json, [])));
    const names = auth.displayNames([...ids]);
    return rows.map((r) => toRecord(r, names));
  }

  /** `from`/`to` as instants: dates are whole local days, `to` included. */
  function range(from: string, to: string): { from: Date; to: Date } {
    const tz = deps.timeZone();
    const start = isDate(from) ? startOfDay(from, tz) : instantOf(from, tz);
    const end = isDate(to) ? startOfDay(addDays(to, 1), tz) : instantOf(to, tz);
    if (end.getTime() <= start.getTime()) throw fieldError('to', '结束时间要晚于开始时间');
    if (end.getTime() - start.getTime() > 400 * 86_400_000) {
      throw fieldError('to', '一次最多查询一年多的安排，请缩小范围');
    }
    return { from: start, to: end };
  }

  function slotsFor(key: FireTemplateKey, from: Date, to: Date, now: Date): ScheduleSlot[] {
    const tz = deps.timeZone();
    const template = templates.current(key);
    const windows = windowsOf(template.cadence, from, to, tz);
    if (windows.length === 0) return [];
    const first = windows[0]!.start.toISOString();
    const last = windows[windows.length - 1]!.start.toISOString();
    const rows = sql.all(
      sql.qb
        .selectFrom('fire_records')
        .select(['id', 'slot_start', 'performed_at'])
        .where('template_key', '=', key)
        .where('slot_start', '>=', first)
        .where('slot_start', '<=', last),
    );
    const bySlot = new Map<string, Array<{ id: number; performedAt: Date }>>();
    for (const r of rows) {
      const list = bySlot.get(r.slot_start!) ?? [];
      list.push({ id: r.id, performedAt: new Date(r.performed_at) });
      bySlot.set(r.slot_start!, list);
    }
    if (key === 'drill') {
      // A fire drill recorded on the drills page is the drill this template asks for.
      for (const d of deps.drillDays(localDate(windows[0]!.start, tz), localDate(windows.at(-1)!.end, tz))) {
        const at = startOfDay(d.on, tz);
        const w = windows.find((x) => x.start <= at && at < x.end);
        if (!w) continue;
        const list = bySlot.get(w.start.toISOString()) ?? [];
        list.push({ id: d.id, performedAt: at });
        bySlot.set(w.start.toISOString(), list);
      }
    }
    return windows.map((w) => {
      const start = w.start.toISOString();
      const { status, recordId } = statusOf(w, bySlot.get(start) ?? [], now);
      return {
        template: key,
        start,
        end: w.end.toISOString(),
        status,
        ...(recordId !== undefined ? { recordId } : {}),
        ...(template.cadence.every === 'slots' ? { night: w.night } : {}),
      };
    });
  }

  return {
    schedule(input: ParsedInputOf<'fire.schedule'>, op: ReadOp): ScheduleSlot[] {
      const { from, to } = range(input.from, input.to);
      const keys = input.template ? [input.template] : templates.list().map((t) => t.key);
      return keys
        .flatMap((k) => slotsFor(k, from, to, op.now))
        .sort((a, b) => a.start.localeCompare(b.start) || a.template.localeCompare(b.template));
    },

    patrolSlotsOn(day: string, now: Date): ScheduleSlot[] {
      const tz = deps.timeZone();
      return slotsFor('patrol', startOfDay(day, tz), startOfDay(addDays(day, 1), tz), now);
    },

    /** The due windows of a template in [from, to), without statuses (the generator's grid). */
    windows(key: FireTemplateKey, from: Date, to: Date) {
      return windowsOf(templates.current(key).cadence, from, to, deps.timeZone());
    },

    slotsBetween(key: FireTemplateKey, from: Date, to: Date, now: Date): ScheduleSlot[] {
      return slotsFor(key, from, to, now);
    },

    submit(input: ParsedInputOf<'fire.records.submit'>, op: WriteOp): FireRecord {
      const tz = deps.timeZone();
      const template = templates.current(input.template);
      const performedAt = input.performedAt ? instantOf(input.performedAt, tz) : op.now;
      if (performedAt.getTime() > op.now.getTime()) {
        throw fieldError('performedAt', '检查时间不能晚于现在，请按实际完成时间填写');
      }
      const window = input.slotStart
        ? windowStartingAt(template.cadence, instantOf(input.slotStart, tz), tz)
        : windowAt(template.cadence, performedAt, tz);
      if (!window) throw fieldError('slotStart', '这不是一个巡查时段的开始时间，请从时间轴上选择时段');
      if (performedAt.getTime() < window.start.getTime()) {
        throw fieldError('performedAt', '检查时间早于所选时段的开始，请选择正确的时段');
      }
      const texts = new Map(template.items.map((i) => [i.key, i.text]));
      const seen = new Set<string>();
      input.items.forEach((item, i) => {
        if (!texts.has(item.key))
          throw fieldError(`items.${i}.key`, `检查表里没有“${item.key}”这一项，请刷新页面后重试`);
        if (seen.has(item.key)) throw fieldError(`items.${i}.key`, '同一项填了两次，请检查');
        seen.add(item.key);
        if (item.result === 'fail' && item.fixedOnSpot && !item.note) {
          throw fieldError(`items.${i}.note`, '现场整改的问题请写明发现了什么、怎么处理的');
        }
      });
      const missing = template.items.filter((t) => !seen.has(t.key));
      if (missing.length > 0) {
        throw new AppError(
          'VALIDATION',
          `还有 ${missing.length} 项没有填写：${missing.map((m) => m.text).join('；')}`,
          {
            fieldErrors: [{ path: 'items', message: '请逐项填写检查结果' }],
          },
        );
      }
      const performers = [...new Set(input.performerIds ?? (op.user ? [op.user.id] : []))];
      const known = auth.displayNames(performers);
      const unknown = performers.find((id) => !known.has(id));
      if (unknown !== undefined) throw fieldError('performerIds', '所选巡查人员不存在，请重新选择');
      const items: RecordItem[] = input.items.map((item) => ({
        key: item.key,
        text: texts.get(item.key)!,
        result: item.result,
        ...(item.note ? { note: item.note } : {}),
        ...(item.photo ? { photo: item.photo } : {}),
        ...(item.result === 'fail' && item.fixedOnSpot ? { fixedOnSpot: true } : {}),
      }));
      const timing = performedAt.getTime() < window.end.getTime() ? 'done' : 'late';
      const performedOn = localDate(performedAt, tz);
      const { lastInsertRowid: id } = sql.run(
        sql.qb.insertInto('fire_records').values({
          template_key: template.key,
          template_version: template.version,
          slot_start: window.start.toISOString(),
          slot_end: window.end.toISOString(),
          performed_at: performedAt.toISOString(),
          performed_on: performedOn,
          timing,
          night: window.night ? 1 : 0,
          performer_ids_json: JSON.stringify(performers),
          items_json: JSON.stringify(items),
          note: input.note ?? '',
          recorded_by: op.user?.id ?? null,
          recorded_by_name: op.user?.displayName ?? null,
          created_at: op.now.toISOString(),
        }),
      );
      const saved = sql.first(sql.qb.selectFrom('fire_records').selectAll().where('id', '=', id))!;
      // Photos stay out of the audit log: it would grow by megabytes a day and prove nothing more.
      op.audit({
        entity: 'fireRecord',
        entityId: id,
        after: {
          template: template.key,
          version: template.version,
          slotStart: saved.slot_start,
          performedAt: saved.performed_at,
          timing,
          performers,
          items: items.map((i) => ({
            key: i.key,
            result: i.result,
            note: i.note,
            fixedOnSpot: i.fixedOnSpot,
          })),
          note: saved.note,
        },
      });
      items.forEach((item) => {
        if (item.result !== 'fail' || item.fixedOnSpot) return;
        hazards.openFromRecord(
          {
            recordId: id,
            itemKey: item.key,
            title: `${template.name}发现：${item.text}`.slice(0, 100),
            location: item.note?.slice(0, 100) || '巡查时未注明位置',
            foundOn: performedOn,
            description: item.note ?? '',
            photo: item.photo ?? null,
          },
          op,
        );
      });
      return withNames([saved])[0]!;
    },

    list(input: { from: string; to: string; template?: FireTemplateKey | undefined }): FireRecord[] {
      let q = sql.qb
        .selectFrom('fire_records')
        .selectAll()
        .where('performed_on', '>=', input.from)
        .where('performed_on', '<=', input.to);
      if (input.template) q = q.where('template_key', '=', input.template);
      return withNames(sql.all(q.orderBy('performed_at')));
    },

    lastOn(key: FireTemplateKey): string | null {
      const row = sql.first(
        sql.qb
          .selectFrom('fire_records')
          .select((eb) => eb.fn.max('performed_on').as('on'))
          .where('template_key', '=', key),
      );
      return row?.on ?? null;
    },
  };
}

export type FireRecords = ReturnType<typeof createRecords>;
