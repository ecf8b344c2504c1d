import { ageOn } from '../../shared/id-number';
import { localDate } from '../clock';
import type { Sql } from '../db/sql';
import type { InstitutionService } from '../institution/service';
import type { SummaryProvider } from '../module';
import type { CareHistoryService } from './care-history';
import type { ResidentsTables } from './tables';

/** What the regulator summary says about beds, as of the period's last day. */
export interface BedsSection {
  total: number;
  nursing: number;
  occupied: number;
  onLeave: number;
  reserved: number;
  vacant: number;
  outOfService: number;
}

export interface ResidentsSection {
  total: number;
  byCategory: { selfCare: number; partlyDependent: number; dependent: number; uncategorised: number };
  byLevel: {
    intact: number;
    mild: number;
    moderate: number;
    severe: number;
    complete: number;
    unassessed: number;
  };
  over80: number;
  admissions: number;
  discharges: number;
  deaths: number;
}

export interface IncidentsSection {
  total: number;
  byKind: { fall: number; choking: number; selfHarm: number; wandering: number };
}

interface Deps {
  sql: Sql<ResidentsTables>;
  institution: InstitutionService;
  careHistory: CareHistoryService;
}

/**
 * Status and bed of every resident at the end of `date`, replayed from the lifecycle events: the
 * rows hold only today's state, and a summary for last month must not count who came since.
 */
function statesOn(deps: Deps, date: string) {
  // The beds and the residents sections replay the same day one after the other (~30 ms each on
  // ten years of a 1,000-bed home): the second takes the first's until the next write.
  return deps.sql.remember('residents.summary.statesOn', () => replayStates(deps, date), date);
}

function replayStates(deps: Deps, date: string) {
  const { sql } = deps;
  const events = sql.all(
    sql.qb
      .selectFrom('resident_events')
      .select(['resident_id', 'action', 'to_status', 'bed_id'])
      .where('on_date', '<=', date)
      .where('action', '!=', 'extendLeave')
      .orderBy('on_date')
      .orderBy('id'),
  );
  const states = new Map<number, { status: string; bedId: number | null }>();
  for (const e of events) {
    const prev = states.get(e.resident_id) ?? { status: 'waiting', bedId: null };
    let bedId = prev.bedId;
    if (e.action === 'discharge' || e.action === 'cancelReservation') bedId = null;
    else if (e.bed_id !== null && ['reserve', 'admit', 'transfer'].includes(e.action)) bedId = e.bed_id;
    states.set(e.resident_id, { status: e.to_status, bedId });
  }
  return states;
}

function bedsOn(deps: Deps, date: string): BedsSection {
  const { sql } = deps;
  const timeZone = deps.institution.timeZone();
  const holders = new Map<number, string>();
  for (const s of statesOn(deps, date).values()) {
    if (s.bedId !== null && ['reserved', 'admitted', 'onLeave'].includes(s.status))
      holders.set(s.bedId, s.status);
  }
  const out: BedsSection = {
    total: 0,
    nursing: 0,
    occupied: 0,
    onLeave: 0,
    reserved: 0,
    vacant: 0,
    outOfService: 0,
  };
  const beds = sql.all(
    sql.qb.selectFrom('beds').select(['id', 'kind', 'out_of_service_reason', 'retired_on', 'created_at']),
  );
  for (const bed of beds) {
    if (localDate(new Date(bed.created_at), timeZone) > date) continue;
    if (bed.retired_on !== null && bed.retired_on <= date) continue;
    out.total += 1;
    if (bed.kind === 'nursing') out.nursing += 1;
    const holder = holders.get(bed.id);
    // Service history is not kept: a bed out of service today counts as out of service then too.
    if (holder === 'admitted') out.occupied += 1;
    else if (holder === 'onLeave') out.onLeave += 1;
    else if (holder === 'reserved') out.reserved += 1;
    else if (bed.out_of_service_reason) out.outOfService += 1;
    else out.vacant += 1;
  }
  return out;
}

function residentsIn(deps: Deps, period: { from: string; to: string }): ResidentsSection {
  const { sql } = deps;
  const inResidence = [...statesOn(deps, period.to).entries()]
    .filter(([, s]) => s.status === 'admitted' || s.status === 'onLeave')
    .map(([id]) => id);
  const ids = new Set(inResidence);

  const levels: ResidentsSection['byLevel'] = {
    intact: 0,
    mild: 0,
    moderate: 0,
    severe: 0,
    complete: 0,
    unassessed: 0,
  };
  const latest = new Map<number, string>();
  for (const a of sql.all(
    sql.qb
      .selectFrom('ability_assessments')
      .select(['resident_id', 'level'])
      .where('assessed_on', '<=', period.to)
      .orderBy('assessed_on')
      .orderBy('id'),
  )) {
    if (ids.has(a.resident_id)) latest.set(a.resident_id, a.level);
  }
  for (const id of inResidence) {
    const level = (latest.get(id) ?? 'unassessed') as keyof typeof levels;
    levels[level in levels ? level : 'unassessed'] += 1;
  }

  let over80 = 0;
  if (ids.size > 0) {
    for (const r of sql.all(sql.qb.selectFrom('residents').select(['id', 'birth_date']))) {
      if (ids.has(r.id) && r.birth_date && ageOn(r.birth_date, period.to) >= 80) over80 += 1;
    }
  }

  const moves = sql.all(
    sql.qb
      .selectFrom('resident_events')
      .innerJoin('residents', 'residents.id', 'resident_events.resident_id')
      .select(['resident_events.action', 'residents.discharge_reason'])
      .where('resident_events.action', 'in', ['admit', 'discharge'])
      .where('resident_events.on_date', '>=', period.from)
      .where('resident_events.on_date', '<=', period.to),
  );
  const categories = deps.careHistory.categoryCountsOn(period.to);
  return {
    total: inResidence.length,
    byCategory: {
      selfCare: categories.selfCare,
      partlyDependent: categories.partlyDependent,
      dependent: categories.dependent,
      uncategorised: categories.unassessed,
    },
    byLevel: levels,
    over80,
    admissions: moves.filter((m) => m.action === 'admit').length,
    // Every discharge, deaths included; `deaths` is the part of them that ended in death.
    discharges: moves.filter((m) => m.action === 'discharge').length,
    deaths: moves.filter((m) => m.action === 'discharge' && m.discharge_reason === 'death').length,
  };
}

function incidentsIn(deps: Deps, period: { from: string; to: string }): IncidentsSection {
  const { sql } = deps;
  const byKind: IncidentsSection['byKind'] = { fall: 0, choking: 0, selfHarm: 0, wandering: 0 };
  let total = 0;
  for (const r of sql.all(
    sql.qb
      .selectFrom('incidents')
      .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
      .where('occurred_on', '>=', period.from)
      .where('occurred_on', '<=', period.to)
      .groupBy('kind'),
  )) {
    total += r.n;
    if (r.kind in byKind) byKind[r.kind as keyof typeof byKind] += r.n;
  }
  return { total, byKind };
}

/**
 * The residents module's sections of the regulator summary. `from`/`to` are the period's first and
 * last local days, both included; counts are as of `to`, movements within the period.
 */
export function residentSummaries(deps: Deps): SummaryProvider[] {
  return [
    { key: 'beds', label: '床位', summarize: (period) => bedsOn(deps, period.to) },
    { key: 'residents', label: '在住老人', summarize: (period) => residentsIn(deps, period) },
    { key: 'incidents', label: '风险事件', summarize: (period) => incidentsIn(deps, period) },
  ];
}
