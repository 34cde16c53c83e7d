// The 24 dispute categories of domain.md, in its order, with the intake fields particular to each.
// The first 18 are the leaf categories of the people's-mediation statistics report; the last six
// are added by city platforms. Field keys are stored in Case.categoryFields and must never be
// renamed once cases exist (add a new key instead).
import { isIsoDate } from './deadlines';
import type { FieldError } from './errors';
import type { CategoryFieldValues } from './model';
import { parseYuan } from './money';
import { cleanText, foldFullWidth } from './text';

export const CATEGORY_CODES = [
  'FAM', 'NBR', 'HSE', 'CON', 'BUS', 'DMG', 'LND', 'EXP', 'ENV', 'WAG', 'LAB', 'MED',
  'PRP', 'TRF', 'TOU', 'ECM', 'CSM', 'OTH', 'INH', 'LEN', 'FIN', 'IPR', 'VIL', 'SCH',
] as const;
export type CategoryCode = (typeof CATEGORY_CODES)[number];

export interface LocalizedText {
  'zh-CN': string;
  'en-US': string;
}

export type CategoryFieldType = 'text' | 'textarea' | 'number' | 'money' | 'date' | 'select' | 'boolean';

export interface CategoryField {
  key: string;
  label: LocalizedText;
  type: CategoryFieldType;
  options?: readonly { value: string; label: LocalizedText }[];
  required?: boolean;
  /** Code points, for text and textarea fields (defaults: 100 and 2000). */
  maxLength?: number;
  /** Bounds and integrality for number fields. */
  min?: number;
  max?: number;
  integer?: boolean;
  /** Shown after a number input, e.g. 亩, %. */
  unit?: LocalizedText;
  /** For a date field: the key of a date field in the same category that it must not precede. */
  notBefore?: string;
}

export interface Category {
  code: CategoryCode;
  name: LocalizedText;
  inStatistics: boolean;
  statisticsGroup?: 'labour' | 'consumer';
  fields: readonly CategoryField[];
}

export const TEXT_FIELD_MAX = 100;
export const TEXTAREA_FIELD_MAX = 2000;

// ---- small builders keep the table below readable ----

const t = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, 'en-US': en });
type Extra = Omit<CategoryField, 'key' | 'label' | 'type'>;
const text = (key: string, label: LocalizedText, extra: Extra = {}): CategoryField => ({ key, label, type: 'text', ...extra });
const textarea = (key: string, label: LocalizedText, extra: Extra = {}): CategoryField => ({ key, label, type: 'textarea', ...extra });
const money = (key: string, label: LocalizedText, extra: Extra = {}): CategoryField => ({ key, label, type: 'money', ...extra });
const date = (key: string, label: LocalizedText, extra: Extra = {}): CategoryField => ({ key, label, type: 'date', ...extra });
const bool = (key: string, label: LocalizedText, extra: Extra = {}): CategoryField => ({ key, label, type: 'boolean', ...extra });
const num = (key: string, label: LocalizedText, extra: Extra = {}): CategoryField => ({ key, label, type: 'number', ...extra });
const select = (key: string, label: LocalizedText, options: [string, string, string][], extra: Extra = {}): CategoryField => ({
  key,
  label,
  type: 'select',
  options: options.map(([value, zh, en]) => ({ value, label: t(zh, en) })),
  ...extra,
});

const OTHER: [string, string, string] = ['other', '其他', 'Other'];
const PERSONS = t('人', 'persons');
const HOUSEHOLDS = t('户', 'households');

