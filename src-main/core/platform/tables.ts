export interface PermissionCatalogTable {
  permission: string;
  granted_at: string;
}

export interface AlertStatesTable {
  user_id: number;
  kind: string;
  subject_key: string;
  acknowledged_fingerprint: string | null;
  snoozed_until: string | null;
  updated_at: string;
}

export interface SchedulerJobsTable {
  name: string;
  last_slot: string | null;
  last_run_at: string | null;
  last_ok_at: string | null;
  last_error: string | null;
  last_duration_ms: number | null;
  runs: number;
}

export interface PlatformTables {
  permission_catalog: PermissionCatalogTable;
  alert_states: AlertStatesTable;
  scheduler_jobs: SchedulerJobsTable;
}
