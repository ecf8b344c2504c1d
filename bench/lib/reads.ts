// Every list, search, board and dashboard read, each beside the raw prepared statement(s) that do
// its database work, so `HTTP ÷ raw` shows what the layers around SQLite cost.
import type BetterSqlite3 from 'better-sqlite3';

export interface RawStatement {
  sql: string;
  params?: unknown[];
}

export interface ReadCase {
  label: string;
  procedure: string;
  input: unknown;
  /** The statements the procedure cannot avoid; null where there is no single SQL answer. */
  raw: RawStatement[] | null;
}

export interface Fixture {
  today: string;
  adminId: number;
  residentId: number;
  bedAddress: string;
  /** The area the round page opens on in a large home (the first in the day's MAR), or null. */
  roundArea: string | null;
  /** The last month billing has issued, or null without billing data. */
  billedMonth: string | null;
}

/** A procedure's decoded answer: over HTTP for `npm run bench`, in-process for `bench:garbage`. */
export type Ask = <T>(procedure: string, input: unknown) => Promise<T>;

/**
 * What the reads are asked about, found in the generated home: its "today" (the newest call's
 * local date), the admitted resident with the most history, the bed addresses, the round page's
 * first area and the last billed month.
 */
export async function readFixture(
  db: BetterSqlite3.Database,
  ask: Ask,
): Promise<{ fixture: Fixture; bedAddresses: string[] }> {
  const me = await ask<{ user: { id: number } }>('auth.me', {});
  const newest = (await ask<{ rows: Array<{ raisedAt: string }> }>('nursecall.calls.history', { limit: 1 }))
    .rows[0]?.raisedAt;
  const today = new Date(Date.parse(newest ?? new Date().toISOString()) + 8 * 3_600_000)
    .toISOString()
    .slice(0, 10);
  const residentId = (
    db
      .prepare(
        `SELECT r.id FROM residents r WHERE r.status = 'admitted'
         ORDER BY (SELECT count(*) FROM resident_events e WHERE e.resident_id = r.id) DESC LIMIT 1`,
      )
      .get() as { id: number }
  ).id;
  const bedAddresses = (
    db
      .prepare('SELECT address FROM nursecall_addresses WHERE bed_id IS NOT NULL ORDER BY address')
      .all() as Array<{ address: string }>
  ).map((r) => r.address);
  const hasTable = (name: string) =>
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
  const billedMonth = hasTable('billing_runs')
    ? ((db.prepare('SELECT max(month) AS m FROM billing_runs').get() as { m: string | null }).m ?? null)
    : null;
  const roundArea = hasTable('meds_orders')
    ? ((await ask<{ areas: Array<{ area: string }> }>('meds.marSummary', { date: today })).areas[0]?.area ??
      null)
    : null;
  return {
    fixture: { today, adminId: me.user.id, residentId, bedAddress: bedAddresses[0]!, roundArea, billedMonth },
    bedAddresses,
  };
}

const listSelect = `
  SELECT r.id, r.name, r.pinyin_initials, r.id_type, r.id_number, r.sex, r.birth_date, r.status,
         r.support_type, r.bed_id, b.label AS bed_label, bl.name AS building_name, r.care_category,
         r.care_grade_override, ra.items_json, r.applied_on, r.admitted_on
  FROM residents r
  LEFT JOIN beds b ON b.id = r.bed_id
  LEFT JOIN rooms rm ON rm.id = b.room_id
  LEFT JOIN buildings bl ON bl.id = rm.building_id
  LEFT JOIN risk_assessments ra ON ra.id = r.latest_risk_id`;
const listCount = `SELECT count(*) AS n FROM residents r
  LEFT JOIN beds b ON b.id = r.bed_id LEFT JOIN rooms rm ON rm.id = b.room_id`;
const listOrder = `ORDER BY CASE r.status WHEN 'admitted' THEN 0 WHEN 'onLeave' THEN 0 WHEN 'reserved' THEN 1
  WHEN 'waiting' THEN 2 WHEN 'discharged' THEN 3 ELSE 4 END, bl.id, rm.floor, rm.sort_no, rm.number, b.number,
  CASE WHEN r.status IN ('discharged', 'archived') THEN r.discharged_on END DESC, r.id`;

function residentsList(where: string, params: unknown[]): RawStatement[] {
  return [
    { sql: `${listCount} WHERE r.status != 'purged' ${where}`, params },
    { sql: `${listSelect} WHERE r.status != 'purged' ${where} ${listOrder} LIMIT 50 OFFSET 0`, params },
  ];
}

