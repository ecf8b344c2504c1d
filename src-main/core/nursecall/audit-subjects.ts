import type { AuditSubjectNamer } from '../audit/audit-names';
import type { Sql } from '../db/sql';
import type { NurseCallTables } from './tables';

/** Names for the audit viewer: 呼叫 1号楼 101-1床（12-03 02:14）, 呼叫串口 护理站 /dev/ttyUSB0. */
export function nurseCallAuditSubjects(sql: Sql<NurseCallTables>): Record<string, AuditSubjectNamer> {
  const { qb } = sql;
  const numbers = (ids: string[]) => ids.map(Number).filter(Number.isInteger);
  return {
    nurseCall: (ids) =>
      new Map(
        sql
          .all(
            qb
              .selectFrom('nursecall_calls')
              .select(['id', 'label', 'raised_on'])
              .where('id', 'in', numbers(ids)),
          )
          .map((c) => [String(c.id), `${c.label}（${c.raised_on}）`]),
      ),
    nurseCallPort: (ids) =>
      new Map(
        sql
          .all(
            qb.selectFrom('nursecall_ports').select(['id', 'name', 'path']).where('id', 'in', numbers(ids)),
          )
          .map((p) => [String(p.id), p.name ? `${p.name} ${p.path}` : p.path]),
      ),
    nurseCallAddress: (ids) =>
      new Map(
        sql
          .all(qb.selectFrom('nursecall_addresses').select(['address', 'label']).where('address', 'in', ids))
          .map((a) => [a.address, `${a.address}（${a.label}）`]),
      ),
  };
}
