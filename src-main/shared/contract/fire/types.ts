import type { Label } from '../../module';

/** The kinds of fire-safety record; each has a versioned checklist template. */
export const fireTemplateKeys = [
  'patrol',
  'inspection',
  'extinguisherCheck',
  'drill',
  'training',
  'annualTest',
] as const;
export type FireTemplateKey = (typeof fireTemplateKeys)[number];

export const fireTemplateLabels: Record<FireTemplateKey, Label> = {
  patrol: { zh: '防火巡查', en: 'Fire patrol' },
  inspection: { zh: '防火检查', en: 'Fire inspection' },
  extinguisherCheck: { zh: '灭火器检查', en: 'Extinguisher check' },
  drill: { zh: '消防演练', en: 'Fire drill' },
  training: { zh: '消防培训', en: 'Fire training' },
  annualTest: { zh: '年度消防检测', en: 'Annual fire-system test' },
};

/**
 * How often a record is due. `slots`: every `hours` hours from `startAt` round the clock, local
 * time; slots starting between `nightFrom` and `nightTo` are night patrols. The others are due once
 * per calendar month, half-year or year, by the end of it.
 */
export type FireCadence =
  | { every: 'slots'; hours: number; startAt: string; nightFrom: string; nightTo: string }
  | { every: 'month' }
  | { every: 'halfYear' }
  | { every: 'year' };

export interface FireTemplateItem {
  key: string;
  text: string;
}

export interface FireTemplate {
  key: FireTemplateKey;
  name: string;
  /** Goes up by one with every save; records keep the version (and items) they were done with. */
  version: number;
  cadence: FireCadence;
  items: FireTemplateItem[];
  savedAt: string;
  savedBy: string | null;
}

export type SlotStatus = 'done' | 'late' | 'missed' | 'open' | 'upcoming';

/** The words a ledger uses for a slot's status. */
export const slotStatusWords: Record<SlotStatus, string> = {
  done: '已巡查',
  late: '超时补录',
  missed: '漏巡',
  open: '进行中',
  upcoming: '未到',
};

export interface ScheduleSlot {
  template: FireTemplateKey;
  /** ISO 8601 instants. */
  start: string;
  end: string;
  status: SlotStatus;
  recordId?: number;
  /** Patrol slots only: starts between 20:00 and 08:00 (by default). */
  night?: boolean;
}

export type ItemResult = 'ok' | 'fail' | 'na';

export interface RecordItem {
  key: string;
  text: string;
  result: ItemResult;
  note?: string;
  photo?: string;
  fixedOnSpot?: boolean;
}

export interface FireRecord {
  id: number;
  template: FireTemplateKey;
  templateVersion: number;
  slotStart: string | null;
  slotEnd: string | null;
  performedAt: string;
  performedOn: string;
  /** `done` inside its slot, `late` after it ended. */
  timing: 'done' | 'late';
  night: boolean;
  performers: Array<{ id: number; name: string }>;
  items: RecordItem[];
  note: string;
  recordedBy: string | null;
  hazardIds: number[];
}

export const hazardLevels = ['general', 'major'] as const;
export type HazardLevel = (typeof hazardLevels)[number];
export const hazardLevelLabels: Record<HazardLevel, Label> = {
  general: { zh: '一般隐患', en: 'General' },
  major: { zh: '重大隐患', en: 'Major' },
};

/** reported → assigned → rectified → closed; a rejected verification sends it back to assigned. */
export const hazardStatuses = ['reported', 'assigned', 'rectified', 'closed'] as const;
export type HazardStatus = (typeof hazardStatuses)[number];
export const hazardStatusLabels: Record<HazardStatus, Label> = {
  reported: { zh: '待指派', en: 'Reported' },
  assigned: { zh: '整改中', en: 'Being rectified' },
  rectified: { zh: '待验收', en: 'Awaiting verification' },
  closed: { zh: '已销案', en: 'Closed' },
};