const search = (s: string) =>
  residentsList(
    `AND (r.name LIKE ? ESCAPE '\\' OR r.pinyin_initials LIKE ? ESCAPE '\\' OR r.pinyin_full LIKE ? ESCAPE '\\' OR b.label LIKE ? ESCAPE '\\')`,
    [`%${s}%`, `${s}%`, `${s}%`, `${s}%`],
  );

const boardSql = `SELECT b.id, b.label, b.number, b.kind, b.out_of_service_reason, b.retired_on,
    rm.id AS room_id, rm.number AS room_number, rm.floor, rm.room_class,
    bl.id AS building_id, bl.name AS building_name,
    r.status AS holder_status, r.id AS resident_id, r.name AS resident_name, r.sex, r.birth_date,
    r.care_category, r.care_grade_override, ra.items_json, lv.kind AS leave_kind, lv.expected_return_on
  FROM beds b
  JOIN rooms rm ON rm.id = b.room_id
  JOIN buildings bl ON bl.id = rm.building_id
  LEFT JOIN residents r ON r.bed_id = b.id
  LEFT JOIN risk_assessments ra ON ra.id = r.latest_risk_id
  LEFT JOIN resident_leaves lv ON lv.resident_id = r.id AND lv.closed_on IS NULL
  ORDER BY bl.id, rm.floor, rm.sort_no, rm.number, b.number`;

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The orders in force on a day, with their versions: what a day's MAR starts from. */
const activeOrdersOn = (date: string): RawStatement => ({
  sql: `SELECT o.*, v.* FROM meds_orders o JOIN meds_order_versions v ON v.order_id = o.id
        WHERE o.start_on <= ? AND (o.stopped_at IS NULL OR o.stopped_at >= ?)`,
  params: [date, date],
});

