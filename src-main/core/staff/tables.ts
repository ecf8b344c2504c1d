import type { Generated } from 'kysely';

/** Table types of the staff module (migration 0007). */
export interface StaffTables {
  staff: {
    id: Generated<number>;
    name: string;
    id_number: string | null;
    phone: string;
    roles_json: string;
    employment: string;
    fte_milli: number;
    hired_on: string;
    ended_on: string | null;
    end_reason: string | null;
    areas_json: string;
    user_id: number | null;
    created_at: string;
    updated_at: string;
  };
  staff_certificates: {
    id: Generated<number>;
    staff_id: number;
    kind: string;
    number: string;
    level: number | null;
    issued_on: string;
    expires_on: string | null;
    removed_at: string | null;
    created_at: string;
  };
  staff_trainings: {
    id: Generated<number>;
    kind: string;
    on_date: string;
    hours: number;
    topic: string;
    created_at: string;
  };
  staff_training_attendees: { training_id: number; staff_id: number };
  staff_shifts: {
    id: Generated<number>;
    name: string;
    start: string;
    end: string;
    minimum: number;
    active: number;
    sort_order: number;
    created_at: string;
  };
  staff_rota: {
    id: Generated<number>;
    staff_id: number;
    on_date: string;
    shift_id: number;
    area: string;
    created_at: string;
  };
  staff_absences: {
    id: Generated<number>;
    staff_id: number;
    kind: string;
    from_on: string;
    to_on: string;
    note: string;
    created_at: string;
  };
  staffing_config: { from_on: string; config_json: string; updated_at: string };
  staffing_snapshots: { on_date: string; ratio_json: string; created_at: string };
  staffing_overrides: {
    id: Generated<number>;
    at: string;
    user_id: number | null;
    user_name: string;
    action: string;
    subject: string;
    reason: string;
    required: number;
    available_milli: number;
  };
}
