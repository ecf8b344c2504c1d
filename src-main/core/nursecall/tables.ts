import type { Generated } from 'kysely';

/** Table types of the nurse-call module (migration 0003). */

export interface NurseCallPortsTable {
  id: Generated<number>;
  name: string;
  path: string;
  baud_rate: number;
  data_bits: number;
  parity: string;
  stop_bits: number;
  protocol: string;
  options_json: string;
  enabled: number;
  created_at: string;
  updated_at: string;
}

export interface NurseCallAddressesTable {
  address: string;
  bed_id: number | null;
  room_id: number | null;
  area: string;
  /** Last resolved label, shown if the bed or room has since been deleted. */
  label: string;
  updated_at: string;
}

export interface NurseCallCallsTable {
  id: Generated<number>;
  address: string;
  port_id: number | null;
  label: string;
  mapped: number;
  bed_id: number | null;
  room_id: number | null;
  area: string;
  /** Grouping for analytics: the mapped area, or building and floor. */
  zone: string;
  resident_id: number | null;
  /** `CallResident` as it was when the call rang. */
  resident_json: string | null;
  priority: string;
  message: string;
  call_type: string | null;
  status: string;
  raised_at: string;
  /** Institution-local business date of `raised_at`. */
  raised_on: string;
  last_seen_at: string;
  repeats: number;
  acknowledged_at: string | null;
  acknowledged_by: number | null;
  acknowledged_by_name: string | null;
  escalated_at: string | null;
  cleared_at: string | null;
  cleared_by: number | null;
  cleared_by_name: string | null;
  cleared_how: string | null;
  note: string;
}

export interface NurseCallConfigTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface NurseCallTables {
  nursecall_ports: NurseCallPortsTable;
  nursecall_addresses: NurseCallAddressesTable;
  nursecall_calls: NurseCallCallsTable;
  nursecall_config: NurseCallConfigTable;
}
