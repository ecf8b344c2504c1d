import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Selectable } from 'kysely';
import type { ParsedInputOf } from '../../shared/contract';
import {
  attachmentKindLabels,
  attachmentKindPermission,
  type AttachmentKind,
  type AttachmentRow,
} from '../../shared/contract/residents';
import { AppError, fieldError } from '../../shared/errors';
import { permissionLabels } from '../../shared/permissions';
import { notFound, type ModuleDeps, type OpContext } from './common';
import type { ResidentsConfigService } from './config';
import type { ResidentRecords } from './residents';
import type { ResidentAttachmentsTable } from './tables';

/** Decodes base64 (optionally a `data:` URL) and refuses text that is not base64 at all. */
export function decodeBase64(text: string, path: string): Buffer {
  const body = text.replace(/^data:[^,]*;base64,/, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body) || body.length % 4 === 1) {
    throw fieldError(path, '文件内容无法读取（不是有效的文件数据），请重新选择文件');
  }
  return Buffer.from(body, 'base64');
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function createAttachments(
  deps: ModuleDeps & { config: ResidentsConfigService; records: ResidentRecords; filesDir: () => string },
) {
  const { sql, config, records, filesDir } = deps;
  const { qb } = sql;

  const pathOf = (storedName: string) => join(filesDir(), storedName);

  function rowOf(row: Selectable<ResidentAttachmentsTable>): AttachmentRow {
    return {
      id: row.id,
      residentId: row.resident_id,
      kind: row.kind as AttachmentKind,
      fileName: row.file_name,
      mimeType: row.mime_type,
      size: row.size,
      uploadedAt: row.uploaded_at,
      uploadedBy: row.uploaded_by === null ? null : (records.userNames([row.uploaded_by])[0] ?? null),
    };
  }

  function requireAttachment(id: number): Selectable<ResidentAttachmentsTable> {
    const row = sql.first(qb.selectFrom('resident_attachments').selectAll().where('id', '=', id));
    if (!row) throw notFound('个附件');
    return row;
  }

  /**
   * What the permanent audit log keeps of an attachment: not its file name, which often carries the
   * person's name ("张桂兰身份证.jpg") and would outlive a purge.
   */
  function auditView(row: AttachmentRow): Record<string, unknown> {
    return { residentId: row.residentId, kind: row.kind, mimeType: row.mimeType, size: row.size };
  }

  function unlink(storedName: string): void {
    rmSync(pathOf(storedName), { force: true });
  }

  return {
    add(input: ParsedInputOf<'residents.addAttachment'>, ctx: OpContext): AttachmentRow {
      const resident = records.requireRow(input.residentId);
      if (resident.status === 'purged') throw new AppError('PRECONDITION', '档案已销毁，不能再上传附件');
      const bytes = decodeBase64(input.base64, 'base64');
      const max = config.get().attachmentMaxBytes;
      if (bytes.length === 0) throw fieldError('base64', '文件是空的，请重新选择文件');
      if (bytes.length > max) {
        throw fieldError(
          'base64',
          `文件太大（${megabytes(bytes.length)}），请选择 ${megabytes(max)} 以内的文件，或压缩后再上传`,
        );
      }
      // The stored name is ours, never the user's file name, so no path can escape the folder.
      const storedName = `${input.residentId}/${randomUUID()}`;
      const path = pathOf(storedName);
      mkdirSync(dirname(path), { recursive: true });
      // Written before the row so a committed row always has its file; if the transaction does not
      // commit, the file goes too, so no stray copy of an ID card or a medical record stays on disk.
      writeFileSync(path, bytes, { flag: 'wx' });
      ctx.onRollback(() => unlink(storedName));
      const { lastInsertRowid: id } = sql.run(
        qb.insertInto('resident_attachments').values({
          resident_id: input.residentId,
          kind: input.kind,
          file_name: input.fileName,
          mime_type: input.mimeType,
          size: bytes.length,
          stored_name: storedName,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          uploaded_at: ctx.now.toISOString(),
          uploaded_by: ctx.user?.id ?? null,
        }),
      );
      const after = rowOf(requireAttachment(id));
      ctx.audit({ entity: 'attachment', entityId: id, after: auditView(after) });
      ctx.emit('residents.changed', { residentId: input.residentId, action: 'attachment' });
      return after;
    },

    list(residentId: number): AttachmentRow[] {
      records.requireRow(residentId);
      return sql
        .all(
          qb
            .selectFrom('resident_attachments')
            .selectAll()
            .where('resident_id', '=', residentId)
            .orderBy('id'),
        )
        .map(rowOf);
    },

    /**
     * Reading an attachment is audited like revealing an ID number. ID copies and contracts show
     * what the masked lists hide; medical records are health information: each kind has its own
     * permission (`attachmentKindPermission`), checked before the file is read.
     */
    get(
      id: number,
      ctx: OpContext,
      access: { may: (permission: string) => boolean },
    ): AttachmentRow & { base64: string } {
      const row = requireAttachment(id);
      const kind = row.kind as AttachmentKind;
      const needed = attachmentKindPermission[kind];
      if (needed && !access.may(needed)) {
        throw new AppError(
          'FORBIDDEN',
          `查看「${attachmentKindLabels[kind].zh}」类附件需要“${permissionLabels[needed as keyof typeof permissionLabels]?.zh ?? needed}”权限。如需查看，请联系管理员为您开通。`,
          { permission: needed },
        );
      }
      const path = pathOf(row.stored_name);
      if (!existsSync(path)) {
        throw new AppError(
          'NOT_FOUND',
          `附件「${row.file_name}」的文件在数据文件夹中找不到了（可能被手动删除或未随备份恢复）。请重新上传，或联系技术支持。`,
        );
      }
      const bytes = readFileSync(path);
      ctx.audit({
        entity: 'attachment',
        entityId: id,
        after: { event: 'viewed', residentId: row.resident_id, kind: row.kind },
      });
      return { ...rowOf(row), base64: bytes.toString('base64') };
    },

    /** The file goes only once the row's removal is committed, so a rollback never leaves a row without its file. */
    remove(id: number, ctx: OpContext): null {
      const row = requireAttachment(id);
      sql.run(qb.deleteFrom('resident_attachments').where('id', '=', id));
      ctx.audit({ entity: 'attachment', entityId: id, before: auditView(rowOf(row)), after: null });
      ctx.emit('residents.changed', { residentId: row.resident_id, action: 'attachment' });
      ctx.afterCommit(() => unlink(row.stored_name));
      return null;
    },

    /** For purge: deletes every row of a resident now and their files after commit; returns how many. */
    removeAllFor(residentId: number, ctx: OpContext): number {
      const rows = sql.all(
        qb
          .selectFrom('resident_attachments')
          .select(['id', 'stored_name'])
          .where('resident_id', '=', residentId),
      );
      sql.run(qb.deleteFrom('resident_attachments').where('resident_id', '=', residentId));
      ctx.afterCommit(() => {
        for (const r of rows) unlink(r.stored_name);
        rmSync(join(filesDir(), String(residentId)), { recursive: true, force: true });
      });
      return rows.length;
    },
  };
}

export type AttachmentsService = ReturnType<typeof createAttachments>;