export function readCases(f: Fixture): ReadCase[] {
  const week = { from: addDays(f.today, -6), to: f.today };
  return [
    {
      label: 'auth.me',
      procedure: 'auth.me',
      input: {},
      raw: [{ sql: 'SELECT id, username, display_name FROM users WHERE id = ?', params: [f.adminId] }],
    },
    {
      label: 'alerts.list (workbench)',
      procedure: 'alerts.list',
      input: {},
      raw: [
        {
          sql: `SELECT r.id, r.name, a.assessed_on, r.reassessment_flag FROM residents r
                LEFT JOIN ability_assessments a ON a.id = r.latest_ability_id
                WHERE r.status IN ('admitted', 'onLeave')`,
        },
      ],
    },
    {
      label: 'users.list',
      procedure: 'users.list',
      input: {},
      raw: [{ sql: 'SELECT * FROM users ORDER BY id' }, { sql: 'SELECT user_id, role FROM user_roles' }],
    },
    {
      label: 'audit.list (first page)',
      procedure: 'audit.list',
      input: {},
      raw: [
        { sql: 'SELECT count(*) AS n FROM audit_log' },
        { sql: 'SELECT * FROM audit_log ORDER BY id DESC LIMIT 50 OFFSET 0' },
      ],
    },
    {
      label: 'facilities.buildings',
      procedure: 'facilities.buildings',
      input: {},
      raw: [
        {
          sql: `SELECT bl.id, bl.name, count(b.id) AS beds FROM buildings bl
                LEFT JOIN rooms rm ON rm.building_id = bl.id LEFT JOIN beds b ON b.room_id = rm.id
                GROUP BY bl.id ORDER BY bl.id`,
        },
      ],
    },
    { label: 'beds.board (all beds)', procedure: 'beds.board', input: {}, raw: [{ sql: boardSql }] },
    {
      label: 'beds.available',
      procedure: 'beds.available',
      input: {},
      raw: [
        {
          sql: `SELECT b.id, b.label, rm.number, bl.name FROM beds b JOIN rooms rm ON rm.id = b.room_id
                JOIN buildings bl ON bl.id = rm.building_id LEFT JOIN residents r ON r.bed_id = b.id
                WHERE b.retired_on IS NULL AND b.out_of_service_reason IS NULL AND r.id IS NULL
                ORDER BY bl.id, rm.floor, rm.sort_no, rm.number, b.number`,
        },
      ],
    },
    {
      label: 'residents.list (default page)',
      procedure: 'residents.list',
      input: {},
      raw: residentsList('', []),
    },
    {
      label: 'residents.list in residence',
      procedure: 'residents.list',
      input: { statuses: ['admitted', 'onLeave'] },
      raw: residentsList(`AND r.status IN ('admitted', 'onLeave')`, []),
    },
    {
      label: 'residents.list search "张"',
      procedure: 'residents.list',
      input: { search: '张' },
      raw: search('张'),
    },
    {
      label: 'residents.list search "zh"',
      procedure: 'residents.list',
      input: { search: 'zh' },
      raw: search('zh'),
    },
    {
      label: 'residents.list search "301"',
      procedure: 'residents.list',
      input: { search: '301' },
      raw: search('301'),
    },
    {
      label: 'residents.waitingList',
      procedure: 'residents.waitingList',
      input: {},
      raw: [{ sql: `${listSelect} WHERE r.status = 'waiting' ORDER BY r.applied_on, r.id` }],
    },
    {
      label: 'residents.get',
      procedure: 'residents.get',
      input: { id: f.residentId },
      raw: [{ sql: `${listSelect} WHERE r.id = ?`, params: [f.residentId] }],
    },
    {
      label: 'residents.history',
      procedure: 'residents.history',
      input: { id: f.residentId },
      raw: [
        { sql: 'SELECT * FROM resident_events WHERE resident_id = ? ORDER BY id', params: [f.residentId] },
      ],
    },
    {
      label: 'residents.careHistory',
      procedure: 'residents.careHistory',
      input: { residentId: f.residentId },
      raw: [
        { sql: 'SELECT * FROM care_history WHERE resident_id = ? ORDER BY from_on', params: [f.residentId] },
      ],
    },
    {
      label: 'assessments.due',
      procedure: 'assessments.due',
      input: {},
      raw: [
        {
          sql: `SELECT r.id, r.name, a.assessed_on, k.assessed_on AS risk_on FROM residents r
                LEFT JOIN ability_assessments a ON a.id = r.latest_ability_id
                LEFT JOIN risk_assessments k ON k.id = r.latest_risk_id
                WHERE r.status IN ('admitted', 'onLeave', 'reserved', 'waiting')`,
        },
      ],
    },
    {
      label: 'assessments.history',
      procedure: 'assessments.history',
      input: { residentId: f.residentId },
      raw: [
        {
          sql: 'SELECT * FROM ability_assessments WHERE resident_id = ? ORDER BY assessed_on',
          params: [f.residentId],
        },
        {
          sql: 'SELECT * FROM risk_assessments WHERE resident_id = ? ORDER BY assessed_on',
          params: [f.residentId],
        },
      ],
    },
    {
      label: 'incidents.list',
      procedure: 'incidents.list',
      input: { residentId: f.residentId },
      raw: [
        { sql: 'SELECT * FROM incidents WHERE resident_id = ? ORDER BY occurred_on', params: [f.residentId] },
      ],
    },
    {
      label: 'nursecall.addresses.list',
      procedure: 'nursecall.addresses.list',
      input: {},
      raw: [{ sql: 'SELECT * FROM nursecall_addresses' }],
    },
    {
      label: 'nursecall.calls.active',
      procedure: 'nursecall.calls.active',
      input: {},
      raw: [{ sql: "SELECT * FROM nursecall_calls WHERE status != 'cleared'" }],
    },
    {
      label: 'nursecall.calls.history (today)',
      procedure: 'nursecall.calls.history',
      input: { from: f.today, to: f.today },
      raw: [
        {
          sql: 'SELECT count(*) AS n FROM nursecall_calls WHERE raised_on >= ? AND raised_on <= ?',
          params: [f.today, f.today],
        },
        {
          sql: `SELECT * FROM nursecall_calls WHERE raised_on >= ? AND raised_on <= ?
                ORDER BY raised_at DESC, id DESC LIMIT 50 OFFSET 0`,
          params: [f.today, f.today],
        },
      ],
    },
    {
      label: 'nursecall.calls.history (one bed)',
      procedure: 'nursecall.calls.history',
      input: { address: f.bedAddress },
      raw: [
        { sql: 'SELECT count(*) AS n FROM nursecall_calls WHERE address = ?', params: [f.bedAddress] },
        {
          sql: `SELECT * FROM nursecall_calls WHERE address = ? ORDER BY raised_at DESC, id DESC LIMIT 50 OFFSET 0`,
          params: [f.bedAddress],
        },
      ],
    },
    {
      label: 'nursecall.analytics (7 days)',
      procedure: 'nursecall.analytics',
      input: week,
      raw: [
        {
          sql: `SELECT raised_on, zone, count(*) AS calls FROM nursecall_calls
                WHERE raised_on >= ? AND raised_on <= ? GROUP BY raised_on, zone`,
          params: [week.from, week.to],
        },
      ],
    },
    {
      label: 'nursecall.getConfig',
      procedure: 'nursecall.getConfig',
      input: {},
      raw: [{ sql: 'SELECT * FROM nursecall_config' }],
    },
    {
      label: 'residents.getConfig',
      procedure: 'residents.getConfig',
      input: {},
      raw: [{ sql: 'SELECT * FROM residents_config' }],
    },
    ...moduleReadCases(f, week),
  ];
}

