import type { Migration } from '../migrate';

/** New permission keys of the residents module; the administrator already holds '*'. */
const defaultRolePermissions: Record<string, string[]> = {
  headNurse: [
    'residents.read',
    'residents.write',
    'residents.discharge',
    'residents.viewIdNumber',
    'residents.export',
    'assessments.write',
    'incidents.write',
    'facilities.manage',
  ],
  // Whoever finds a resident on the floor records the fall: caregivers included.
  nurse: ['residents.read', 'assessments.write', 'incidents.write'],
  caregiver: ['residents.read', 'incidents.write'],
  frontDesk: [
    'residents.read',
    'residents.write',
    'incidents.write',
    'residents.viewIdNumber',
    'residents.export',
    'facilities.manage',
  ],
  finance: ['residents.read', 'residents.export'],
  fireOfficer: ['residents.read'],
};

export const createResidents: Migration = {
  version: 2,
  name: '0002-create-residents',
  up(db) {
    db.exec(`
      CREATE TABLE buildings (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE rooms (
        id INTEGER PRIMARY KEY,
        building_id INTEGER NOT NULL REFERENCES buildings(id),
        floor INTEGER NOT NULL,
        number TEXT NOT NULL,
        sort_no INTEGER NOT NULL,
        room_class TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (building_id, number)
      ) STRICT;

      CREATE TABLE beds (
        id INTEGER PRIMARY KEY,
        room_id INTEGER NOT NULL REFERENCES rooms(id),
        number INTEGER NOT NULL,
        label TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('nursing', 'general')),
        out_of_service_reason TEXT,
        retired_on TEXT,
        retired_reason TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (room_id, number)
      ) STRICT;
      CREATE INDEX beds_label ON beds(label COLLATE NOCASE);

      CREATE TABLE residents (
        id INTEGER PRIMARY KEY,
        status TEXT NOT NULL CHECK (status IN ('waiting', 'reserved', 'admitted', 'onLeave', 'discharged', 'archived', 'purged')),
        name TEXT NOT NULL,
        pinyin_initials TEXT NOT NULL COLLATE NOCASE,
        pinyin_full TEXT NOT NULL COLLATE NOCASE,
        id_type TEXT NOT NULL,
        id_number TEXT,
        birth_date TEXT,
        sex TEXT CHECK (sex IN ('male', 'female')),
        phone TEXT NOT NULL DEFAULT '',
        native_place TEXT NOT NULL DEFAULT '',
        ethnicity TEXT NOT NULL DEFAULT '',
        marital_status TEXT,
        education TEXT NOT NULL DEFAULT '',
        former_occupation TEXT NOT NULL DEFAULT '',
        insurance_type TEXT NOT NULL DEFAULT '',
        insurance_number TEXT NOT NULL DEFAULT '',
        support_type TEXT NOT NULL,
        diagnoses_json TEXT NOT NULL DEFAULT '[]',
        allergies_json TEXT NOT NULL DEFAULT '[]',
        diet_json TEXT NOT NULL DEFAULT '[]',
        contacts_json TEXT NOT NULL DEFAULT '[]',
        notes TEXT NOT NULL DEFAULT '',
        applied_on TEXT NOT NULL,
        bed_id INTEGER REFERENCES beds(id),
        reserved_on TEXT,
        admitted_on TEXT,
        discharged_on TEXT,
        discharge_reason TEXT,
        discharge_destination TEXT,
        contract_number TEXT,
        contract_start_on TEXT,
        contract_end_on TEXT,
        ability_level TEXT,
        care_category TEXT CHECK (care_category IN ('selfCare', 'partlyDependent', 'dependent')),
        latest_ability_id INTEGER REFERENCES ability_assessments(id),
        latest_risk_id INTEGER REFERENCES risk_assessments(id),
        care_grade_override TEXT,
        care_grade_override_reason TEXT,
        reassessment_flag TEXT,
        archived_on TEXT,
        purged_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        -- Anyone holding a bed (reserved, in residence, on leave) must say which.
        CHECK ((status IN ('reserved', 'admitted', 'onLeave')) = (bed_id IS NOT NULL))
      ) STRICT;
      -- The last line of defence for "no two residents in one bed".
      CREATE UNIQUE INDEX residents_bed ON residents(bed_id) WHERE bed_id IS NOT NULL;
      CREATE UNIQUE INDEX residents_document ON residents(id_type, id_number) WHERE id_number IS NOT NULL;
      CREATE INDEX residents_status ON residents(status);
      CREATE INDEX residents_name ON residents(name);
      CREATE INDEX residents_pinyin_initials ON residents(pinyin_initials);
      CREATE INDEX residents_pinyin_full ON residents(pinyin_full);

      CREATE TABLE resident_events (
        id INTEGER PRIMARY KEY,
        resident_id INTEGER NOT NULL REFERENCES residents(id),
        at TEXT NOT NULL,
        on_date TEXT NOT NULL,
        action TEXT NOT NULL,
        from_status TEXT,
        to_status TEXT NOT NULL,
        bed_id INTEGER REFERENCES beds(id),
        bed_label TEXT,
        detail TEXT NOT NULL DEFAULT '',
        user_id INTEGER,
        user_name TEXT
      ) STRICT;
      CREATE INDEX resident_events_resident ON resident_events(resident_id, id);
      CREATE INDEX resident_events_bed ON resident_events(bed_id);

      CREATE TABLE resident_leaves (
        id INTEGER PRIMARY KEY,
        resident_id INTEGER NOT NULL REFERENCES residents(id),
        kind TEXT NOT NULL CHECK (kind IN ('outing', 'hospital')),
        start_on TEXT NOT NULL,
        expected_return_on TEXT,
        returned_on TEXT,
        closed_on TEXT,
        destination TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX resident_leaves_resident ON resident_leaves(resident_id, start_on);
      CREATE UNIQUE INDEX resident_leaves_open ON resident_leaves(resident_id) WHERE closed_on IS NULL;

      CREATE TABLE ability_assessments (
        id INTEGER PRIMARY KEY,
        resident_id INTEGER NOT NULL REFERENCES residents(id),
        assessed_on TEXT NOT NULL,
        reason TEXT NOT NULL,
        scores_json TEXT NOT NULL,
        flags_json TEXT NOT NULL,
        dimension_totals_json TEXT NOT NULL,
        total INTEGER NOT NULL CHECK (total BETWEEN 0 AND 90),
        base_level TEXT NOT NULL,
        level TEXT NOT NULL,
        adjustment TEXT NOT NULL,
        adjustment_reasons_json TEXT NOT NULL,
        care_risk_events INTEGER NOT NULL,
        assessor_ids_json TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        recorded_at TEXT NOT NULL,
        recorded_by INTEGER
      ) STRICT;
      CREATE INDEX ability_assessments_resident ON ability_assessments(resident_id, assessed_on);

      CREATE TABLE risk_assessments (
        id INTEGER PRIMARY KEY,
        resident_id INTEGER NOT NULL REFERENCES residents(id),
        assessed_on TEXT NOT NULL,
        items_json TEXT NOT NULL,
        guardian_json TEXT,
        assessor_ids_json TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        recorded_by INTEGER
      ) STRICT;
      CREATE INDEX risk_assessments_resident ON risk_assessments(resident_id, assessed_on);

      -- No CHECK on kind: the care-records module adds kinds of its own.
      CREATE TABLE incidents (
        id INTEGER PRIMARY KEY,
        resident_id INTEGER NOT NULL REFERENCES residents(id),
        kind TEXT NOT NULL,
        occurred_on TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        recorded_by INTEGER,
        recorded_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX incidents_resident ON incidents(resident_id, occurred_on);

      CREATE TABLE admission_drafts (
        id INTEGER PRIMARY KEY,
        resident_id INTEGER REFERENCES residents(id),
        resident_name TEXT NOT NULL DEFAULT '',
        step INTEGER NOT NULL,
        data_json TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by INTEGER
      ) STRICT;

      CREATE TABLE resident_attachments (
        id INTEGER PRIMARY KEY,
        resident_id INTEGER NOT NULL REFERENCES residents(id),
        kind TEXT NOT NULL,
        file_name TEXT NOT NULL,
        mime_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        stored_name TEXT NOT NULL UNIQUE,
        sha256 TEXT NOT NULL,
        uploaded_at TEXT NOT NULL,
        uploaded_by INTEGER
      ) STRICT;
      CREATE INDEX resident_attachments_resident ON resident_attachments(resident_id);

      CREATE TABLE residents_config (
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