export const CATEGORIES: readonly Category[] = [
  {
    code: 'FAM',
    name: t('婚姻家庭纠纷', 'Marriage and family'),
    inStatistics: true,
    fields: [
      select('relationship', t('当事人关系', 'Relationship of the parties'), [
        ['spouses', '夫妻', 'Spouses'],
        ['former_spouses', '前配偶', 'Former spouses'],
        ['parent_child', '父母子女', 'Parent and child'],
        ['siblings', '兄弟姐妹', 'Siblings'],
        ['in_laws', '姻亲', 'In-laws'],
        OTHER,
      ], { required: true }),
      select('matter', t('争议事项', 'Matter in dispute'), [
        ['divorce', '离婚', 'Divorce'],
        ['custody', '子女抚养', 'Custody of children'],
        ['maintenance', '抚养费', 'Child maintenance'],
        ['property', '财产分割', 'Division of property'],
        ['cohabitation', '家庭共同生活', 'Family life together'],
        OTHER,
      ]),
      date('marriageRegisteredOn', t('结婚登记日期', 'Marriage registered on')),
      num('minorChildren', t('未成年子女人数', 'Minor children'), { integer: true, min: 0, max: 20, unit: PERSONS }),
      bool('domesticViolenceRisk', t('是否存在家庭暴力风险', 'Risk of domestic violence')),
    ],
  },
  {
    code: 'NBR',
    name: t('邻里纠纷', 'Neighbours'),
    inStatistics: true,
    fields: [
      select('matter', t('争议事项', 'Matter in dispute'), [
        ['boundary', '相邻界址', 'Boundary'],
        ['noise', '噪音', 'Noise'],
        ['drainage', '排水', 'Drainage'],
        ['light', '采光通风', 'Light and ventilation'],
        ['passage', '通行', 'Right of way'],
        ['pets', '饲养动物', 'Pets and animals'],
        OTHER,
      ], { required: true }),
      text('location', t('纠纷发生地址', 'Where the dispute arises'), { maxLength: 200 }),
      bool('policeCalled', t('是否已报警', 'Police already called')),
    ],
  },
  {
    code: 'HSE',
    name: t('房屋宅基地纠纷', 'Housing and homestead land'),
    inStatistics: true,
    fields: [
      text('propertyAddress', t('房屋坐落', 'Property address'), { required: true, maxLength: 200 }),
      select('propertyType', t('房屋类型', 'Kind of property'), [
        ['urban_housing', '城镇住房', 'Urban housing'],
        ['rural_homestead', '农村宅基地房屋', 'Rural homestead house'],
        ['commercial', '商业用房', 'Commercial premises'],
        OTHER,
      ]),
      text('certificateNo', t('不动产权证号或宅基地使用证号', 'Title or homestead certificate no.'), { maxLength: 50 }),
      num('area', t('面积', 'Area'), { min: 0, max: 1_000_000, unit: t('平方米', 'm²') }),
    ],
  },
  {
    code: 'CON',
    name: t('合同纠纷', 'Contracts'),
    inStatistics: true,
    fields: [
      select('contractType', t('合同类型', 'Kind of contract'), [
        ['sale', '买卖合同', 'Sale'],
        ['lease', '租赁合同', 'Lease'],
        ['service', '服务合同', 'Services'],
        ['construction', '建设工程合同', 'Construction'],
        ['work', '承揽合同', 'Work for hire'],
        OTHER,
      ], { required: true }),
      date('signedOn', t('签订日期', 'Signed on')),
      money('contractAmount', t('合同金额（元）', 'Contract amount (yuan)')),
      bool('writtenContract', t('是否有书面合同', 'Written contract exists')),
    ],
  },
  {
    code: 'BUS',
    name: t('生产经营纠纷', 'Production and business operation'),
    inStatistics: true,
    fields: [
      select('businessType', t('经营类型', 'Kind of business'), [
        ['partnership', '合伙经营', 'Partnership'],
        ['individual', '个体经营', 'Individual business'],
        ['agriculture', '农业生产', 'Farming'],
        ['enterprise', '企业经营', 'Enterprise'],
        OTHER,
      ], { required: true }),
      text('businessName', t('经营主体或项目名称', 'Business or project name')),
      money('lossAmount', t('主张损失（元）', 'Loss claimed (yuan)')),
    ],
  },
  {
    code: 'DMG',
    name: t('损害赔偿纠纷', 'Damage compensation (torts)'),
    inStatistics: true,
    fields: [
      select('damageType', t('损害类型', 'Kind of damage'), [
        ['personal_injury', '人身损害', 'Personal injury'],
        ['property', '财产损害', 'Damage to property'],
        ['both', '人身及财产损害', 'Injury and property damage'],
      ], { required: true }),
      date('occurredOn', t('发生日期', 'Occurred on')),
      text('appraisal', t('伤残等级或鉴定结论', 'Disability grade or appraisal'), { maxLength: 200 }),
      money('lossAmount', t('主张损失（元）', 'Loss claimed (yuan)')),
    ],
  },
  {
    code: 'LND',
    name: t('山林土地纠纷', 'Forest and farmland'),
    inStatistics: true,
    fields: [
      select('landType', t('土地类型', 'Kind of land'), [
        ['farmland', '耕地', 'Farmland'],
        ['forest', '林地', 'Forest'],
        ['grassland', '草地', 'Grassland'],
        ['water', '水面', 'Water surface'],
        OTHER,
      ], { required: true }),
      text('location', t('坐落位置', 'Location'), { required: true, maxLength: 200 }),
      num('area', t('面积', 'Area'), { min: 0, max: 10_000_000, unit: t('亩', 'mu') }),
      text('rightsCertificateNo', t('承包或林权证号', 'Contract or forest-rights certificate no.'), { maxLength: 50 }),
    ],
  },
  {
    code: 'EXP',
    name: t('征地拆迁纠纷', 'Land requisition and demolition'),
    inStatistics: true,
    fields: [
      text('projectName', t('征收项目名称', 'Requisition project'), { required: true }),
      text('authority', t('征收实施单位', 'Requisitioning authority')),
      text('propertyAddress', t('被征收房屋或土地坐落', 'Address of the property taken'), { maxLength: 200 }),
      money('compensationOffered', t('已提出补偿金额（元）', 'Compensation offered (yuan)')),
      money('compensationClaimed', t('主张补偿金额（元）', 'Compensation claimed (yuan)')),
    ],
  },
  {
    code: 'ENV',
    name: t('环境污染纠纷', 'Environmental pollution'),
    inStatistics: true,
    fields: [
      select('pollutionType', t('污染类型', 'Kind of pollution'), [
        ['air', '大气污染', 'Air'],
        ['water', '水污染', 'Water'],
        ['noise', '噪声污染', 'Noise'],
        ['solid_waste', '固体废物', 'Solid waste'],
        ['soil', '土壤污染', 'Soil'],
        OTHER,
      ], { required: true }),
      text('polluter', t('污染来源单位', 'Source of the pollution')),
      text('location', t('受影响地点', 'Place affected'), { maxLength: 200 }),
      num('householdsAffected', t('受影响户数', 'Households affected'), { integer: true, min: 0, max: 1_000_000, unit: HOUSEHOLDS }),
    ],
  },
  {
    code: 'WAG',
    name: t('拖欠农民工工资纠纷', 'Unpaid wages of migrant workers'),
    inStatistics: true,
    statisticsGroup: 'labour',
    fields: [
      text('projectName', t('工程项目名称', 'Project'), { required: true }),
      text('contractor', t('施工单位或包工头', 'Contractor or gang master'), { required: true }),
      num('workerCount', t('被欠薪人数', 'Workers unpaid'), { required: true, integer: true, min: 1, max: 100_000, unit: PERSONS }),
      money('amountOwed', t('拖欠金额（元）', 'Amount owed (yuan)'), { required: true }),
      date('workFrom', t('务工开始日期', 'Work started on')),
      date('workTo', t('务工结束日期', 'Work ended on'), { notBefore: 'workFrom' }),
    ],
  },
  {
    code: 'LAB',
    name: t('其他劳动争议纠纷', 'Other labour disputes'),
    inStatistics: true,
    statisticsGroup: 'labour',
    fields: [
      text('employer', t('用人单位', 'Employer'), { required: true }),
      date('employedFrom', t('入职日期', 'Employed from')),
      date('employedTo', t('离职日期', 'Employed until'), { notBefore: 'employedFrom' }),
      select('matter', t('争议事项', 'Matter in dispute'), [
        ['wages', '劳动报酬', 'Wages'],
        ['dismissal', '解除或终止劳动合同', 'Dismissal or termination'],
        ['social_insurance', '社会保险', 'Social insurance'],
        ['work_injury', '工伤待遇', 'Work injury benefits'],
        ['overtime', '加班费', 'Overtime pay'],
        OTHER,
      ]),
      money('wagesOwed', t('拖欠工资（元）', 'Wages owed (yuan)')),
      bool('writtenContract', t('是否签订书面劳动合同', 'Written labour contract signed')),
      bool('arbitrationTried', t('是否已申请劳动仲裁', 'Labour arbitration already sought')),
    ],
  },
  {
    code: 'MED',
    name: t('医疗纠纷', 'Medical'),
    inStatistics: true,
    fields: [
      text('hospital', t('医疗机构', 'Hospital or clinic'), { required: true }),
      date('treatmentFrom', t('诊疗开始日期', 'Treatment from')),
      date('treatmentTo', t('诊疗结束日期', 'Treatment until'), { notBefore: 'treatmentFrom' }),
      select('outcome', t('损害后果', 'Harm suffered'), [
        ['injury', '人身损害', 'Injury'],
        ['disability', '残疾', 'Disability'],
        ['death', '死亡', 'Death'],
        OTHER,
      ]),
      bool('appraisalDone', t('是否已做医疗损害鉴定', 'Medical-harm appraisal done')),
      text('appraisalResult', t('鉴定结论', 'Appraisal finding'), { maxLength: 200 }),
    ],
  },
  {
    code: 'PRP',
    name: t('物业纠纷', 'Property management'),
    inStatistics: true,
    fields: [
      text('propertyAddress', t('物业地址', 'Property address'), { required: true, maxLength: 200 }),
      text('managementCompany', t('物业服务企业', 'Property management company')),
      select('matter', t('争议事项', 'Matter in dispute'), [
        ['fees', '物业费', 'Service fees'],
        ['repairs', '维修', 'Repairs'],
        ['parking', '停车', 'Parking'],
        ['common_areas', '共有部分使用', 'Common areas'],
        ['service_quality', '服务质量', 'Quality of service'],
        OTHER,
      ]),
      money('feesInDispute', t('争议费用（元）', 'Fees in dispute (yuan)')),
    ],
  },
  {
    code: 'TRF',
    name: t('道路交通事故纠纷', 'Road traffic accidents'),
    inStatistics: true,
    fields: [
      text('accidentCertificateNo', t('交通事故认定书编号', 'Accident certificate no.'), { maxLength: 50 }),
      date('accidentDate', t('事故日期', 'Accident date')),
      text('accidentLocation', t('事故地点', 'Accident location'), { maxLength: 200 }),
      select('liability', t('被申请人责任认定', "Respondent's liability"), [
        ['full', '全责', 'Full'],
        ['major', '主责', 'Major'],
        ['equal', '同责', 'Equal'],
        ['minor', '次责', 'Minor'],
        ['none', '无责', 'None'],
      ], { required: true }),
      text('insurer', t('承保保险公司', 'Insurer')),
      text('vehiclePlate', t('肇事车辆号牌', 'Vehicle registration plate'), { maxLength: 20 }),
      bool('injuryOrDeath', t('是否有人员伤亡', 'Anyone injured or killed')),
    ],
  },
  {
    code: 'TOU',
    name: t('旅游纠纷', 'Tourism'),
    inStatistics: true,
    statisticsGroup: 'consumer',
    fields: [
      text('travelAgency', t('旅行社或经营者', 'Travel agency or operator'), { required: true }),
      text('destination', t('旅游目的地', 'Destination')),
      date('tripFrom', t('出行日期', 'Trip from')),
      date('tripTo', t('返回日期', 'Trip until'), { notBefore: 'tripFrom' }),
      text('contractNo', t('旅游合同编号', 'Travel contract no.'), { maxLength: 50 }),
    ],
  },
  {
    code: 'ECM',
    name: t('电子商务纠纷', 'E-commerce'),
    inStatistics: true,
    statisticsGroup: 'consumer',
    fields: [
      text('platform', t('电商平台', 'Platform'), { required: true }),
      text('merchant', t('商家名称', 'Merchant')),
      text('orderNo', t('订单号', 'Order no.'), { maxLength: 64 }),
      date('orderDate', t('下单日期', 'Ordered on')),
      money('orderAmount', t('订单金额（元）', 'Order amount (yuan)')),
    ],
  },
  {
    code: 'CSM',
    name: t('其他消费纠纷', 'Other consumer disputes'),
    inStatistics: true,
    statisticsGroup: 'consumer',
    fields: [
      text('merchant', t('经营者', 'Seller or provider'), { required: true }),
      text('goodsOrService', t('商品或服务', 'Goods or service')),
      date('purchaseDate', t('购买日期', 'Bought on')),
      money('amountPaid', t('支付金额（元）', 'Amount paid (yuan)')),
      bool('complained12315', t('是否已向12315投诉', 'Already complained to 12315')),
    ],
  },
  {
    code: 'OTH',
    name: t('其他纠纷', 'Other'),
    inStatistics: true,
    fields: [text('subject', t('纠纷事项', 'Subject of the dispute'), { required: true })],
  },
  {
    code: 'INH',
    name: t('继承赡养纠纷', 'Inheritance and support of elders'),
    inStatistics: false,
    fields: [
      select('matter', t('争议事项', 'Matter in dispute'), [
        ['inheritance', '遗产继承', 'Inheritance'],
        ['elder_support', '赡养老人', 'Support of an elder'],
        ['both', '继承及赡养', 'Both'],
      ], { required: true }),
      text('decedentName', t('被继承人姓名', 'Name of the deceased'), { maxLength: 50 }),
      date('dateOfDeath', t('死亡日期', 'Date of death')),
      bool('willExists', t('是否有遗嘱', 'A will exists')),
      textarea('estate', t('遗产情况', 'The estate'), { maxLength: 1000 }),
      num('elderAge', t('被赡养人年龄', 'Age of the elder'), { integer: true, min: 0, max: 150, unit: t('岁', 'years') }),
    ],
  },
  {
    code: 'LEN',
    name: t('民间借贷纠纷', 'Private lending and debts'),
    inStatistics: false,
    fields: [
      money('principal', t('借款本金（元）', 'Principal (yuan)'), { required: true }),
      // Rates above four times the one-year LPR are not protected by the courts; the value is
      // recorded so the mediator can see it, the cap itself changes monthly and is not encoded.
      num('annualInterestRate', t('约定年利率', 'Agreed annual interest rate'), { min: 0, max: 100, unit: t('%', '%') }),
      date('loanDate', t('出借日期', 'Lent on')),
      date('dueDate', t('约定还款日期', 'Due on'), { notBefore: 'loanDate' }),
      bool('iouExists', t('是否有借条或借款合同', 'IOU or loan contract exists')),
      text('security', t('担保情况', 'Security or guarantor'), { maxLength: 200 }),
    ],
  },
  {
    code: 'FIN',
    name: t('金融纠纷（银行、保险、证券）', 'Finance (banking, insurance, securities)'),
    inStatistics: false,
    fields: [
      select('sector', t('金融领域', 'Sector'), [
        ['banking', '银行', 'Banking'],
        ['insurance', '保险', 'Insurance'],
        ['securities', '证券', 'Securities'],
        OTHER,
      ], { required: true }),
      text('institution', t('金融机构', 'Financial institution'), { required: true }),
      text('productOrContractNo', t('产品或合同编号', 'Product or contract no.'), { maxLength: 64 }),
      money('amountInDispute', t('争议金额（元）', 'Amount in dispute (yuan)')),
    ],
  },
  {
    code: 'IPR',
    name: t('知识产权纠纷', 'Intellectual property'),
    inStatistics: false,
    fields: [
      select('rightType', t('权利类型', 'Kind of right'), [
        ['copyright', '著作权', 'Copyright'],
        ['trademark', '商标权', 'Trademark'],
        ['patent', '专利权', 'Patent'],
        ['trade_secret', '商业秘密', 'Trade secret'],
        OTHER,
      ], { required: true }),
      text('registrationNo', t('登记号或注册号', 'Registration no.'), { maxLength: 50 }),
      textarea('infringement', t('被控侵权行为', 'Alleged infringement'), { maxLength: 1000 }),
    ],
  },
  {
    code: 'VIL',
    name: t('村务管理纠纷', 'Village affairs'),
    inStatistics: false,
    fields: [
      text('village', t('村（居）委会', 'Village or neighbourhood committee'), { required: true }),
      select('matter', t('争议事项', 'Matter in dispute'), [
        ['income_distribution', '集体收益分配', 'Distribution of collective income'],
        ['land_contracting', '土地承包', 'Land contracting'],
        ['transparency', '村务公开', 'Openness of village affairs'],
        ['election', '村委会选举', 'Committee election'],
        ['public_works', '公益事业', 'Public works'],
        OTHER,
      ]),
      num('householdsAffected', t('涉及户数', 'Households concerned'), { integer: true, min: 0, max: 100_000, unit: HOUSEHOLDS }),
    ],
  },
  {
    code: 'SCH',
    name: t('校园纠纷', 'Schools and campuses'),
    inStatistics: false,
    fields: [
      text('school', t('学校名称', 'School'), { required: true }),
      select('matter', t('争议事项', 'Matter in dispute'), [
        ['injury', '校园伤害', 'Injury at school'],
        ['bullying', '校园欺凌', 'Bullying'],
        ['fees', '收费', 'Fees'],
        ['training_contract', '培训合同', 'Training contract'],
        OTHER,
      ]),
      date('incidentDate', t('事件发生日期', 'Date of the incident')),
      num('studentAge', t('学生年龄', "Student's age"), { integer: true, min: 0, max: 100, unit: t('岁', 'years') }),
    ],
  },
];

