import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../src-main/core/app';
import { FakeClock } from '../../../src-main/core/clock';
import { silentLogger } from '../../../src-main/core/logger';
import { addUser } from '../../support/core';
import { createResident, setUp, type Facility, type SetUp } from './support';

let t: (SetUp & Facility) | undefined;
afterEach(() => t?.close());

const photo = Buffer.from('\x89PNG\r\n\x1a\n pretend image bytes 照片', 'utf8');

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

describe('attachments', () => {
  it('keeps files in the attachments folder beside the database, audits reading, and removes them', async () => {
    t = await setUp();
    const r = await createResident(t, '张桂兰');
    const row = await t.call(
      'residents.addAttachment',
      {
        residentId: r.id,
        kind: 'photo',
        fileName: '../../照片.png',
        mimeType: 'image/png',
        base64: photo.toString('base64'),
      },
      t.adminToken,
    );
    expect(row).toMatchObject({
      residentId: r.id,
      kind: 'photo',
      fileName: '../../照片.png',
      size: photo.length,
      uploadedBy: '王院长',
    });
    const dir = join(t.dir, 'attachments');
    const files = filesUnder(dir);
    expect(files).toHaveLength(1);
    expect(readFileSync(files[0]!)).toEqual(photo);
    expect(files[0]!.startsWith(dir)).toBe(true);

    const caregiver = await addUser(t, 'cg', ['caregiver']);
    expect(await t.call('residents.listAttachments', { residentId: r.id }, caregiver)).toEqual([row]);
    const got = await t.call('residents.getAttachment', { id: row.id }, caregiver);
    expect(Buffer.from(got.base64, 'base64')).toEqual(photo);
    const audit = await t.call('audit.list', { module: 'residents', limit: 5 }, t.adminToken);
    expect(audit.rows[0]).toMatchObject({
      procedure: 'residents.getAttachment',
      username: 'cg',
      entity: 'attachment',
    });
    // The upload's audit row describes the file; it does not copy it into the permanent log.
    expect(JSON.stringify(audit.rows)).not.toContain(photo.toString('base64'));

    expect((await t.fail('residents.removeAttachment', { id: row.id }, caregiver)).code).toBe('FORBIDDEN');
    await t.call('residents.removeAttachment', { id: row.id }, t.adminToken);
    expect(filesUnder(dir)).toEqual([]);
    expect(await t.call('residents.listAttachments', { residentId: r.id }, t.adminToken)).toEqual([]);
  });

  it('opens ID copies, contracts and medical records only for holders of residents.idCopies / residents.medicalFiles', async () => {
    t = await setUp();
    const r = await createResident(t, '李秀英');
    const add = (kind: 'idCopy' | 'contract' | 'medical' | 'other', fileName: string) =>
      t!.call(
        'residents.addAttachment',
        {
          residentId: r.id,
          kind,
          fileName,
          base64: Buffer.from(`${kind} 110101194005120031`).toString('base64'),
        },
        t!.adminToken,
      );
    const idCopy = await add('idCopy', '身份证.jpg');
    const contract = await add('contract', '合同.pdf');
    const medical = await add('medical', '体检.pdf');
    const other = await add('other', '生活照.jpg');
    const caregiver = await addUser(t, 'cg', ['caregiver']);
    const nurse = await addUser(t, 'nurse', ['nurse']);
    const frontDesk = await addUser(t, 'fd', ['frontDesk']);

    // The list still shows that the files exist, so staff know to ask.
    expect(await t.call('residents.listAttachments', { residentId: r.id }, caregiver)).toHaveLength(4);
    const idPermission = '查看证件复印件与合同附件';
    const medicalPermission = '查看病历/体检附件';
    for (const [row, label, permission, allowed, refused] of [
      [idCopy, '证件复印件', idPermission, frontDesk, [caregiver, nurse]],
      [contract, '合同', idPermission, frontDesk, [caregiver, nurse]],
      [medical, '病历/体检', medicalPermission, nurse, [caregiver, frontDesk]],
    ] as const) {
      for (const token of refused) {
        const error = await t.fail('residents.getAttachment', { id: row.id }, token);
        expect(error.code).toBe('FORBIDDEN');
        expect(error.message).toContain(`查看「${label}」类附件需要“${permission}”权限`);
      }
      expect((await t.call('residents.getAttachment', { id: row.id }, allowed)).kind).toBe(row.kind);
    }
    expect((await t.call('residents.getAttachment', { id: other.id }, caregiver)).fileName).toBe(
      '生活照.jpg',
    );
    // A refused look is not a look: only the permitted ones are in the log as viewed.
    const viewed = t.core.sql.db
      .prepare("SELECT username FROM audit_log WHERE procedure = 'residents.getAttachment' ORDER BY id")
      .all() as Array<{ username: string }>;
    expect(viewed.map((v) => v.username)).toEqual(['fd', 'fd', 'nurse', 'cg']);
  });

  it('keeps files and rows together when a transaction rolls back', async () => {
    t = await setUp();
    const r = await createResident(t, '孙八');
    const dir = join(t.dir, 'attachments');
    const input = {
      residentId: r.id,
      kind: 'idCopy' as const,
      fileName: '身份证.jpg',
      base64: photo.toString('base64'),
    };
    // Stands in for anything that fails after the handler ran (a full disk writing the audit row).
    const failAuditOf = (procedure: string) =>
      t!.core.sql.db.exec(
        `CREATE TEMP TRIGGER fail_${procedure.replace('.', '_')} BEFORE INSERT ON audit_log
         WHEN NEW.procedure = '${procedure}' BEGIN SELECT RAISE(ABORT, 'disk full'); END;`,
      );
    const heal = (procedure: string) =>
      t!.core.sql.db.exec(`DROP TRIGGER temp.fail_${procedure.replace('.', '_')}`);

    failAuditOf('residents.addAttachment');
    expect((await t.fail('residents.addAttachment', input, t.adminToken)).code).toBe('INTERNAL');
    expect(filesUnder(dir)).toEqual([]);
    expect(await t.call('residents.listAttachments', { residentId: r.id }, t.adminToken)).toEqual([]);
    heal('residents.addAttachment');

    const row = await t.call('residents.addAttachment', input, t.adminToken);
    const [file] = filesUnder(dir);
    failAuditOf('residents.removeAttachment');
    expect((await t.fail('residents.removeAttachment', { id: row.id }, t.adminToken)).code).toBe('INTERNAL');
    expect(filesUnder(dir)).toEqual([file]);
    expect(
      Buffer.from((await t.call('residents.getAttachment', { id: row.id }, t.adminToken)).base64, 'base64'),
    ).toEqual(photo);
    heal('residents.removeAttachment');

    await t.call('residents.archive', { id: r.id }, t.adminToken);
    t.core.sql.db.exec(
      `CREATE TEMP TRIGGER fail_purge BEFORE UPDATE OF status ON residents
       WHEN NEW.status = 'purged' BEGIN SELECT RAISE(ABORT, 'disk full'); END;`,
    );
    expect((await t.fail('residents.purge', { id: r.id, confirmName: '孙八' }, t.adminToken)).code).toBe(
      'INTERNAL',
    );
    expect(filesUnder(dir)).toEqual([file]);
    t.core.sql.db.exec('DROP TRIGGER temp.fail_purge');
    await t.call('residents.purge', { id: r.id, confirmName: '孙八' }, t.adminToken);
    expect(filesUnder(dir)).toEqual([]);
  });

  it('refuses files over the size limit, empty files and text that is not base64', async () => {
    t = await setUp();
    const r = await createResident(t, '李四');
    t.core.sql.db
      .prepare(
        "INSERT INTO residents_config (key, value, updated_at) VALUES ('attachmentMaxBytes', '16', 'x')",
      )
      .run();
    const big = await t.fail(
      'residents.addAttachment',
      {
        residentId: r.id,
        kind: 'medical',
        fileName: '病历.pdf',
        base64: Buffer.alloc(17).toString('base64'),
      },
      t.adminToken,
    );
    expect(big.details?.fieldErrors?.[0]?.path).toBe('base64');
    expect(big.message).toContain('文件太大');
    const notBase64 = await t.fail(
      'residents.addAttachment',
      { residentId: r.id, kind: 'other', fileName: 'a.txt', base64: '不是文件!' },
      t.adminToken,
    );
    expect(notBase64.message).toContain('无法读取');
    expect(filesUnder(join(t.dir, 'attachments'))).toEqual([]);
  });

  it('says so when a file has gone missing from the data folder', async () => {
    t = await setUp();
    const r = await createResident(t, '王五');
    const row = await t.call(
      'residents.addAttachment',
      { residentId: r.id, kind: 'contract', fileName: '合同.pdf', base64: photo.toString('base64') },
      t.adminToken,
    );
    for (const f of filesUnder(join(t.dir, 'attachments'))) rmSync(f);
    const error = await t.fail('residents.getAttachment', { id: row.id }, t.adminToken);
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('合同.pdf');
  });

  it('uses a temporary folder for an in-memory database and removes it on close', async () => {
    const tempFolders = () => new Set(readdirSync(tmpdir()).filter((n) => n.startsWith('caredesk-files-')));
    const before = tempFolders();
    const core = createCore({ dbPath: ':memory:', clock: new FakeClock(), logger: silentLogger });
    const setup = await core.dispatch('auth.setup', {
      institution: { name: '测试' },
      admin: { username: 'admin', password: 'admin-password-1', displayName: '管理员' },
    });
    const token = setup.sessionToken!;
    const created = await core.dispatch(
      'residents.create',
      { name: '赵六', idType: 'passport', idNumber: 'E12345678' },
      token,
    );
    const id = (created.result as { ok: true; value: { id: number } }).value.id;
    const added = await core.dispatch(
      'residents.addAttachment',
      { residentId: id, kind: 'other', fileName: 'a.bin', base64: photo.toString('base64') },
      token,
    );
    expect(added.result.ok).toBe(true);
    const made = [...tempFolders()].filter((n) => !before.has(n));
    expect(made).toHaveLength(1);
    expect(filesUnder(join(tmpdir(), made[0]!))).toHaveLength(1);
    core.close();
    expect(existsSync(join(tmpdir(), made[0]!))).toBe(false);
  });
});

