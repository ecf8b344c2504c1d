import type { Migration } from '../../db/migrate';

// Frozen with this migration: the default checklists (REFERENCE §4) and plan outlines of version 7.
// Later edits are new template versions saved by the fire-safety officer, never changes here.
const items = (texts: string[], prefix: string) =>
  JSON.stringify(texts.map((text, i) => ({ key: `${prefix}${i + 1}`, text })));

const templates: Array<[string, string, object, string]> = [
  [
    'patrol',
    '防火巡查',
    { every: 'slots', hours: 2, startAt: '00:00', nightFrom: '20:00', nightTo: '08:00' },
    items(
      [
        '用火用电有无违章',
        '安全出口、疏散通道是否畅通，疏散指示标志和应急照明是否完好',
        '消防设施、器材和消防安全标志是否在位、完整',
        '常闭式防火门是否处于关闭状态，防火卷帘下是否堆放物品',
        '消防安全重点部位人员是否在岗',
        '其他消防安全情况',
      ],
      'p',
    ),
  ],
  [
    'inspection',
    '防火检查',
    { every: 'month' },
    items(
      [
        '火灾隐患的整改情况以及防范措施的落实情况',
        '安全疏散通道、疏散指示标志、应急照明和安全出口情况',
        '消防车通道、消防水源情况',
        '灭火器材配置及有效情况',
        '用火、用电有无违章情况',
        '重点工种人员以及其他员工消防知识的掌握情况',
        '消防安全重点部位的管理情况',
        '易燃易爆危险物品和场所防火防爆措施的落实情况',
        '消防（控制室）值班情况和设施运行、记录情况',
        '防火巡查情况',
        '消防安全标志的设置情况和完好、有效情况',
      ],
      'i',
    ),
  ],
  ['extinguisherCheck', '灭火器检查', { every: 'month' }, items(['压力', '铅封', '位置', '有效期'], 'e')],
  [
    'drill',
    '消防演练',
    { every: 'halfYear' },
    items(['演练情景（含夜间）', '疏散用时', '卧床老人疏散人数', '存在问题及改进'], 'd'),
  ],
  ['training', '消防培训', { every: 'year' }, items(['参加人员', '培训内容', '考核情况'], 't')],
  ['annualTest', '年度消防检测', { every: 'year' }, items(['第三方检测报告', '检测发现的问题及整改'], 'a')],
];

const plans: Array<[string, string, string]> = [
  [
    'fire',
    '火灾事故应急预案',
    '一、发现火情立即报警（119）并通知值班负责人。\n二、组织初起火灾扑救。\n三、按楼层疏散老人，卧床老人优先转移并清点人数。\n四、引导消防车辆，配合救援。',
  ],
  [
    'foodPoisoning',
    '食物中毒应急预案',
    '一、停止食用可疑食品，封存留样。\n二、立即送医并报告卫生健康部门。\n三、通知家属，配合调查。',
  ],
  [
    'wandering',
    '老人走失应急预案',
    '一、确认走失后立即全院查找并调取监控。\n二、30 分钟未找到即报警并通知家属。\n三、找回后评估健康状况，记录经过。',
  ],
  [
    'medicalEmergency',
    '急症与跌倒应急预案',
    '一、现场评估生命体征，不随意搬动。\n二、通知医护人员，必要时拨打 120。\n三、通知家属，记录事件经过。',
  ],
  [
    'epidemic',
    '传染病应急预案',
    '一、发现疑似病例立即隔离。\n二、报告疾控部门并按要求消毒。\n三、暂停探视，做好人员健康监测。',
  ],
  [
    'utilityOutage',
    '停电停水应急预案',
    '一、启用应急照明和备用电源，优先保障吸氧、吸痰等设备。\n二、联系供电供水部门。\n三、安排备用饮用水和照明，加强巡视。',
  ],
  [
    'naturalDisaster',
    '自然灾害应急预案',
    '一、接到预警后检查建筑和设施，储备物资。\n二、按预案转移老人到安全区域。\n三、清点人数，报告民政部门。',
  ],
];