/** The main screens of staffing, billing, fire safety, medication and the regulator upload. */
function moduleReadCases(f: Fixture, week: { from: string; to: string }): ReadCase[] {
  const ninetyDays = { from: addDays(f.today, -89), to: f.today };
  const inResidence = `SELECT ch.resident_id, ch.category FROM care_history ch
    WHERE ch.from_on <= ? AND (ch.to_on IS NULL OR ch.to_on > ?)`;
  const cases: ReadCase[] = [
    {
      label: 'staff.list (on the roll today)',
      procedure: 'staff.list',
      input: { activeOn: f.today },
      raw: [
        {
          sql: 'SELECT * FROM staff WHERE hired_on <= ? AND (ended_on IS NULL OR ended_on > ?) ORDER BY name',
          params: [f.today, f.today],
        },
        { sql: 'SELECT * FROM staff_certificates' },
      ],
    },
    {
      label: 'rota.week',
      procedure: 'rota.week',
      input: { weekOf: f.today },
      raw: [
        { sql: 'SELECT * FROM staff_shifts ORDER BY sort_order' },
        {
          sql: 'SELECT * FROM staff_rota WHERE on_date >= ? AND on_date <= ?',
          params: [addDays(f.today, -6), addDays(f.today, 6)],
        },
      ],
    },
    {
      label: 'rota.onDuty',
      procedure: 'rota.onDuty',
      input: {},
      raw: [
        {
          sql: 'SELECT * FROM staff_rota r JOIN staff s ON s.id = r.staff_id WHERE r.on_date >= ? AND r.on_date <= ?',
          params: [addDays(f.today, -1), f.today],
        },
      ],
    },
    {
      label: 'staffing.ratio (today)',
      procedure: 'staffing.ratio',
      input: { on: f.today },
      raw: [
        { sql: inResidence, params: [f.today, f.today] },
        {
          sql: 'SELECT sum(fte_milli) AS fte FROM staff WHERE hired_on <= ? AND (ended_on IS NULL OR ended_on > ?)',
          params: [f.today, f.today],
        },
      ],
    },
    {
      label: 'staffing.history (90 days)',
      procedure: 'staffing.history',
      input: ninetyDays,
      raw: [
        {
          sql: 'SELECT * FROM staffing_snapshots WHERE on_date >= ? AND on_date <= ?',
          params: [ninetyDays.from, ninetyDays.to],
        },
      ],
    },
    {
      label: 'staff.certificates (expiring and expired)',
      procedure: 'staff.certificates',
      input: {},
      raw: [
        {
          sql: `SELECT c.*, s.name FROM staff_certificates c JOIN staff s ON s.id = c.staff_id
                WHERE s.ended_on IS NULL AND c.removed_at IS NULL ORDER BY c.expires_on`,
        },
      ],
    },
    {
      label: 'training.list (90 days)',
      procedure: 'training.list',
      input: ninetyDays,
      raw: [
        {
          sql: `SELECT t.*, (SELECT count(*) FROM staff_training_attendees a WHERE a.training_id = t.id) AS n
                FROM staff_trainings t WHERE t.on_date >= ? AND t.on_date <= ? ORDER BY t.on_date DESC`,
          params: [ninetyDays.from, ninetyDays.to],
        },
      ],
    },
    {
      label: 'staffing.whatIf (one more admission)',
      procedure: 'staffing.whatIf',
      input: { on: f.today, admit: { dependent: 1 } },
      raw: null,
    },
    {
      label: 'staffing.kpis (workbench)',
      procedure: 'staffing.kpis',
      input: {},
      raw: null,
    },
    {
      label: 'fire.schedule (today)',
      procedure: 'fire.schedule',
      input: { from: f.today, to: f.today },
      raw: [
        {
          sql: 'SELECT * FROM fire_records WHERE performed_on >= ? AND performed_on <= ?',
          params: [addDays(f.today, -1), f.today],
        },
      ],
    },
    {
      label: 'fire.records.list (7 days)',
      procedure: 'fire.records.list',
      input: week,
      raw: [
        {
          sql: 'SELECT * FROM fire_records WHERE performed_on >= ? AND performed_on <= ? ORDER BY performed_at DESC',
          params: [week.from, week.to],
        },
      ],
    },
    {
      label: 'fire.hazards.list (open)',
      procedure: 'fire.hazards.list',
      input: { status: 'open' },
      raw: [{ sql: "SELECT * FROM fire_hazards WHERE status != 'closed' ORDER BY found_on DESC" }],
    },
    {
      label: 'fire.overview (workbench)',
      procedure: 'fire.overview',
      input: {},
      raw: null,
    },
    {
      label: 'meds.mar (today, whole home)',
      procedure: 'meds.mar',
      input: { date: f.today },
      raw: [
        activeOrdersOn(f.today),
        { sql: 'SELECT * FROM meds_records WHERE due_on = ?', params: [f.today] },
      ],
    },
    {
      label: 'meds.marSummary (today: workbench tile, round page)',
      procedure: 'meds.marSummary',
      input: { date: f.today },
      raw: [
        activeOrdersOn(f.today),
        { sql: 'SELECT dose_key, outcome FROM meds_records WHERE due_on = ?', params: [f.today] },
      ],
    },
    ...(f.roundArea
      ? [
          {
            label: `meds.mar (today, one area: ${f.roundArea})`,
            procedure: 'meds.mar',
            input: { date: f.today, area: f.roundArea },
            raw: null,
          },
        ]
      : []),
    {
      label: 'meds.mar (one resident)',
      procedure: 'meds.mar',
      input: { date: f.today, residentId: f.residentId },
      raw: [
        {
          sql: `SELECT o.*, v.* FROM meds_orders o JOIN meds_order_versions v ON v.order_id = o.id
                WHERE o.resident_id = ?`,
          params: [f.residentId],
        },
        {
          sql: 'SELECT * FROM meds_records WHERE due_on = ? AND resident_id = ?',
          params: [f.today, f.residentId],
        },
      ],
    },
    {
      label: 'meds.orders.list (one resident)',
      procedure: 'meds.orders.list',
      input: { residentId: f.residentId },
      raw: [
        {
          sql: `SELECT o.*, v.* FROM meds_orders o JOIN meds_order_versions v ON v.order_id = o.id
                WHERE o.resident_id = ?`,
          params: [f.residentId],
        },
      ],
    },
    {
      label: 'meds.handover (the shift change now)',
      procedure: 'meds.handover',
      input: {},
      raw: null,
    },
    {
      label: 'meds.drugs.list',
      procedure: 'meds.drugs.list',
      input: {},
      raw: [{ sql: 'SELECT * FROM meds_drugs WHERE active = 1 ORDER BY name' }],
    },
    {
      label: 'meds.prn.list (today)',
      procedure: 'meds.prn.list',
      input: { date: f.today },
      raw: [
        {
          sql: "SELECT * FROM meds_records WHERE kind = 'prn' AND due_on = ? ORDER BY at DESC",
          params: [f.today],
        },
      ],
    },
    {
      label: `meds.monthly (one resident, ${f.today.slice(0, 7)})`,
      procedure: 'meds.monthly',
      input: { residentId: f.residentId, month: f.today.slice(0, 7) },
      raw: [
        {
          sql: 'SELECT * FROM meds_records WHERE resident_id = ? AND due_on >= ? AND due_on <= ?',
          params: [f.residentId, `${f.today.slice(0, 7)}-01`, `${f.today.slice(0, 7)}-31`],
        },
      ],
    },
    {
      label: 'fire.drills.list',
      procedure: 'fire.drills.list',
      input: {},
      raw: [{ sql: 'SELECT * FROM fire_drills ORDER BY held_on DESC' }],
    },
    {
      label: 'fire.plans.list',
      procedure: 'fire.plans.list',
      input: {},
      raw: [{ sql: 'SELECT * FROM fire_plans' }],
    },
    {
      label: 'fire.equipment.list',
      procedure: 'fire.equipment.list',
      input: {},
      raw: [{ sql: 'SELECT * FROM fire_equipment ORDER BY id' }],
    },
    {
      label: 'beds.kpis (workbench)',
      procedure: 'beds.kpis',
      input: {},
      raw: null,
    },
    {
      label: 'nursecall.responders',
      procedure: 'nursecall.responders',
      input: {},
      raw: null,
    },
    {
      label: 'backups.list',
      procedure: 'backups.list',
      input: {},
      raw: null,
    },
    {
      label: 'scheduler.jobs',
      procedure: 'scheduler.jobs',
      input: {},
      raw: [{ sql: 'SELECT * FROM scheduler_jobs' }],
    },
    {
      label: 'regulator.outbox',
      procedure: 'regulator.outbox',
      input: {},
      raw: [{ sql: 'SELECT * FROM regulator_submissions ORDER BY id DESC' }],
    },
  ];
  if (f.billedMonth) {
    const month = f.billedMonth;
    cases.push(
      {
        label: `billing.invoices.list (${month})`,
        procedure: 'billing.invoices.list',
        input: { month },
        raw: [
          { sql: 'SELECT * FROM billing_invoices WHERE month = ? ORDER BY id', params: [month] },
          {
            sql: `SELECT l.* FROM billing_invoice_lines l JOIN billing_invoices i ON i.id = l.invoice_id
                  WHERE i.month = ?`,
            params: [month],
          },
        ],
      },
      {
        label: 'billing.invoices.list (one resident)',
        procedure: 'billing.invoices.list',
        input: { residentId: f.residentId },
        raw: [
          {
            sql: 'SELECT * FROM billing_invoices WHERE resident_id = ? ORDER BY id',
            params: [f.residentId],
          },
        ],
      },
      {
        label: `billing.payments.list (${month})`,
        procedure: 'billing.payments.list',
        input: { month },
        raw: [
          {
            sql: 'SELECT * FROM billing_payments WHERE substr(paid_on, 1, 7) = ? ORDER BY id',
            params: [month],
          },
        ],
      },
      {
        label: `billing.reports.income (${month})`,
        procedure: 'billing.reports.income',
        input: { month },
        raw: [
          {
            sql: 'SELECT * FROM billing_payments WHERE substr(paid_on, 1, 7) = ? AND voided_at IS NULL',
            params: [month],
          },
        ],
      },
      {
        label: 'billing.reports.prepaid',
        procedure: 'billing.reports.prepaid',
        input: {},
        raw: [
          {
            sql: 'SELECT resident_id, ledger, sum(amount_fen) FROM billing_ledger GROUP BY resident_id, ledger',
          },
        ],
      },
      {
        label: 'billing.runs.list',
        procedure: 'billing.runs.list',
        input: {},
        raw: [{ sql: 'SELECT * FROM billing_runs ORDER BY month DESC' }],
      },
      {
        label: 'billing.ledgers.list (one resident)',
        procedure: 'billing.ledgers.list',
        input: { residentId: f.residentId },
        raw: [
          { sql: 'SELECT * FROM billing_ledger WHERE resident_id = ? ORDER BY id', params: [f.residentId] },
        ],
      },
      {
        label: 'billing.reports.arrears',
        procedure: 'billing.reports.arrears',
        input: {},
        raw: [
          { sql: 'SELECT resident_id, sum(resident_fen) AS fen FROM billing_invoices GROUP BY resident_id' },
          {
            sql: 'SELECT resident_id, sum(amount_fen) AS fen FROM billing_payments WHERE voided_at IS NULL GROUP BY resident_id',
          },
        ],
      },
    );
  }
  return cases;
}

/**
 * Reports read once per screen visit rather than on every refresh: timed over HTTP only (no single
 * SQL answer to compare with), fewer repetitions.
 */
export function reportCases(f: Fixture): Array<{ label: string; procedure: string; input: unknown }> {
  const month = f.today.slice(0, 7);
  const previous = addDays(`${month}-01`, -1).slice(0, 7);
  return [
    { label: `billing.runs.preview (${month})`, procedure: 'billing.runs.preview', input: { month } },
    {
      label: `regulator.preview (monthly ${previous})`,
      procedure: 'regulator.preview',
      input: { kind: 'monthly', period: previous },
    },
    {
      label: `regulator.preview (daily ${f.today})`,
      procedure: 'regulator.preview',
      input: { kind: 'daily', period: addDays(f.today, -1) },
    },
  ];
}

/** Runs the raw statements once; prepared once per case, like the code under test. */
export function rawRunner(db: BetterSqlite3.Database, raw: RawStatement[]): () => void {
  const prepared = raw.map((r) => ({ stmt: db.prepare(r.sql), params: r.params ?? [] }));
  return () => {
    for (const p of prepared) p.stmt.all(...p.params);
  };
}
