import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../src-main/core/app';
import { FakeClock } from '../../../src-main/core/clock';
import { silentLogger } from '../../../src-main/core/logger';
import { defineCoreModule, type CoreModule } from '../../../src-main/core/module';
import { allMigrations, coreModules } from '../../../src-main/core/modules';
import { syncPermissionGrants } from '../../../src-main/core/platform/permission-grants';
import { defineSharedModule, type SharedModule } from '../../../src-main/shared/module';
import { allPermissions, sharedModules } from '../../../src-main/shared/modules';

const shared = sharedModules as readonly SharedModule[];

describe('module registries', () => {
  it('gives every shared module a core side, and every procedure a known access rule', () => {
    // The platform's own procedures (alerts, scheduler) are served by the composition root.
    const withCore = new Set(['platform', ...coreModules.map((m) => m.shared.name)]);
    expect(shared.map((m) => m.name).filter((n) => !withCore.has(n))).toEqual([]);
    for (const m of shared) {
      for (const [name, def] of Object.entries(m.procedures)) {
        expect(name.split('.').length, name).toBeGreaterThanOrEqual(2);
        const ok =
          def.access === 'public' ||
          def.access === 'authenticated' ||
          Object.hasOwn(allPermissions, def.access);
        expect(ok, `${name} needs "${def.access}", which no module declares`).toBe(true);
      }
      for (const [event, decl] of Object.entries(m.events)) {
        const ok = decl.access === 'authenticated' || Object.hasOwn(allPermissions, decl.access);
        expect(ok, `event ${event} is heard with "${decl.access}", which no module declares`).toBe(true);
      }
    }
  });

  it('numbers migrations 1, 2, 3… across modules and refuses a gap', () => {
    expect(allMigrations().map((m) => m.version)).toEqual(allMigrations().map((_, i) => i + 1));
    const gap = defineCoreModule({
      shared: defineSharedModule({
        name: 'gap',
        label: { zh: '', en: '' },
        procedures: {},
        permissions: {},
        events: {},
      }),
      migrations: [{ version: allMigrations().length + 2, name: '9999-gap', up: () => {} }],
      create: () => ({ handlers: {} }),
    }) as unknown as CoreModule;
    expect(() => allMigrations([...coreModules, gap])).toThrow(/without gaps/);
  });

  it('grants a new permission its default roles once, and never re-grants what an administrator took away', () => {
    const dir = mkdtempSync(join(tmpdir(), 'caredesk-grants-'));
    const dbPath = join(dir, 'caredesk.db');
    const fire = defineSharedModule({
      name: 'evacuation',
      label: { zh: '消防', en: 'Fire' },
      procedures: {},
      events: {},
      permissions: {
        'evacuation.rehearse': { zh: '防火巡查', en: 'Fire patrols', grants: ['fireOfficer', 'caregiver'] },
      },
    });
    try {
      const core = createCore({ dbPath, clock: new FakeClock(), logger: silentLogger });
      const grantsOf = () =>
        (
          core.sql.db
            .prepare(
              "SELECT role FROM role_permissions WHERE permission = 'evacuation.rehearse' ORDER BY role",
            )
            .all() as Array<{ role: string }>
        ).map((r) => r.role);
      expect(grantsOf()).toEqual([]);
      const sync = () =>
        syncPermissionGrants({
          sql: core.sql.scope<unknown>(),
          writes: core.writes,
          now: core.clock.now(),
          modules: [...shared, fire],
        });
      expect(sync()).toEqual(['evacuation.rehearse']);
      expect(grantsOf()).toEqual(['caregiver', 'fireOfficer']);
      core.sql.db
        .prepare(
          "DELETE FROM role_permissions WHERE permission = 'evacuation.rehearse' AND role = 'caregiver'",
        )
        .run();
      expect(sync()).toEqual([]);
      expect(grantsOf()).toEqual(['fireOfficer']);
      const audit = core.services.auditLog.list({ offset: 0, limit: 5 }).rows[0]!;
      expect(audit).toMatchObject({
        procedure: 'roles.defaultGrants',
        after: { granted: { 'evacuation.rehearse': ['fireOfficer', 'caregiver'] } },
      });
      void core.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('schema snapshot', () => {
  it('matches the checked-in schema after all migrations (update test/integration/platform/schema.sql on purpose)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'caredesk-schema-'));
    try {
      const core = createCore({
        dbPath: join(dir, 'caredesk.db'),
        clock: new FakeClock(),
        logger: silentLogger,
      });
      void core.close();
      const db = new Database(join(dir, 'caredesk.db'), { readonly: true });
      const rows = db
        .prepare(
          "SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type, name",
        )
        .all() as Array<{ type: string; name: string; sql: string }>;
      const version = db.pragma('user_version', { simple: true });
      db.close();
      const text = `-- user_version ${String(version)}\n${rows.map((r) => `${r.sql.replace(/\s+/g, ' ').trim()};`).join('\n')}\n`;
      const file = join(__dirname, 'schema.sql');
      if (process.env.UPDATE_SCHEMA_SNAPSHOT) writeFileSync(file, text);
      expect(text).toBe(readFileSync(file, 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
