import { z } from 'zod';
import { isCalendarDate } from '../id-number';
import { requiredText, trimmed } from '../validation';

/** The nine risks GB 38600-2019 requires assessing before admission (the "九防"), in its order. */
export const nineRiskKeys = [
  'choking',
  'ingestion',
  'pressureInjury',
  'scald',
  'fallFromBed',
  'fall',
  'wandering',
  'harm',
  'activityAccident',
] as const;
export type NineRiskKey = (typeof nineRiskKeys)[number];

export interface NineRiskItem {
  key: NineRiskKey;
  zh: string;
  en: string;
  /** Name of an @ant-design/icons component that suits the item. */
  icon: string;
  /** Typical protective measures offered as a pick list; staff may add their own. */
  measures: readonly string[];
}

export const nineRiskItems: Record<NineRiskKey, NineRiskItem> = {
  choking: {
    key: 'choking',
    zh: '噎食',
    en: 'Choking',
    icon: 'CoffeeOutlined',
    measures: [
      '进食时专人看护，提醒细嚼慢咽、小口进食',
      '提供软食、糊状食物，或将食物切碎',
      '进食时取坐位或半卧位（床头抬高30°以上），餐后保持体位30分钟',
      '不提供汤圆、年糕、果冻等易噎食物',
      '床旁备吸引器，护理员掌握海姆立克急救法',
      '请医生评估吞咽功能，必要时遵医嘱鼻饲',
    ],
  },
  ingestion: {
    key: 'ingestion',
    zh: '食品药品误食',
    en: 'Accidental ingestion of food or medicine',
    icon: 'MedicineBoxOutlined',
    measures: [
      '药品由护理站统一保管，按时发药，看服到口',
      '清洁剂、消毒剂等有毒有害物品上锁存放，远离居室',
      '每日检查居室，及时清理过期、变质食品',
      '家属带入的食品、药品登记查验后再交给老人',
      '内服药与外用药分开存放并醒目标识',
    ],
  },
  pressureInjury: {
    key: 'pressureInjury',
    zh: '压疮',
    en: 'Pressure injury',
    icon: 'SkinOutlined',
    measures: [
      '每2小时协助翻身一次并记录',
      '使用气垫床或减压垫，骨突处加软垫保护',
      '保持皮肤清洁干燥，及时更换尿垫和床单',
      '每日检查骨突处及受压部位皮肤',
      '加强营养，保证蛋白质和水分摄入',
      '定期进行Braden压疮风险评分',
    ],
  },
  scald: {
    key: 'scald',
    zh: '烫伤',
    en: 'Scald',
    icon: 'FireOutlined',
    measures: [
      '洗浴时先放冷水再放热水，用水温计测量，水温不超过40℃',
      '开水瓶、电热水壶放在老人不易碰到的位置',
      '不使用热水袋、电热毯，确需使用时由护理员检查并看护',
      '饭菜、饮水放至温度适宜后再递给老人',
      '感觉障碍者慎用热敷和理疗器具',
    ],
  },
  fallFromBed: {
    key: 'fallFromBed',
    zh: '坠床',
    en: 'Fall from bed',
    icon: 'VerticalAlignBottomOutlined',
    measures: [
      '睡眠及卧床时拉起床挡',
      '床调至最低位，并固定床脚刹车',
      '床旁放置防护垫',
      '呼叫器和常用物品放在伸手可及处',
      '夜间加强巡视，每2小时一次',
      '躁动不安者报告医生评估，必要时经监护人同意采取保护性约束并记录',
    ],
  },
  fall: {
    key: 'fall',
    zh: '跌倒',
    en: 'Fall',
    icon: 'FallOutlined',
    measures: [
      '穿防滑鞋和合身衣裤',
      '保持地面干燥，卫生间、走廊设扶手和防滑垫',
      '起床做到"三个半分钟"：醒后躺半分钟、坐起半分钟、床边站立半分钟',
      '行走时使用助行器或由专人搀扶',
      '夜间开启地灯，保持通道照明',
      '服用降压药、安眠药后加强观察',
    ],
  },
  wandering: {
    key: 'wandering',
    zh: '走失',
    en: 'Wandering',
    icon: 'EnvironmentOutlined',
    measures: [
      '佩戴定位手环或胸卡，写明姓名和机构联系电话',
      '出入口门禁管理，外出须登记并有人陪同',
      '每班清点人数，交接班时重点交接',
      '留存近期正面照片，熟悉走失应急预案',
      '安排在靠近护理站的房间，便于观察',
    ],
  },
  harm: {
    key: 'harm',
    zh: '他伤和自伤',
    en: 'Harm to others and self-harm',
    icon: 'AlertOutlined',
    measures: [
      '收好刀剪、绳索、玻璃器皿等危险物品',
      '关注情绪变化，定期谈心和心理疏导',
      '有攻击行为者与其他老人适当分开安置',
      '窗户加装限位器',
      '报告医生评估，遵医嘱用药并看服到口',
      '加强巡视，发现异常及时通知家属',
    ],
  },
  activityAccident: {
    key: 'activityAccident',
    zh: '文娱活动意外',
    en: 'Accident during recreational activities',
    icon: 'TeamOutlined',
    measures: [
      '活动前评估身体状况，量力参加',
      '活动场地平整防滑、光线充足，无障碍物',
      '活动全程有工作人员看护',
      '控制活动强度和时长，现场备急救药品',
      '外出活动须家属知情同意并有专人陪同',
    ],
  },
};