export const createFire: Migration = {
  version: 9,
  name: '0009-create-fire',
  up(db) {
    db.exec(`
      -- Each save is a new row; a record points at the version it was done with.
      CREATE TABLE fire_templates (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL,
        version INTEGER NOT NULL,
        name TEXT NOT NULL,
        cadence_json TEXT NOT NULL,
        items_json TEXT NOT NULL,
        saved_at TEXT NOT NULL,
        saved_by TEXT,
        UNIQUE (key, version)
      ) STRICT;

      -- Patrol and check records are never edited: a record done late stays late.
      CREATE TABLE fire_records (
        id INTEGER PRIMARY KEY,
        template_key TEXT NOT NULL,
        template_version INTEGER NOT NULL,
        slot_start TEXT,
        slot_end TEXT,
        performed_at TEXT NOT NULL,
        performed_on TEXT NOT NULL,
        timing TEXT NOT NULL CHECK (timing IN ('done', 'late')),
        night INTEGER NOT NULL DEFAULT 0 CHECK (night IN (0, 1)),
        performer_ids_json TEXT NOT NULL DEFAULT '[]',
        items_json TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        recorded_by INTEGER,
        recorded_by_name TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX fire_records_template_slot ON fire_records(template_key, slot_start);
      CREATE INDEX fire_records_performed_on ON fire_records(performed_on);

      CREATE TABLE fire_hazards (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        location TEXT NOT NULL,
        level TEXT NOT NULL CHECK (level IN ('general', 'major')),
        found_on TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        photo TEXT,
        source_record_id INTEGER REFERENCES fire_records(id),
        source_item_key TEXT,
        status TEXT NOT NULL CHECK (status IN ('reported', 'assigned', 'rectified', 'closed')),
        owner_id INTEGER,
        deadline TEXT,
        interim_measures TEXT NOT NULL DEFAULT '',
        rectified_on TEXT,
        measures TEXT NOT NULL DEFAULT '',
        rectify_photo TEXT,
        rectified_by INTEGER,
        verified_on TEXT,
        verified_by INTEGER,
        verify_note TEXT NOT NULL DEFAULT '',
        rejections_json TEXT NOT NULL DEFAULT '[]',
        reported_by TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX fire_hazards_status ON fire_hazards(status);

      CREATE TABLE fire_equipment (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        code TEXT NOT NULL UNIQUE,
        location TEXT NOT NULL,
        spec TEXT NOT NULL DEFAULT '',
        installed_on TEXT,
        expires_on TEXT,
        next_service_on TEXT,
        last_checked_on TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE fire_plans (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL,
        version INTEGER NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        reviewed_on TEXT,
        saved_at TEXT NOT NULL,
        saved_by TEXT,
        UNIQUE (key, version)
      ) STRICT;

      CREATE TABLE fire_drills (
        id INTEGER PRIMARY KEY,
        held_on TEXT NOT NULL,
        plan_key TEXT NOT NULL,
        plan_version INTEGER NOT NULL,
        scenario TEXT NOT NULL,
        night INTEGER NOT NULL CHECK (night IN (0, 1)),
        participants INTEGER NOT NULL,
        participant_names_json TEXT NOT NULL DEFAULT '[]',
        residents_evacuated INTEGER NOT NULL,
        bedridden_evacuated INTEGER NOT NULL,
        evacuation_seconds INTEGER NOT NULL,
        problems TEXT NOT NULL DEFAULT '',
        photos_json TEXT NOT NULL DEFAULT '[]',
        recorded_by TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX fire_drills_plan ON fire_drills(plan_key, held_on);
    `);
    const template = db.prepare(
      "INSERT INTO fire_templates (key, version, name, cadence_json, items_json, saved_at) VALUES (?, 1, ?, ?, ?, 'migration')",
    );
    for (const [key, name, cadence, list] of templates)
      template.run(key, name, JSON.stringify(cadence), list);
    const plan = db.prepare(
      "INSERT INTO fire_plans (key, version, title, body, saved_at) VALUES (?, 1, ?, ?, 'migration')",
    );
    for (const [key, title, body] of plans) plan.run(key, title, body);
  },
};
