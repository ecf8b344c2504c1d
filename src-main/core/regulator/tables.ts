import type { Generated } from 'kysely';

export interface RegulatorConfigTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface RegulatorSubmissionsTable {
  id: Generated<number>;
  kind: string;
  period: string;
  revision: number;
  revision_reason: string | null;
  idempotency_key: string;
  body: string;
  status: string;
  attempts: number;
  next_attempt_at: string | null;
  receipt_no: string | null;
  duplicate: number;
  last_error: string | null;
  errors_json: string;
  queued_at: string;
  queued_by: string | null;
  last_attempt_at: string | null;
  accepted_at: string | null;
}

export interface RegulatorTables {
  regulator_config: RegulatorConfigTable;
  regulator_submissions: RegulatorSubmissionsTable;
}