const BY_CODE: ReadonlyMap<string, Category> = new Map(CATEGORIES.map((c) => [c.code, c]));

export function isCategoryCode(x: string): x is CategoryCode {
  return BY_CODE.has(x);
}

export function getCategory(code: string): Category | undefined {
  return BY_CODE.get(code);
}

// ---- validation of the values typed into a category's fields ----

export type CategoryFieldValue = string | number | boolean | null;
export type CategoryFieldCheck = { ok: true; value: CategoryFieldValues } | { ok: false; errors: FieldError[] };

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

/** A plain decimal as typed ("12", "3.65", "１２"); exponents, hex and Infinity are refused. */
function parseDecimal(v: string | number): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  const s = foldFullWidth(v).trim();
  if (!/^-?(?:\d+(?:\.\d+)?|\.\d+)$/.test(s)) return null;
  return Number(s);
}

type One = { ok: true; value: CategoryFieldValue } | { ok: false; error: Omit<FieldError, 'path'> };
const bad = (code: FieldError['code'], params?: FieldError['params']): One =>
  ({ ok: false, error: params === undefined ? { code } : { code, params } });

function checkOne(field: CategoryField, raw: unknown): One {
  switch (field.type) {
    case 'text':
    case 'textarea': {
      if (typeof raw !== 'string') return bad('field.type');
      const max = field.maxLength ?? (field.type === 'text' ? TEXT_FIELD_MAX : TEXTAREA_FIELD_MAX);
      const r = cleanText(raw, { maxLength: max, multiline: field.type === 'textarea' });
      return r.ok ? { ok: true, value: r.value } : bad(r.code, r.params);
    }
    case 'money': {
      // A number is an amount already normalised to fen (a stored case being re-validated); text
      // is yuan as typed. Keeping the two apart is what makes re-validation idempotent.
      if (typeof raw === 'number') return Number.isSafeInteger(raw) && raw >= 0 ? { ok: true, value: raw } : bad('money.invalid');
      if (typeof raw !== 'string') return bad('field.type');
      const r = parseYuan(raw);
      return r.ok ? { ok: true, value: r.fen } : bad(r.code, r.params);
    }
    case 'number': {
      if (typeof raw !== 'string' && typeof raw !== 'number') return bad('field.type');
      const n = parseDecimal(raw);
      if (n === null) return bad('number.invalid');
      if (field.integer && !Number.isInteger(n)) return bad('number.integer');
      if ((field.min !== undefined && n < field.min) || (field.max !== undefined && n > field.max)) {
        return bad('number.range', { min: field.min ?? '', max: field.max ?? '' });
      }
      return { ok: true, value: n };
    }
    case 'date': {
      if (typeof raw !== 'string') return bad('field.type');
      const s = raw.trim();
      return isIsoDate(s) ? { ok: true, value: s } : bad('date.invalid');
    }
    case 'select': {
      if (typeof raw !== 'string') return bad('field.type');
      const s = raw.trim();
      return field.options?.some((o) => o.value === s) ? { ok: true, value: s } : bad('field.option');
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      if (raw === 'true' || raw === 'false') return { ok: true, value: raw === 'true' };
      return bad('field.type');
    }
  }
}