/** In rising order of risk. */
export const nineRiskLevels = ['none', 'low', 'medium', 'high'] as const;
export type NineRiskLevel = (typeof nineRiskLevels)[number];

export const nineRiskLevelLabels: Record<
  NineRiskLevel,
  { zh: string; zhLong: string; en: string; /** antd Tag preset colour */ color: string; hex: string }
> = {
  none: { zh: '无', zhLong: '无风险', en: 'None', color: 'default', hex: '#8c8c8c' },
  low: { zh: '低', zhLong: '低风险', en: 'Low', color: 'blue', hex: '#0958d9' },
  medium: { zh: '中', zhLong: '中风险', en: 'Medium', color: 'orange', hex: '#d46b08' },
  high: { zh: '高', zhLong: '高风险', en: 'High', color: 'red', hex: '#cf1322' },
};

/** The highest level among the items, for a badge on the resident's card. */
export function highestNineRiskLevel(levels: Iterable<NineRiskLevel>): NineRiskLevel {
  let max = 0;
  for (const l of levels) max = Math.max(max, nineRiskLevels.indexOf(l));
  return nineRiskLevels[max] ?? 'none';
}

const dateField = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .refine(isCalendarDate, { error: `${label}不是有效日期，格式应为 YYYY-MM-DD` });

const nineRiskItemInputSchema = (item: NineRiskItem) =>
  z
    .object({
      level: z.enum(nineRiskLevels, { error: `请为「${item.zh}」选择风险等级` }),
      measures: z
        .array(requiredText(200, '防护措施不能为空'))
        .max(20, { error: `「${item.zh}」的防护措施最多20条` })
        .refine((m) => new Set(m).size === m.length, {
          error: `「${item.zh}」的防护措施有重复，请删除重复项`,
        }),
      note: trimmed(500).optional(),
    })
    .superRefine((value, ctx) => {
      // A medium or high risk with nothing done about it is exactly what an inspector flags.
      if ((value.level === 'medium' || value.level === 'high') && value.measures.length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['measures'],
          message: `「${item.zh}」为${nineRiskLevelLabels[value.level].zhLong}，请至少选择一项防护措施`,
        });
      }
    });

export const nineRiskAssessmentInputSchema = z
  .object({
    residentId: z.number().int().positive(),
    assessedOn: dateField('评估日期'),
    items: z.strictObject(
      Object.fromEntries(nineRiskKeys.map((key) => [key, nineRiskItemInputSchema(nineRiskItems[key])])) as {
        [K in NineRiskKey]: ReturnType<typeof nineRiskItemInputSchema>;
      },
    ),
    /** Who was told of the risks; null when the resident, having capacity, was told in person. */
    guardianInformed: z
      .object({
        name: requiredText(50, '请填写被告知人姓名'),
        relation: requiredText(20, '请填写与老人的关系'),
        informedOn: dateField('告知日期'),
      })
      .nullable(),
    assessorIds: z
      .array(z.number().int().positive())
      .min(1, { error: '请至少选择一名评估人员' })
      .max(5, { error: '评估人员最多5名' })
      .refine((ids) => new Set(ids).size === ids.length, { error: '评估人员有重复' }),
  })
  .superRefine((value, ctx) => {
    if (value.guardianInformed && value.guardianInformed.informedOn < value.assessedOn) {
      ctx.addIssue({
        code: 'custom',
        path: ['guardianInformed', 'informedOn'],
        message: '告知日期不能早于评估日期',
      });
    }
  });

export type NineRiskAssessmentInput = z.infer<typeof nineRiskAssessmentInputSchema>;
