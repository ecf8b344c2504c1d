import { type z } from 'zod';
import type { InstitutionProfile, institutionProfileInput } from '../../shared/contract/system';
import type { InstitutionNature } from '../../shared/enums';
import { AppError } from '../../shared/errors';
import type { Sql } from '../db/sql';

type ProfileInput = z.output<typeof institutionProfileInput>;

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export function createInstitutionService(sql: Sql) {
  const { qb } = sql;
  /** Remembered until the next write: every call asks for the time zone. */
  function find(): InstitutionProfile | null {
    return sql.remember('institution', read);
  }
  function read(): InstitutionProfile | null {
    const row = sql.first(qb.selectFrom('institution').selectAll().where('id', '=', 1));
    return row
      ? {
          name: row.name,
          licenseNo: row.license_no,
          address: row.address,
          nature: row.nature as InstitutionNature,
          timeZone: row.time_zone,
          updatedAt: row.updated_at,
        }
      : null;
  }
  return {
    find,
    get(): InstitutionProfile {
      const profile = find();
      if (!profile)
        throw new AppError('SETUP_REQUIRED', '还没有完成首次设置，请先填写机构信息并创建管理员。');
      return profile;
    },
    timeZone(): string {
      return find()?.timeZone ?? 'Asia/Shanghai';
    },
    save(input: ProfileInput, now: Date): { before: InstitutionProfile | null; after: InstitutionProfile } {
      const timeZone = input.timeZone || 'Asia/Shanghai';
      if (!validTimeZone(timeZone)) {
        throw new AppError('VALIDATION', '时区无法识别，请填写如 Asia/Shanghai 的时区名称。', {
          fieldErrors: [{ path: 'timeZone', message: '时区无法识别，请填写如 Asia/Shanghai 的时区名称' }],
        });
      }
      const before = find();
      const values = {
        name: input.name,
        license_no: input.licenseNo ?? before?.licenseNo ?? '',
        address: input.address ?? before?.address ?? '',
        nature: input.nature ?? before?.nature ?? 'private',
        time_zone: timeZone,
        updated_at: now.toISOString(),
      };
      sql.run(
        qb
          .insertInto('institution')
          .values({ id: 1, ...values })
          .onConflict((oc) => oc.column('id').doUpdateSet(values)),
      );
      return { before, after: find() as InstitutionProfile };
    },
  };
}

export type InstitutionService = ReturnType<typeof createInstitutionService>;
