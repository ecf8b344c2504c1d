import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  auditActionLabel,
  auditEntityLabel,
  auditSubject,
  hasAuditActionLabel,
} from '../../../src-main/shared/audit-labels';
import { procedures } from '../../../src-main/shared/contract';
import type { ProcedureDef } from '../../../src-main/shared/contract/define';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('the audit log reads in plain words', () => {
  it('names every write procedure by its module and verb', () => {
    const writes = Object.entries(procedures as Record<string, ProcedureDef>)
      .filter(([, def]) => def.write)
      .map(([name]) => name);
    expect(writes.length).toBeGreaterThan(40);
    expect(writes.filter((name) => !hasAuditActionLabel(name))).toEqual([]);
  });

  it('names every kind of subject the core records', () => {
    const entities = new Set<string>();
    for (const file of sources('src-main/core')) {
      for (const m of readFileSync(file, 'utf8').matchAll(/entity: '([A-Za-z]+)'/g)) entities.add(m[1]!);
    }
    expect(entities.size).toBeGreaterThan(20);
    expect([...entities].filter((e) => auditEntityLabel(e) === null)).toEqual([]);
  });

  it('takes a verb from the module that declares the procedure', () => {
    expect(auditActionLabel('beds.retire')).toBe('床位·撤床');
    // Alerts also have an "acknowledge" (已读); a nurse-call response must not read like that.
    expect(auditActionLabel('nursecall.calls.acknowledge')).toBe('呼叫·响应');
    expect(auditActionLabel('alerts.acknowledge')).toBe('提醒·已读');
    expect(auditActionLabel('residents.admit', 'en-US')).toBe('Residents: admit');
  });

  it('shows the subject by name, and by number only when the name is gone', () => {
    expect(auditSubject({ entity: 'resident', entityId: '76', subjectName: '张庆祥' })).toBe('老人 张庆祥');
    expect(auditSubject({ entity: 'bed', entityId: '3', subjectName: '1号楼 101-1床' })).toBe(
      '床位 1号楼 101-1床',
    );
    expect(auditSubject({ entity: 'resident', entityId: '76', subjectName: null })).toBe('老人 #76');
  });
});
