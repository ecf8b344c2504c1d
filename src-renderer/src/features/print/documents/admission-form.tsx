import { abilityLevelLabels } from '../../../../../src-main/shared/assessment/ability';
import {
  bedKindLabels,
  maritalStatusLabels,
  type ResidentDetail,
} from '../../../../../src-main/shared/contract/residents';
import { idTypeLabels, sexLabels } from '../../../../../src-main/shared/id-number';
import { residentStatusLabels, supportTypeLabels } from '../../../../../src-main/shared/residents/lifecycle';
import { callOrThrow } from '../../../api/client';
import { block, FieldGrid, sectionTitle } from '../templates';
import type { PrintContext, PrintDocument } from '../types';
import { bedText, CategoryMark, idNumberForPrint, riskText } from './common';

const list = (items: string[], none = '无') => (items.length ? items.join('、') : none);

/** 入住登记表: the registration form the resident or guardian signs at admission, kept in the archive. */
export async function admissionForm(ctx: PrintContext, residentId: number): Promise<PrintDocument> {
  const r: ResidentDetail = await callOrThrow('residents.get', { id: residentId });
  const idNumber = await idNumberForPrint(ctx, r);
  const ability = r.latestAbility;
  const contacts = r.contacts;
  return {
    title: '老年人入住登记表',
    subtitle: `${r.name} · ${r.admittedOn ? `入住日期 ${r.admittedOn}` : `当前状态：${residentStatusLabels[r.status].zh}`} · 档案号 ${String(r.id).padStart(6, '0')}`,
    orientation: 'portrait',
    fileName: `入住登记表-${r.name}`,
    items: [
      sectionTitle('basic-title', '一、基本信息'),
      block(
        'basic',
        <FieldGrid
          fields={[
            { label: '姓名', value: r.name },
            { label: '性别', value: r.sex ? sexLabels[r.sex].zh : '' },
            { label: '出生日期', value: r.birthDate ?? '' },
            { label: '年龄', value: r.age !== null ? `${r.age}岁` : '' },
            { label: '民族', value: r.ethnicity },
            { label: '籍贯', value: r.nativePlace },
            { label: '婚姻状况', value: r.maritalStatus ? maritalStatusLabels[r.maritalStatus].zh : '' },
            { label: '文化程度', value: r.education },
            { label: '原职业', value: r.formerOccupation },
            { label: '证件类型', value: idTypeLabels[r.idType].zh },
            { label: '证件号码', value: idNumber, span: true },
            { label: '联系电话', value: r.phone },
            { label: '供养类型', value: supportTypeLabels[r.supportType].zh },
            { label: '医保号', value: r.insuranceNumber },
            { label: '医保类型', value: r.insuranceType, span: true },
          ]}
        />,
      ),
      sectionTitle('stay-title', '二、入住信息'),
      block(
        'stay',
        <FieldGrid
          fields={[
            { label: '申请日期', value: r.appliedOn },
            { label: '入住日期', value: r.admittedOn ?? '' },
            { label: '床位', value: bedText(r.bed) },
            { label: '房型', value: r.bedDetail?.roomClass ?? '' },
            { label: '床位类型', value: r.bedDetail ? bedKindLabels[r.bedDetail.kind].zh : '' },
            { label: '护理类别', value: <CategoryMark category={r.careCategory} /> },
            { label: '护理等级', value: r.careGrade ?? '' },
            { label: '服务合同', value: r.contract?.number ?? '' },
            {
              label: '合同期限',
              value: r.contract ? `${r.contract.startOn} 至 ${r.contract.endOn ?? '长期'}` : '',
            },
          ]}
        />,
      ),
      sectionTitle('health-title', '三、健康状况与评估'),
      block(
        'health',
        <FieldGrid
          perRow={2}
          fields={[
            { label: '疾病诊断', value: list(r.diagnoses, '未填写'), span: true },
            { label: '过敏', value: list(r.allergies), span: true },
            { label: '饮食禁忌', value: list(r.dietRestrictions), span: true },
            {
              label: '能力评估',
              value: ability
                ? `${ability.assessedOn}，总分 ${ability.total} 分，${abilityLevelLabels[ability.level].zh}（评估员：${ability.assessorNames.join('、')}）`
                : '尚未评估',
              span: true,
            },
            {
              label: '九防风险',
              value: r.latestRisks
                ? `${r.latestRisks.assessedOn} 评估；中高风险：${riskText(r.riskBadges) || '无'}`
                : '尚未评估',
              span: true,
            },
          ]}
        />,
      ),
      sectionTitle('contacts-title', '四、监护人及紧急联系人'),
      {
        kind: 'table',
        key: 'contacts',
        columns: [
          { title: '姓名', width: '16%' },
          { title: '关系', width: '12%' },
          { title: '联系电话', width: '28%' },
          { title: '身份', width: '20%' },
          { title: '备注', width: '24%' },
        ],
        rows: contacts.length
          ? contacts.map((c, i) => ({
              key: i,
              cells: [
                c.name,
                c.relation,
                c.phones.join('、'),
                [c.isGuardian ? '监护人' : '', c.isEmergency ? '紧急联系人' : ''].filter(Boolean).join('、'),
                c.note ?? '',
              ],
            }))
          : [{ key: 'none', cells: ['（未登记）', '', '', '', ''] }],
      },
      block('notes', <FieldGrid perRow={1} fields={[{ label: '备注', value: r.notes }]} />),
      block(
        'declaration',
        <div className="print-note">
          以上信息由本人或监护人提供并核对无误。入住期间如有变化，请及时告知本院。本表一式两份，本院与入住老人（监护人）各执一份。
        </div>,
      ),
    ],
    signatures: ['入住老人（签名）', '监护人（签名）', '经办人', '审核人', '日期'],
  };
}
