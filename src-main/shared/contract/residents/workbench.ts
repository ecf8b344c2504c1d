import { z } from 'zod';
import { proc } from '../define';

/** Someone arriving, coming back or leaving today, for the workbench's list of the day. */
export interface TodayMovement {
  residentId: number;
  name: string;
  /** `1号楼 101-1床`, or null when the resident holds no bed. */
  bed: string | null;
  /** Done today (admitted, back, discharged) or still expected (a leave due back today). */
  done: boolean;
  detail: string;
}

export interface ResidentsToday {
  date: string;
  admissions: TodayMovement[];
  leaveReturns: TodayMovement[];
  leaveStarts: TodayMovement[];
  discharges: TodayMovement[];
  /** Beds held for someone not yet admitted. */
  reservations: number;
}

/** Planning targets the workbench shows beside the figures. */
export const OCCUPANCY_TARGET_PERCENT = 70;
/** 《“十四五”国家老龄事业发展和养老服务体系规划》: 养老机构护理型床位占比 55% by 2025. */
export const NURSING_BED_TARGET_PERCENT = 55;

export interface BedKpis {
  /** Residents in a bed (on leave included) over beds in service. */
  occupancy: { occupied: number; inService: number; percent: number; target: number };
  nursingBeds: { nursing: number; total: number; percent: number; target: number };
  vacantByRoomClass: Array<{ roomClass: string; vacant: number; total: number }>;
}

/** The workbench's reads: the day's movements and the figures those who run the institution watch. */
export const workbenchProcedures = {
  /** Today's admissions, leave starts and returns, discharges: the front desk's list of the day. */
  'residents.today': proc<ResidentsToday>()({
    input: z.object({}).optional(),
    access: 'residents.read',
    write: false,
  }),
  /** 入住率, 护理型床位占比 and empty beds by room class, for those who run the institution. */
  'beds.kpis': proc<BedKpis>()({
    input: z.object({}).optional(),
    access: 'residents.kpis',
    write: false,
  }),
};
