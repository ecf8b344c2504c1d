import type { Generated } from 'kysely';

/** Table types of the residents module (migrations 0002 and 0005). JSON columns end in `_json`. */

export interface BuildingsTable {
  id: Generated<number>;
  name: string;
  created_at: string;
  updated_at: string;
}

export interface RoomsTable {
  id: Generated<number>;
  building_id: number;
  floor: number;
  number: string;
  /** Numeric part of the room number, so 1001 sorts after 999. */
  sort_no: number;
  room_class: string;
  created_at: string;
}

export interface BedsTable {
  id: Generated<number>;
  room_id: number;
  number: number;
  label: string;
  kind: string;
  out_of_service_reason: string | null;
  retired_on: string | null;
  retired_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface ResidentsTable {
  id: Generated<number>;
  status: string;
  name: string;
  pinyin_initials: string;
  pinyin_full: string;
  id_type: string;
  /** Null only after purge. */
  id_number: string | null;
  birth_date: string | null;
  sex: string | null;
  phone: string;
  native_place: string;
  ethnicity: string;
  marital_status: string | null;
  education: string;
  former_occupation: string;
  insurance_type: string;
  insurance_number: string;
  support_type: string;
  diagnoses_json: string;
  allergies_json: string;
  diet_json: string;
  contacts_json: string;
  notes: string;
  applied_on: string;
  bed_id: number | null;
  reserved_on: string | null;
  admitted_on: string | null;
  discharged_on: string | null;
  discharge_reason: string | null;
  discharge_destination: string | null;
  contract_number: string | null;
  contract_start_on: string | null;
  contract_end_on: string | null;
  ability_level: string | null;
  care_category: string | null;
  latest_ability_id: number | null;
  latest_risk_id: number | null;
  care_grade_override: string | null;
  care_grade_override_reason: string | null;
  reassessment_flag: string | null;
  archived_on: string | null;
  purged_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ResidentEventsTable {
  id: Generated<number>;
  resident_id: number;
  at: string;
  on_date: string;
  action: string;
  from_status: string | null;
  to_status: string;
  bed_id: number | null;
  bed_label: string | null;
  detail: string;
  user_id: number | null;
  user_name: string | null;
}

export interface ResidentLeavesTable {
  id: Generated<number>;
  resident_id: number;
  kind: string;
  start_on: string;
  expected_return_on: string | null;
  returned_on: string | null;
  /** Set when the leave ends, by return or by discharge while away. */
  closed_on: string | null;
  destination: string;
  note: string;
  created_at: string;
}

export interface AbilityAssessmentsTable {
  id: Generated<number>;
  resident_id: number;
  assessed_on: string;
  reason: string;
  scores_json: string;
  flags_json: string;
  dimension_totals_json: string;
  total: number;
  base_level: string;
  level: string;
  adjustment: string;
  adjustment_reasons_json: string;
  care_risk_events: number;
  assessor_ids_json: string;
  note: string;
  recorded_at: string;
  recorded_by: number | null;
}

export interface RiskAssessmentsTable {
  id: Generated<number>;
  resident_id: number;
  assessed_on: string;
  items_json: string;
  guardian_json: string | null;
  assessor_ids_json: string;
  recorded_at: string;
  recorded_by: number | null;
}

export interface IncidentsTable {
  id: Generated<number>;
  resident_id: number;
  kind: string;
  occurred_on: string;
  note: string;
  recorded_by: number | null;
  recorded_at: string;
}

export interface AdmissionDraftsTable {
  id: Generated<number>;
  resident_id: number | null;
  resident_name: string;
  step: number;
  data_json: string;
  updated_at: string;
  updated_by: number | null;
}

export interface ResidentAttachmentsTable {
  id: Generated<number>;
  resident_id: number;
  kind: string;
  file_name: string;
  mime_type: string;
  size: number;
  /** File name inside the attachments folder; never shown, never built from user input. */
  stored_name: string;
  sha256: string;
  uploaded_at: string;
  uploaded_by: number | null;
}

export interface ResidentsConfigTable {
  key: string;
  value: string;
  updated_at: string;
}

/**
 * Dated care history (migration 0005): one row per period in which the inputs (ability level, hand-set
 * grade, settings) stayed the same, with the category and grade they produced then. `from_on`
 * inclusive, `to_on` exclusive, null while current. Rows cover days in residence only.
 */
export interface CareHistoryTable {
  id: Generated<number>;
  resident_id: number;
  from_on: string;
  to_on: string | null;
  category: string | null;
  grade: string | null;
  /** The ability level in force (from `assessment_id`); null before any assessment. */
  ability_level: string | null;
  assessment_id: number | null;
  grade_override: string | null;
  override_reason: string | null;
  /** The category mapping and category → grade table in force for this period (`CareRules`). */
  rules_json: string;
  /** What opened this period: 'admission' | 'assessment' | 'override' | 'settings'. */
  cause: string;
  /** 1 when reconstructed by migration 0005 from the records kept before it. */
  backfilled: number;
}

export interface ResidentsTables {
  buildings: BuildingsTable;
  rooms: RoomsTable;
  beds: BedsTable;
  residents: ResidentsTable;
  resident_events: ResidentEventsTable;
  resident_leaves: ResidentLeavesTable;
  ability_assessments: AbilityAssessmentsTable;
  risk_assessments: RiskAssessmentsTable;
  incidents: IncidentsTable;
  admission_drafts: AdmissionDraftsTable;
  resident_attachments: ResidentAttachmentsTable;
  residents_config: ResidentsConfigTable;
  care_history: CareHistoryTable;
}