export interface FireHazard {
  id: number;
  title: string;
  location: string;
  level: HazardLevel;
  foundOn: string;
  description: string;
  photo: string | null;
  status: HazardStatus;
  /** Deadline passed and not yet rectified. */
  overdue: boolean;
  sourceRecordId: number | null;
  owner: { id: number; name: string } | null;
  deadline: string | null;
  interimMeasures: string;
  rectifiedOn: string | null;
  measures: string;
  rectifyPhoto: string | null;
  rectifiedBy: { id: number; name: string } | null;
  verifiedOn: string | null;
  verifiedBy: { id: number; name: string } | null;
  verifyNote: string;
  /** Verifications that were not accepted, oldest first. */
  rejections: Array<{ on: string; note: string; by: string }>;
  reportedBy: string | null;
}

export const equipmentKinds = [
  'extinguisher',
  'hydrant',
  'alarm',
  'sprinkler',
  'emergencyLight',
  'exitSign',
  'fireDoor',
  'other',
] as const;
export type EquipmentKind = (typeof equipmentKinds)[number];
export const equipmentKindLabels: Record<EquipmentKind, Label> = {
  extinguisher: { zh: '灭火器', en: 'Extinguisher' },
  hydrant: { zh: '消火栓', en: 'Hydrant' },
  alarm: { zh: '火灾报警器', en: 'Fire alarm' },
  sprinkler: { zh: '喷淋', en: 'Sprinkler' },
  emergencyLight: { zh: '应急照明', en: 'Emergency light' },
  exitSign: { zh: '疏散指示标志', en: 'Exit sign' },
  fireDoor: { zh: '防火门', en: 'Fire door' },
  other: { zh: '其他', en: 'Other' },
};

export interface FireEquipment {
  id: number;
  kind: EquipmentKind;
  code: string;
  location: string;
  spec: string;
  installedOn: string | null;
  expiresOn: string | null;
  nextServiceOn: string | null;
  lastCheckedOn: string | null;
  /** `expired`, `expiringSoon` (within 30 days), `serviceDue` or `ok`. */
  state: 'expired' | 'expiringSoon' | 'serviceDue' | 'ok';
}

/** The hazards the seeds name; each has its own emergency plan (应急预案). */
export const planKeys = [
  'fire',
  'foodPoisoning',
  'wandering',
  'medicalEmergency',
  'epidemic',
  'utilityOutage',
  'naturalDisaster',
] as const;
export type PlanKey = (typeof planKeys)[number];
export const planLabels: Record<PlanKey, Label> = {
  fire: { zh: '火灾', en: 'Fire' },
  foodPoisoning: { zh: '食物中毒', en: 'Food poisoning' },
  wandering: { zh: '走失', en: 'Wandering' },
  medicalEmergency: { zh: '急症/跌倒', en: 'Medical emergency / fall' },
  epidemic: { zh: '传染病', en: 'Epidemic' },
  utilityOutage: { zh: '停电停水', en: 'Power or water outage' },
  naturalDisaster: { zh: '自然灾害', en: 'Natural disaster' },
};

export interface EmergencyPlan {
  key: PlanKey;
  title: string;
  version: number;
  body: string;
  reviewedOn: string | null;
  /** A year after the last review; due at once when never reviewed. */
  nextReviewOn: string | null;
  savedAt: string;
  savedBy: string | null;
  drills: number;
  lastDrillOn: string | null;
}

export interface FireDrill {
  id: number;
  on: string;
  plan: PlanKey;
  planVersion: number;
  scenario: string;
  night: boolean;
  participants: number;
  participantNames: string[];
  residentsEvacuated: number;
  bedriddenEvacuated: number;
  evacuationSeconds: number;
  problems: string;
  photos: string[];
  recordedBy: string | null;
}

export interface FireOverview {
  on: string;
  patrols: { done: number; late: number; missed: number; open: number };
  inspection: { lastOn: string | null; dueOn: string };
  hazards: { open: number; overdue: number };
  drills: { lastOn: string | null; nextDueOn: string; nightDrillThisYear: boolean };
  equipment: { expiringSoon: number; expired: number };
}
