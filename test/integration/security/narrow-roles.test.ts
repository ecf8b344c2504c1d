import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/core/db/connection';
import { migrate } from '../../../src-main/core/db/migrate';
import { silentLogger } from '../../../src-main/core/logger';
import { allMigrations } from '../../../src-main/core/modules';
import { addUser } from '../../support/core';
import { createResident, setUp, type Facility, type SetUp } from '../residents/support';

const png = Buffer.from('89504e470d0a1a0a', 'hex').toString('base64');

let t: SetUp & Facility;
const tok: Record<string, string> = {};
let residentId: number;
const files: Record<string, number> = {};
beforeAll(async () => {
  t = await setUp();
  for (const role of ['headNurse', 'nurse', 'finance', 'fireOfficer', 'frontDesk'] as const) {
    tok[role] = await addUser(t, `u-${role}`, [role]);
  }
  const r = await createResident(t, '张桂兰', {
    diagnoses: ['高血压'],
    allergies: ['青霉素'],
    contacts: [{ name: '张伟', relation: '儿子', phones: ['13800000000'] }],
    notes: '夜间易醒',
  });
  residentId = r.id;
  for (const kind of ['medical', 'idCopy', 'contract', 'photo'] as const) {
    const row = await t.call(
      'residents.addAttachment',
      { residentId, kind, fileName: `${kind}.png`, mimeType: 'image/png', base64: png },
      t.adminToken,
    );
    files[kind] = row.id;
  }
});
afterAll(() => t.close());

describe('narrower roles (issue 9, finding 6)', () => {
  it('finance and the fire-safety officer see the basic facts but no health information', async () => {
    for (const role of ['finance', 'fireOfficer']) {
      const d = await t.call('residents.get', { id: residentId }, tok[role]);
      expect(d.name).toBe('张桂兰');
      expect(d.healthHidden).toBe(true);
      expect([d.diagnoses, d.allergies, d.contacts, d.notes]).toEqual([[], [], [], '']);
      expect((await t.fail('incidents.list', { residentId }, tok[role])).code).toBe('FORBIDDEN');
      expect((await t.fail('assessments.history', { residentId }, tok[role])).code).toBe('FORBIDDEN');
    }
    const nurse = await t.call('residents.get', { id: residentId }, tok.nurse);
    expect(nurse.healthHidden).toBe(false);
    expect(nurse.diagnoses).toEqual(['高血压']);
    expect(nurse.contacts[0]!.name).toBe('张伟');
  });

  it('attachments open by kind: medical for care staff, ID copies and contracts for the front desk', async () => {
    const opens = async (role: string, kind: string) => {
      const { result } = await t.core.dispatch('residents.getAttachment', { id: files[kind] }, tok[role]);
      return result.ok ? 'ok' : result.error.code;
    };
    expect(await opens('frontDesk', 'medical')).toBe('FORBIDDEN');
    expect(await opens('frontDesk', 'idCopy')).toBe('ok');
    expect(await opens('frontDesk', 'contract')).toBe('ok');
    expect(await opens('nurse', 'medical')).toBe('ok');
    expect(await opens('nurse', 'idCopy')).toBe('FORBIDDEN');
    expect(await opens('finance', 'photo')).toBe('ok');
    expect(await opens('finance', 'medical')).toBe('FORBIDDEN');
    expect(await opens('headNurse', 'medical')).toBe('ok');
  });

  it('the front desk no longer overrides grades, deletes attachments or bulk-creates beds', async () => {
    const fd = tok.frontDesk;
    const grade = await t.fail(
      'residents.setCareGrade',
      { id: residentId, grade: '特级', reason: '家属要求' },
      fd,
    );
    expect(grade.code).toBe('FORBIDDEN');
    expect((await t.fail('residents.removeAttachment', { id: files.photo }, fd)).code).toBe('FORBIDDEN');
    const bulk = await t.fail(
      'beds.bulkCreate',
      {
        buildingId: t.buildingId,
        floor: 4,
        roomFrom: 401,
        roomTo: 460,
        bedsPerRoom: 2,
        roomClass: '双人间',
        bedKind: 'nursing',
      },
      fd,
    );
    expect(bulk.code).toBe('FORBIDDEN');
    // Taking a bed out of service for a repair stays front-desk work.
    const bed = [...t.beds.values()][0]!;
    expect((await t.call('beds.setOutOfService', { id: bed, reason: '维修' }, fd)).status).toBe(
      'outOfService',
    );
    expect((await t.fail('residents.export', {}, tok.finance)).code).toBe('FORBIDDEN');
  });

  it('without residents.health a profile edit may not change diagnoses or contacts', async () => {
    await t.call(
      'roles.setPermissions',
      { role: 'fireOfficer', permissions: ['residents.read', 'residents.write'] },
      t.adminToken,
    );
    const err = await t.fail(
      'residents.update',
      { id: residentId, diagnoses: [] as string[], notes: '改' },
      tok.fireOfficer,
    );
    expect(err.code).toBe('FORBIDDEN');
    const ok = await t.call('residents.update', { id: residentId, phone: '010-1234567' }, tok.fireOfficer);
    expect(ok.healthHidden).toBe(true);
    const kept = await t.call('residents.get', { id: residentId }, t.adminToken);
    expect(kept.diagnoses).toEqual(['高血压']);
  });

  it('the head nurse filters the audit log by names without holding users.manage', async () => {
    const names = await t.call('users.names', {}, tok.headNurse);
    expect(names.map((n) => n.name)).toContain('u-nurse');
    expect(Object.keys(names[0]!).sort()).toEqual(['id', 'name', 'username']);
    expect((await t.fail('users.list', {}, tok.headNurse)).code).toBe('FORBIDDEN');
  });
});

