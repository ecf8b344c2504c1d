import { defineSharedModule, event } from '../../module';
import { careHistoryProcedures } from '../care-history';
import { admissionProcedures } from './admissions';
import { assessmentProcedures } from './assessments';
import { listExportProcedures } from './exports';
import { facilityProcedures } from './facilities';
import { recordProcedures } from './records';
import { workbenchProcedures } from './workbench';

export type { CareHistoryRow } from '../care-history';
export * from './types';
export * from './board';
export * from './assessment-types';
export * from './workbench';

export const residentProcedures = {
  ...careHistoryProcedures,
  ...facilityProcedures,
  ...recordProcedures,
  ...admissionProcedures,
  ...assessmentProcedures,
  ...listExportProcedures,
  ...workbenchProcedures,
};

export const residentsModule = defineSharedModule({
  name: 'residents',
  label: { zh: '老人与床位', en: 'Residents and beds' },
  procedures: residentProcedures,
  permissions: {
    'residents.read': {
      zh: '查看老人基本信息与床位',
      en: 'View residents (basic facts) and beds',
      grants: ['headNurse', 'nurse', 'caregiver', 'frontDesk', 'finance', 'fireOfficer'],
    },
    // Diagnoses, allergies, diet, contacts, notes, assessments and incidents: what the care staff
    // and the admitting front desk need, not finance or the fire-safety officer.
    'residents.health': {
      zh: '查看健康信息（诊断、过敏、联系人、评估、事件）',
      en: 'View health information (diagnoses, contacts, assessments, incidents)',
      grants: ['headNurse', 'nurse', 'caregiver', 'frontDesk'],
    },
    'residents.medicalFiles': {
      zh: '查看病历/体检附件',
      en: 'Open medical attachments',
      grants: ['headNurse', 'nurse'],
    },
    'residents.idCopies': {
      zh: '查看证件复印件与合同附件',
      en: 'Open ID copies and contracts',
      grants: ['headNurse', 'frontDesk'],
    },
    'residents.write': {
      zh: '办理入住、请假、换床等',
      en: 'Admissions, leave, bed changes',
      grants: ['headNurse', 'frontDesk'],
    },
    'residents.overrideGrade': {
      zh: '手动调整护理等级',
      en: 'Override care grades',
      grants: ['headNurse'],
    },
    'residents.deleteAttachments': {
      zh: '删除附件',
      en: 'Delete attachments',
      grants: ['headNurse'],
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
      grants: ['headNurse', 'frontDesk'],
    },
    'residents.purge': { zh: '销毁过期档案', en: 'Purge expired archives', grants: [] },
    'residents.configure': {
      zh: '设置护理等级与评估规则',
      en: 'Configure care grades and rules',
      grants: [],
    },
    // Building, bulk-creating, retiring and deleting beds; taking a bed out of service for a repair
    // is daily front-desk work and needs only residents.write.
    'facilities.manage': {
      zh: '管理楼栋、房间和床位',
      en: 'Manage buildings, rooms and beds',
      grants: ['headNurse'],
    },
    // Caregivers and nurses see calls and their alerts on the workbench, not the occupancy figures.
    'residents.kpis': {
      zh: '查看入住率等经营指标',
      en: 'View occupancy figures',
      grants: ['headNurse', 'frontDesk', 'finance'],
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
      cancelReservation: { zh: '取消预订', en: 'cancel reservation' },
      archive: { zh: '归档', en: 'archive' },
      saveBuilding: { zh: '保存楼栋', en: 'save building' },
      setOutOfService: { zh: '停用/恢复', en: 'out of / back in service' },
      retire: { zh: '撤床', en: 'retire' },
      delete: { zh: '删除', en: 'delete' },
      addAttachment: { zh: '上传附件', en: 'add attachment' },
      removeAttachment: { zh: '删除附件', en: 'remove attachment' },
      importCommit: { zh: '导入', en: 'import' },
      updateConfig: { zh: '修改设置', en: 'change settings' },
      saveDraft: { zh: '保存草稿', en: 'save draft' },
      deleteDraft: { zh: '删除草稿', en: 'delete draft' },
      flag: { zh: '标记需重新评估', en: 'flag for reassessment' },
      record: { zh: '登记', en: 'record' },
      exportWaitingList: { zh: '导出轮候名单', en: 'export waiting list' },
      exportDue: { zh: '导出待评估名单', en: 'export due list' },
      getAttachment: { zh: '打开附件', en: 'open attachment' },
    },
    entities: {
      resident: { zh: '老人', en: 'Resident' },
      bed: { zh: '床位', en: 'Bed' },
      beds: { zh: '楼栋床位', en: 'Beds of building' },
      building: { zh: '楼栋', en: 'Building' },
      residentLeave: { zh: '请假', en: 'Leave' },
      abilityAssessment: { zh: '能力评估', en: 'Ability assessment' },
      riskAssessment: { zh: '九防评估', en: 'Nine-risk assessment' },
      incident: { zh: '照护风险事件', en: 'Incident' },
      attachment: { zh: '附件', en: 'Attachment' },
      admissionDraft: { zh: '入住草稿', en: 'Admission draft' },
      residentsConfig: { zh: '护理等级与评估规则', en: 'Care grades and rules' },
      careCategory: { zh: '护理类别', en: 'Care category' },
      careGrade: { zh: '护理等级', en: 'Care grade' },
      residentImport: { zh: '老人名单导入', en: 'Resident import' },
      residentExport: { zh: '老人名单导出', en: 'Resident export' },
      waitingListExport: { zh: '轮候名单导出', en: 'Waiting list export' },
      assessmentsDueExport: { zh: '待评估名单导出', en: 'Due list export' },
      bedListExport: { zh: '床位清单导出', en: 'Bed list export' },
    },
  },
});