describe('admission drafts', () => {
  it('saves, resumes and deletes a wizard draft', async () => {
    t = await setUp();
    const draft = await t.call(
      'admissions.saveDraft',
      { residentName: '张桂兰', step: 1, data: { profile: { name: '张桂兰' } } },
      t.adminToken,
    );
    expect(draft).toMatchObject({
      residentId: null,
      residentName: '张桂兰',
      step: 1,
      data: { profile: { name: '张桂兰' } },
      updatedBy: '王院长',
    });
    const r = await createResident(t, '张桂兰');
    const resumed = await t.call(
      'admissions.saveDraft',
      { id: draft.id, residentId: r.id, residentName: '张桂兰', step: 3, data: { bedId: 4 } },
      t.adminToken,
    );
    expect(resumed).toMatchObject({ id: draft.id, residentId: r.id, step: 3, data: { bedId: 4 } });
    expect(await t.call('admissions.listDrafts', {}, t.adminToken)).toEqual([resumed]);
    expect(
      (await t.fail('admissions.saveDraft', { residentId: 999, step: 0, data: {} }, t.adminToken)).details
        ?.fieldErrors?.[0]?.path,
    ).toBe('residentId');
    await t.call('admissions.deleteDraft', { id: draft.id }, t.adminToken);
    expect(await t.call('admissions.listDrafts', {}, t.adminToken)).toEqual([]);
    expect((await t.fail('admissions.deleteDraft', { id: draft.id }, t.adminToken)).code).toBe('NOT_FOUND');
  });
});