describe('migration 0006-narrow-roles', () => {
  it('moves an existing installation to the narrower defaults and keeps an administrator’s removals', () => {
    const dir = mkdtempSync(join(tmpdir(), 'caredesk-mig6-'));
    try {
      const db = openDatabase(join(dir, 'caredesk.db'));
      const migrations = allMigrations();
      const now = new Date('2026-11-25T02:00:00Z');
      expect(migrations[5]!.name).toBe('0006-narrow-roles');
      migrate(db, { migrations: migrations.slice(0, 5), now, logger: silentLogger });
      // The administrator had taken residents.read from caregivers before upgrading.
      db.prepare(
        "DELETE FROM role_permissions WHERE role = 'caregiver' AND permission = 'residents.read'",
      ).run();
      migrate(db, { migrations, now, logger: silentLogger, backupDir: join(dir, 'b') });
      const of = (role: string) =>
        (
          db
            .prepare('SELECT permission FROM role_permissions WHERE role = ? ORDER BY permission')
            .all(role) as Array<{ permission: string }>
        ).map((r) => r.permission);
      expect(of('frontDesk')).not.toContain('facilities.manage');
      expect(of('frontDesk')).toEqual(expect.arrayContaining(['residents.health', 'residents.idCopies']));
      expect(of('frontDesk')).not.toContain('residents.medicalFiles');
      expect(of('finance')).toEqual(['residents.read']);
      expect(of('fireOfficer')).toEqual(['residents.read']);
      expect(of('caregiver')).not.toContain('residents.health');
      expect(of('nurse')).toEqual(expect.arrayContaining(['residents.health', 'residents.medicalFiles']));
      expect(of('headNurse')).toEqual(
        expect.arrayContaining(['residents.overrideGrade', 'residents.deleteAttachments']),
      );
      const catalog = (
        db.prepare('SELECT permission FROM permission_catalog').all() as Array<{ permission: string }>
      ).map((r) => r.permission);
      expect(catalog).toEqual(
        expect.arrayContaining([
          'residents.health',
          'residents.medicalFiles',
          'residents.idCopies',
          'residents.overrideGrade',
          'residents.deleteAttachments',
        ]),
      );
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
