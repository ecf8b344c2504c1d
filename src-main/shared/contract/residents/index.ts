import { defineSharedModule, event } from '../../module';
import { careHistoryProcedures } from '../care-history';
import { admissionProcedures } from './admissions';
import { assessmentProcedures } from './assessments';
import { listExportProcedures } from './exports';
import { facilityProcedures } from './facilities';
import { recordProcedures } from './records';

export type { CareHistoryRow } from '../care-history';
export * from './types';
export * from './assessment-types';

export const residentProcedures = {
  ...careHistoryProcedures,
  ...facilityProcedures,
  ...recordProcedures,
  ...admissionProcedures,
  ...assessmentProcedures,
  ...listExportProcedures,
};

export const residentsModule = defineSharedModule({
  name: 'residents',
  label: { zh: '老人与床位', en: 'Residents and beds' },
  procedures: residentProcedures,
  permissions: {
    'residents.read': {
      zh: '查看老人档案与床位',
      en: 'View residents and beds',
      grants: ['headNurse', 'nurse', 'caregiver', 'frontDesk', 'finance', 'fireOfficer'],
    },
    'residents.write': {
      zh: '办理入住、请假、换床等',
      en: 'Admissions, leave, bed changes',
      grants: ['headNurse', 'frontDesk'],
    },
    'residents.discharge': { zh: '办理退住', en: 'Discharge residents', grants: ['headNurse'] },
    'residents.viewIdNumber': {
      zh: '查看完整身份证号',
      en: 'View full ID numbers',
      grants: ['headNurse', 'frontDesk'],
    },
    'residents.export': {
      zh: '导出老人名单',
      en: 'Export resident lists',
      grants: ['headNurse', 'frontDesk', 'finance'],
    },
    'residents.purge': { zh: '销毁过期档案', en: 'Purge expired archives', grants: [] },
    'residents.configure': {
      zh: '设置护理等级与评估规则',
      en: 'Configure care grades and rules',
      grants: [],
    },
    'facilities.manage': {
      zh: '管理楼栋、房间和床位',
      en: 'Manage buildings, rooms and beds',
      grants: ['headNurse', 'frontDesk'],
    },
    'assessments.write': {
      zh: '录入能力评估与风险评估',
      en: 'Record assessments',
      grants: ['headNurse', 'nurse'],
    },
    // Whoever finds a resident on the floor records the fall: caregivers included.
    'incidents.write': {
      zh: '登记跌倒、噎食等事件',
      en: 'Record falls and other incidents',
      grants: ['headNurse', 'nurse', 'caregiver', 'frontDesk'],
    },
  },
  events: {
    /** A resident's record, status or bed changed. */
    'residents.changed': event<{ residentId: number; action: string }>()('residents.read'),
    /** Staffing and billing react to this: the category drives ratios and fees. */
    'residents.careCategoryChanged': event<{ residentId: number; from: string | null; to: string | null }>()(
      'residents.read',
    ),
    /**
     * The grade a resident is billed and staffed at (护理等级) changed: by a new category, a
     * per-resident override, or new settings mapping categories to grades.
     */
    'residents.careGradeChanged': event<{
      residentId: number;
      from: string | null;
      to: string | null;
      cause: 'assessment' | 'override' | 'settings';
    }>()('residents.read'),
    /**
     * The resident's care history (`residents.careHistory`) changed from `from` on: billing re-checks
     * grades it billed on or after that date (a back-dated assessment can change the past).
     */
    'residents.careHistoryChanged': event<{ residentId: number; from: string }>()('residents.read'),
    /** Beds were added, retired, taken out of or put back into service. */
    'beds.changed': event<{ bedIds: number[] }>()('residents.read'),
  },
  auditLabels: {
    modules: {
      facilities: { zh: '楼栋', en: 'Buildings' },
      beds: { zh: '床位', en: 'Beds' },
      residents: { zh: '老人档案', en: 'Residents' },
      admissions: { zh: '入住办理', en: 'Admissions' },
      assessments: { zh: '评估', en: 'Assessments' },
      incidents: { zh: '事件', en: 'Incidents' },
    },
    verbs: {
      admit: { zh: '入住', en: 'admit' },
      discharge: { zh: '退住', en: 'discharge' },
      startLeave: { zh: '请假', en: 'start leave' },
      endLeave: { zh: '销假', en: 'end leave' },
      extendLeave: { zh: '续假', en: 'extend leave' },
      transferBed: { zh: '换床', en: 'change bed' },
      reserve: { zh: '预订床位', en: 'reserve bed' },
      revealIdNumber: { zh: '查看身份证号', en: 'view ID number' },
      purge: { zh: '销毁档案', en: 'purge' },
      recordAbility: { zh: '能力评估', en: 'ability assessment' },
      recordRisks: { zh: '九防评估', en: 'nine-risk assessment' },
      bulkCreate: { zh: '批量创建', en: 'bulk create' },
      setCareGrade: { zh: '调整护理等级', en: 'set care grade' },
    },
  },
});
