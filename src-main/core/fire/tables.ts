import type { Generated } from 'kysely';

/** Table types of the fire-safety module (migration 0007). */

export interface FireTemplatesTable {
  id: Generated<number>;
  key: string;
  version: number;
  name: string;
  cadence_json: string;
  items_json: string;
  saved_at: string;
  saved_by: string | null;
}

export interface FireRecordsTable {
  id: Generated<number>;
  template_key: string;
  template_version: number;
  slot_start: string | null;
  slot_end: string | null;
  performed_at: string;
  performed_on: string;
  timing: string;
  night: number;
  performer_ids_json: string;
  items_json: string;
  note: string;
  recorded_by: number | null;
  recorded_by_name: string | null;
  created_at: string;
}

export interface FireHazardsTable {
  id: Generated<number>;
  title: string;
  location: string;
  level: string;
  found_on: string;
  description: string;
  photo: string | null;
  source_record_id: number | null;
  source_item_key: string | null;
  status: string;
  owner_id: number | null;
  deadline: string | null;
  interim_measures: string;
  rectified_on: string | null;
  measures: string;
  rectify_photo: string | null;
  rectified_by: number | null;
  verified_on: string | null;
  verified_by: number | null;
  verify_note: string;
  rejections_json: string;
  reported_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface FireEquipmentTable {
  id: Generated<number>;
  kind: string;
  code: string;
  location: string;
  spec: string;
  installed_on: string | null;
  expires_on: string | null;
  next_service_on: string | null;
  last_checked_on: string | null;
  created_at: string;
  updated_at: string;
}

export interface FirePlansTable {
  id: Generated<number>;
  key: string;
  version: number;
  title: string;
  body: string;
  reviewed_on: string | null;
  saved_at: string;
  saved_by: string | null;
}

export interface FireDrillsTable {
  id: Generated<number>;
  held_on: string;
  plan_key: string;
  plan_version: number;
  scenario: string;
  night: number;
  participants: number;
  participant_names_json: string;
  residents_evacuated: number;
  bedridden_evacuated: number;
  evacuation_seconds: number;
  problems: string;
  photos_json: string;
  recorded_by: string | null;
  created_at: string;
}

export interface FireTables {
  fire_templates: FireTemplatesTable;
  fire_records: FireRecordsTable;
  fire_hazards: FireHazardsTable;
  fire_equipment: FireEquipmentTable;
  fire_plans: FirePlansTable;
  fire_drills: FireDrillsTable;
}