/**
 * Checks and normalises the values of a category's fields: text cleaned, money to fen, numbers to
 * numbers, dates checked. Empty optional fields are left out of the result; keys the category
 * does not define are dropped (they belong to a category the form was switched away from).
 * Error paths are [fieldKey].
 */
export function normalizeCategoryFields(code: string, values: Record<string, unknown>): CategoryFieldCheck {
  const category = getCategory(code);
  if (!category) return { ok: false, errors: [{ path: [], code: 'category.unknown' }] };
  const errors: FieldError[] = [];
  const out: CategoryFieldValues = {};
  for (const field of category.fields) {
    const raw = values[field.key];
    if (isBlank(raw)) {
      if (field.required) errors.push({ path: [field.key], code: 'required' });
      continue;
    }
    const r = checkOne(field, raw);
    if (r.ok) out[field.key] = r.value;
    else errors.push({ path: [field.key], ...r.error });
  }
  for (const field of category.fields) {
    if (field.type !== 'date' || !field.notBefore) continue;
    const value = out[field.key];
    const earlier = out[field.notBefore];
    if (typeof value === 'string' && typeof earlier === 'string' && value < earlier) {
      errors.push({ path: [field.key], code: 'date.order', params: { other: field.notBefore } });
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: out };
}

export function validateCategoryFields(code: string, values: Record<string, unknown>): FieldError[] {
  const r = normalizeCategoryFields(code, values);
  return r.ok ? [] : r.errors;
}
