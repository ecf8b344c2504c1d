import { PassThrough } from 'node:stream';
import {
  callPriorityLabels,
  type CallAnalytics,
  type CallRecord,
  type ResponseStats,
} from '../../shared/contract/nursecall';
import type { FileDownload } from '../../shared/contract/residents';
import type { Sql } from '../db/sql';
import { loadExcel } from '../export/excel';
import type { NurseCallTables } from './tables';
import { toCallRecord, msBetween, type CallRow } from './calls';
import type { NurseCallConfigService } from './config';
import { compareAddresses } from './addresses';
import { createZoneClock, DurationGroup, GroupedDurations, shiftAt, type Durations } from './stats';

const WORST_WAITS = 10;
/** Rows built between two yields to the event loop, so serial ports keep being answered. */
const EXPORT_BATCH = 100;
const frozenHeader = { views: [{ state: 'frozen' as const, ySplit: 1 }] };
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

interface Item extends Durations {
  row: CallRow;
  /** raise → acknowledgement, or → clearing when nobody acknowledged, or → now while open. */
  waitMs: number;
}

export function createCallAnalytics(deps: {
  sql: Sql<NurseCallTables>;
  config: NurseCallConfigService;
  timeZone: () => string;
  /** Lets other work run between batches; a worker thread of its own passes a no-op. */
  yieldToLoop?: () => Promise<void>;
}) {
  const { sql, config } = deps;
  const yieldToLoop = deps.yieldToLoop ?? nextTurn;
  const { qb } = sql;

  /**
   * The range's calls one business day at a time, in raise order, yielding to the event loop
   * between days: a quarter is ~100,000 rows, and reading them in one statement held the serial
   * ports for seconds. A day is one `raised_on` index range; `raised_on` follows `raised_at`,
   * so the days in turn are the range in raise order.
   */
  async function* daysIn(from: string, to: string): AsyncGenerator<CallRow[]> {
    for (let day = from; day <= to; day = addDays(day, 1)) {
      yield sql.all(
        qb
          .selectFrom('nursecall_calls')
          .selectAll()
          .where('raised_on', '=', day)
          .orderBy('raised_at')
          .orderBy('id'),
      );
      await yieldToLoop();
    }
  }

  /**
   * Figures of a range, built as its calls are read: durations per group and counts per bed and
   * day; only the ten longest waits keep their rows.
   */
  function createAccumulator(range: { from: string; to: string }, now: Date) {
    const zone = createZoneClock(deps.timeZone());
    const shifts = config.get().shifts;
    const shiftOrder = new Map(
      [...shifts].sort((a, b) => (a.start < b.start ? -1 : 1)).map((s, i) => [s.name, i] as const),
    );
    // The shift of each minute of the day, worked out once instead of per call.
    const shiftOfMinute = Array.from({ length: 24 * 60 }, (_, minute) => shiftAt(minute, shifts));
    const overall = new DurationGroup('全部');
    const perDay = new GroupedDurations();
    const perShift = new GroupedDurations();
    const perArea = new GroupedDurations();
    const perUser = new GroupedDurations();
    const perBedPerDay = new Map<string, { label: string; date: string; calls: number }>();
    let worst: Item[] = [];
    let total = 0;

    return {
      add(row: CallRow): void {
        const raised = Date.parse(row.raised_at);
        const ackMs = msBetween(row.raised_at, row.acknowledged_at);
        const clearMs = msBetween(row.raised_at, row.cleared_at);
        const item: Item = { row, ackMs, clearMs, waitMs: ackMs ?? clearMs ?? now.getTime() - raised };
        total += 1;
        overall.add(item);
        perDay.add(row.raised_on, row.raised_on, item);
        const shift = shiftOfMinute[zone.parts(raised).minuteOfDay];
        if (shift) perShift.add(shift.name, shift.name, item);
        perArea.add(row.zone, row.zone, item);
        if (row.acknowledged_by !== null)
          perUser.add(
            String(row.acknowledged_by),
            row.acknowledged_by_name ?? `用户 ${row.acknowledged_by}`,
            item,
          );
        const key = `${row.raised_on}\u0000${row.label}`;
        const entry = perBedPerDay.get(key);
        if (entry) entry.calls += 1;
        else perBedPerDay.set(key, { label: row.label, date: row.raised_on, calls: 1 });
        const last = worst[WORST_WAITS - 1];
        if (!last || item.waitMs > last.waitMs || (item.waitMs === last.waitMs && row.id < last.row.id)) {
          worst.push(item);
          worst.sort((a, b) => b.waitMs - a.waitMs || a.row.id - b.row.id);
          if (worst.length > WORST_WAITS) worst = worst.slice(0, WORST_WAITS);
        }
      },

      async result(): Promise<CallAnalytics> {
        // Labels ranked once with the shared collator; each day's rows are then sorted apart (a
        // quarter is ~100,000 rows: one sort of them all held the event loop for half a second).
        const labels = [...new Set([...perBedPerDay.values()].map((e) => e.label))].sort(compareAddresses);
        const rank = new Map(labels.map((l, i) => [l, i] as const));
        const byDay = new Map<string, Array<{ label: string; date: string; calls: number }>>();
        for (const entry of perBedPerDay.values()) {
          const day = byDay.get(entry.date);
          if (day) day.push(entry);
          else byDay.set(entry.date, [entry]);
        }
        const bedRows: Array<{ label: string; date: string; calls: number }> = [];
        for (const date of [...byDay.keys()].sort()) {
          await yieldToLoop();
          bedRows.push(
            ...byDay.get(date)!.sort((a, b) => b.calls - a.calls || rank.get(a.label)! - rank.get(b.label)!),
          );
        }
        await yieldToLoop();
        const overallStats = total > 0 ? overall.stats('all') : null;
        await yieldToLoop();
        const result: CallAnalytics = {
          from: range.from,
          to: range.to,
          total,
          overall: overallStats,
          perDay: await perDay.stats(),
          perShift: await perShift.stats((a, b) => (shiftOrder.get(a) ?? 0) - (shiftOrder.get(b) ?? 0)),
          perArea: await perArea.stats(compareAddresses),
          perUser: await perUser.stats((a, b) => Number(a) - Number(b)),
          worstWaits: worst.map((i) => toCallRecord(i.row)),
          perBedPerDay: bedRows,
        };
        return result;
      },
    };
  }

  async function analyse(range: { from: string; to: string }, now: Date): Promise<CallAnalytics> {
    const figures = createAccumulator(range, now);
    for await (const day of daysIn(range.from, range.to)) for (const row of day) figures.add(row);
    return figures.result();
  }

  const service = {
    /** Asynchronous: it yields between days so the serial ports are never kept waiting. */
    analyse,

    /** Newest first; `from`/`to` are business dates of the raise, inclusive. */
    history(filter: {
      from?: string | undefined;
      to?: string | undefined;
      address?: string | undefined;
      offset: number;
      limit: number;
    }): {
      rows: CallRecord[];
      total: number;
    } {
      let query = qb.selectFrom('nursecall_calls');
      if (filter.from) query = query.where('raised_on', '>=', filter.from);
      if (filter.to) query = query.where('raised_on', '<=', filter.to);
      if (filter.address) query = query.where('address', '=', filter.address);
      const total = sql.first(query.select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0;
      const rows = sql.all(
        query
          .selectAll()
          .orderBy('raised_at', 'desc')
          .orderBy('id', 'desc')
          .offset(filter.offset)
          .limit(filter.limit),
      );
      return { rows: rows.map(toCallRecord), total };
    },

    async exportWorkbook(range: { from: string; to: string }, now: Date): Promise<FileDownload> {
      const { fileName, bytes } = await service.exportBytes(range, now);
      return { fileName, base64: bytes.toString('base64') };
    },

    /** The workbook's bytes, zipped as the rows stream through. */
    async exportBytes(
      range: { from: string; to: string },
      now: Date,
    ): Promise<{ fileName: string; bytes: Buffer }> {
      const ExcelJS = await loadExcel();
      const zone = createZoneClock(deps.timeZone());
      const stamp = (iso: string | null) => (iso ? zone.stamp(Date.parse(iso)) : '');
      const figures = createAccumulator(range, now);
      // The streaming writer zips each committed row as it goes; building the whole workbook in
      // memory and writing it at the end held the event loop (and the serial ports) for seconds.
      const chunks: Buffer[] = [];
      const sink = new PassThrough();
      sink.on('data', (chunk: Buffer) => chunks.push(chunk));
      const finished = new Promise<void>((resolve, reject) => {
        sink.on('end', resolve);
        sink.on('error', reject);
      });
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
        stream: sink,
        useStyles: true,
        useSharedStrings: false,
      });

      const calls = workbook.addWorksheet('呼叫记录', frozenHeader);
      calls.columns = [
        { header: '编号', key: 'id', width: 8 },
        { header: '呼叫时间', key: 'raisedAt', width: 20 },
        { header: '呼叫地址', key: 'address', width: 10 },
        { header: '位置', key: 'label', width: 24 },
        { header: '老人', key: 'resident', width: 10 },
        { header: '优先级', key: 'priority', width: 8 },
        { header: '内容', key: 'message', width: 16 },
        { header: '重复次数', key: 'repeats', width: 9 },
        { header: '超时升级', key: 'escalated', width: 9 },
        { header: '确认时间', key: 'ackAt', width: 20 },
        { header: '确认人', key: 'ackBy', width: 10 },
        { header: '响应用时(秒)', key: 'ackSeconds', width: 12 },
        { header: '结束时间', key: 'clearedAt', width: 20 },
        { header: '结束方式', key: 'how', width: 10 },
        { header: '处理人', key: 'clearedBy', width: 10 },
        { header: '处理用时(秒)', key: 'clearSeconds', width: 12 },
        { header: '备注', key: 'note', width: 30 },
      ];
      calls.getRow(1).font = { bold: true };
      let written = 0;
      for await (const day of daysIn(range.from, range.to)) {
        for (const row of day) {
          if (++written % EXPORT_BATCH === 0) await yieldToLoop();
          figures.add(row);
          const r = toCallRecord(row);
          calls
            .addRow({
              id: r.id,
              raisedAt: stamp(r.raisedAt),
              address: r.address,
              label: r.label,
              resident: r.resident?.name ?? '',
              priority: callPriorityLabels[r.priority].zh,
              message: r.message,
              repeats: r.repeats,
              escalated: r.escalated ? '是' : '',
              ackAt: stamp(r.acknowledgedAt),
              ackBy: r.acknowledgedBy?.name ?? '',
              ackSeconds: r.ackSeconds ?? '',
              clearedAt: stamp(r.clearedAt),
              how:
                r.clearedHow === 'panel' ? '呼叫器复位' : r.clearedHow === 'attended' ? '已处理' : '未结束',
              clearedBy: r.clearedBy?.name ?? '',
              clearSeconds: r.clearSeconds ?? '',
              note: r.note,
            })
            .commit();
        }
      }
      calls.commit();
      const stats = await figures.result();
      await yieldToLoop();

      const addStats = (name: string, first: string, list: ResponseStats[]) => {
        const sheet = workbook.addWorksheet(name, frozenHeader);
        sheet.columns = [
          { header: first, key: 'label', width: 18 },
          { header: '呼叫数', key: 'calls', width: 8 },
          { header: '响应中位数(秒)', key: 'ackMedian', width: 14 },
          { header: '响应P90(秒)', key: 'ackP90', width: 12 },
          { header: '处理中位数(秒)', key: 'clearMedian', width: 14 },
          { header: '处理P90(秒)', key: 'clearP90', width: 12 },
        ];
        sheet.getRow(1).font = { bold: true };
        for (const s of list) {
          sheet
            .addRow({
              label: s.label,
              calls: s.calls,
              ackMedian: s.ackMedianSeconds ?? '',
              ackP90: s.ackP90Seconds ?? '',
              clearMedian: s.clearMedianSeconds ?? '',
              clearP90: s.clearP90Seconds ?? '',
            })
            .commit();
        }
        sheet.commit();
      };
      addStats('按日', '日期', stats.perDay);
      addStats('按班次', '班次', stats.perShift);
      addStats('按区域', '区域', stats.perArea);
      addStats('按确认人', '确认人', stats.perUser);

      const worst = workbook.addWorksheet('最长等待', frozenHeader);
      worst.columns = [
        { header: '呼叫时间', key: 'raisedAt', width: 20 },
        { header: '位置', key: 'label', width: 24 },
        { header: '响应用时(秒)', key: 'ack', width: 12 },
        { header: '处理用时(秒)', key: 'clear', width: 12 },
        { header: '确认人', key: 'by', width: 10 },
      ];
      worst.getRow(1).font = { bold: true };
      for (const r of stats.worstWaits as CallRecord[]) {
        worst
          .addRow({
            raisedAt: stamp(r.raisedAt),
            label: r.label,
            ack: r.ackSeconds ?? '',
            clear: r.clearSeconds ?? '',
            by: r.acknowledgedBy?.name ?? '',
          })
          .commit();
      }
      worst.commit();
      await workbook.commit();
      await finished;
      const buffer = Buffer.concat(chunks);
      const name = range.from === range.to ? range.from : `${range.from}至${range.to}`;
      return { fileName: `呼叫记录-${name}.xlsx`, bytes: buffer };
    },
  };
  return service;
}

export type CallAnalyticsService = ReturnType<typeof createCallAnalytics>;
