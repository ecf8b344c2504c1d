import type { Migration } from '../migrate';

const defaultRolePermissions: Record<string, string[]> = {
  administrator: ['*'],
  headNurse: ['audit.read'],
  nurse: [],
  caregiver: [],
  finance: [],
  fireOfficer: [],
  frontDesk: [],
};

const roleNames: Array<[string, string, string]> = [
  ['administrator', '院长/管理员', 'Administrator'],
  ['headNurse', '护士长', 'Head nurse'],
  ['nurse', '护士', 'Nurse'],
  ['caregiver', '护理员', 'Caregiver'],
  ['finance', '财务', 'Finance'],
  ['fireOfficer', '消防安全管理人', 'Fire-safety officer'],
  ['frontDesk', '前台', 'Front desk'],
];

export const createFoundation: Migration = {
  version: 1,
  name: '0001-create-foundation',
  up(db) {
    db.exec(`
      CREATE TABLE institution (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        name TEXT NOT NULL,
        license_no TEXT NOT NULL DEFAULT '',
        address TEXT NOT NULL DEFAULT '',
        nature TEXT NOT NULL DEFAULT 'private' CHECK (nature IN ('public', 'private', 'publicPrivate')),
        time_zone TEXT NOT NULL DEFAULT 'Asia/Shanghai',
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
        display_name TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        must_change_password INTEGER NOT NULL DEFAULT 0,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT,
        disabled INTEGER NOT NULL DEFAULT 0,
        last_login_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE roles (
        key TEXT PRIMARY KEY,
        name_zh TEXT NOT NULL,
        name_en TEXT NOT NULL
      ) STRICT;

      CREATE TABLE user_roles (
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role TEXT NOT NULL REFERENCES roles(key),
        PRIMARY KEY (user_id, role)
      ) STRICT;

      CREATE TABLE role_permissions (
        role TEXT NOT NULL REFERENCES roles(key),
        permission TEXT NOT NULL,
        PRIMARY KEY (role, permission)
      ) STRICT;

      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        locked INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX sessions_user ON sessions(user_id);

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        user_id INTEGER,
        username TEXT,
        procedure TEXT NOT NULL,
        module TEXT NOT NULL,
        entity TEXT,
        entity_id TEXT,
        before_json TEXT,
        after_json TEXT,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_log_at ON audit_log(at);
      CREATE INDEX audit_log_user ON audit_log(user_id);
      CREATE INDEX audit_log_module ON audit_log(module);

      -- Append-only: the chain of hashes catches anyone who drops these triggers and edits anyway.
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `);
    const insertRole = db.prepare('INSERT INTO roles (key, name_zh, name_en) VALUES (?, ?, ?)');
    for (const [key, zh, en] of roleNames) insertRole.run(key, zh, en);
    const grant = db.prepare('INSERT INTO role_permissions (role, permission) VALUES (?, ?)');
    for (const [role, permissions] of Object.entries(defaultRolePermissions)) {
      for (const permission of permissions) grant.run(role, permission);
    }
  },
};
