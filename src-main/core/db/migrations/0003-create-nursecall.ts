import type { Migration } from '../migrate';

/** New permission keys of the nurse-call module; the administrator already holds '*'. */
const defaultRolePermissions: Record<string, string[]> = {
  headNurse: ['nursecall.read', 'nursecall.respond', 'nursecall.configure', 'nursecall.export'],
  nurse: ['nursecall.read', 'nursecall.respond'],
  caregiver: ['nursecall.read', 'nursecall.respond'],
  frontDesk: ['nursecall.read', 'nursecall.respond'],
};

export const createNurseCall: Migration = {
  version: 3,
  name: '0003-create-nursecall',
  up(db) {
    db.exec(`
      CREATE TABLE nursecall_ports (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL DEFAULT '',
        path TEXT NOT NULL,
        baud_rate INTEGER NOT NULL,
        data_bits INTEGER NOT NULL CHECK (data_bits IN (7, 8)),
        parity TEXT NOT NULL CHECK (parity IN ('none', 'even', 'odd')),
        stop_bits INTEGER NOT NULL CHECK (stop_bits IN (1, 2)),
        protocol TEXT NOT NULL,
        options_json TEXT NOT NULL DEFAULT '{}',
        enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      -- Two configurations on one device would fight over it (the second open fails as busy).
      CREATE UNIQUE INDEX nursecall_ports_path ON nursecall_ports(path);

      -- bed_id / room_id point into the residents module without a foreign key: deleting a bed is
      -- that module's business, and a call from a panel whose bed was deleted must still ring.
      -- label keeps the last resolved name for exactly that case.
      CREATE TABLE nursecall_addresses (
        address TEXT PRIMARY KEY,
        bed_id INTEGER,
        room_id INTEGER,
        area TEXT NOT NULL DEFAULT '',
        label TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK (bed_id IS NOT NULL OR room_id IS NOT NULL OR area <> '')
      ) STRICT;

      CREATE TABLE nursecall_calls (
        id INTEGER PRIMARY KEY,
        address TEXT NOT NULL,
        port_id INTEGER,
        -- Where and who as they were when the call rang, so history does not change when a
        -- resident moves or a bed is renamed.
        label TEXT NOT NULL,
        mapped INTEGER NOT NULL CHECK (mapped IN (0, 1)),
        bed_id INTEGER,
        room_id INTEGER,
        area TEXT NOT NULL DEFAULT '',
        zone TEXT NOT NULL,
        resident_id INTEGER,
        resident_json TEXT,
        priority TEXT NOT NULL CHECK (priority IN ('alarm', 'high', 'normal')),
        message TEXT NOT NULL DEFAULT '',
        call_type TEXT,
        status TEXT NOT NULL CHECK (status IN ('raised', 'acknowledged', 'cleared')),
        raised_at TEXT NOT NULL,
        raised_on TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        repeats INTEGER NOT NULL DEFAULT 0,
        acknowledged_at TEXT,
        acknowledged_by INTEGER,
        acknowledged_by_name TEXT,
        escalated_at TEXT,
        cleared_at TEXT,
        cleared_by INTEGER,
        cleared_by_name TEXT,
        cleared_how TEXT CHECK (cleared_how IN ('panel', 'attended')),
        note TEXT NOT NULL DEFAULT '',
        CHECK ((status = 'cleared') = (cleared_at IS NOT NULL)),
        CHECK (status = 'raised' OR status = 'cleared' OR acknowledged_at IS NOT NULL)
      ) STRICT;
      -- At most one open call per address: repeats are merged into it, never duplicated.
      CREATE UNIQUE INDEX nursecall_calls_open ON nursecall_calls(address) WHERE status <> 'cleared';
      CREATE INDEX nursecall_calls_raised_on ON nursecall_calls(raised_on);
      CREATE INDEX nursecall_calls_address ON nursecall_calls(address, raised_at);

      CREATE TABLE nursecall_config (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
    const grant = db.prepare('INSERT OR IGNORE INTO role_permissions (role, permission) VALUES (?, ?)');
    for (const [role, permissions] of Object.entries(defaultRolePermissions)) {
      for (const permission of permissions) grant.run(role, permission);
    }
  },
};
