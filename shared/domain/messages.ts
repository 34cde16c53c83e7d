// User-facing words for the domain's codes, in both languages. The Record types make a missing
// translation a compile error. Placeholders are i18next-style {{param}}, so these tables can be
// loaded as i18next resources as they are, or filled in with formatValidationMessage below.
import { CASE_STATUSES, type CaseSource, type CaseStatus, type IdType, type Language, type PartySide, type Role } from './model';
import type { ErrorCode, ErrorParams } from './errors';

export const validationMessages: Record<Language, Record<ErrorCode, string>> = {
  'zh-CN': {
    required: '此项为必填项，请填写',
    too_long: '内容过长：最多 {{max}} 个字，当前 {{actual}} 个字，请删减后再保存',
    control_chars: '内容中含有看不见的文字方向控制符（常见于复制粘贴），请删除后重新输入',
    'text.encoding': '内容中含有无法识别的字符（可能是复制时损坏），请重新输入',
    'value.invalid': '此项的值无效，请重新选择或填写',
    'field.option': '所选内容不在可选范围内，请从列表中重新选择',
    'field.type': '此项的格式不正确，请重新填写',
    'number.invalid': '请输入数字，例如 12 或 3.5',
    'number.range': '数值应在 {{min}} 到 {{max}} 之间，请修改',
    'number.integer': '请输入整数',
    'date.invalid': '日期无效，请按“年-月-日”选择一个真实存在的日期',
    'date.order': '此日期早于与之对应的开始日期，请核对两个日期',
    'id.length': '身份证号应为 18 位，当前为 {{actual}} 位；15 位旧证号请换用新证号码',
    'id.format': '证件号码含有不允许的字符：身份证号前 17 位为数字，最后一位为数字或 X',
    'id.region': '身份证号前 6 位地区码无效，请核对证件',
    'id.birthdate': '身份证号中的出生日期（{{digits}}）不是有效日期，请核对第 7 至 14 位',
    'id.checksum': '身份证号校验码不正确，请核对最后一位（应为 {{expected}}），或检查前面各位是否输错',
    'credit.length': '统一社会信用代码应为 18 位，当前为 {{actual}} 位，请核对营业执照',
    'credit.charset': '统一社会信用代码第 {{position}} 位的“{{char}}”不是有效字符（代码中不使用 I、O、Z、S、V），请核对',
    'credit.checksum': '统一社会信用代码校验位不正确，请核对最后一位（应为 {{expected}}），或检查前面各位是否输错',
    'phone.invalid': '手机号码应为以 1 开头的 11 位数字，请核对',
    'name.invalid': '姓名只能包含文字，可用间隔号“·”、空格、连字符或撇号分隔，不能含数字或符号',
    'money.invalid': '金额格式不正确，请输入如 1234 或 1,234.56 的数字',
    'money.negative': '金额不能为负数，请输入正数',
    'money.decimals': '金额最多保留两位小数（到分），请修改',
    'money.too_large': '金额过大，最多为 {{max}} 元，请核对',
    'case.no_applicant': '请至少添加一名申请人',
    'case.no_respondent': '请至少添加一名被申请人',
    'case.too_many_parties': '当事人最多 {{max}} 名，请删除多余的当事人',
    'agent.principal': '请为代理人选择其所代理的当事人（不能是另一名代理人）',
    'category.unknown': '纠纷类型无效，请从列表中选择',
    'lifecycle.illegal': '案件不能从“{{from}}”变更为“{{to}}”，请选择当前状态允许的操作',
    'lifecycle.reason_required': '变更为“{{to}}”须填写原因，请填写后再提交',
    'lifecycle.confirmation_window': '已超过申请司法确认的 30 日期限（截止 {{deadline}}），无法再申请；当事人可就协议履行向法院起诉',
    'lifecycle.agreement_date_required': '请先填写调解协议的生效日期，以便计算申请司法确认的 30 日期限',
    'lifecycle.agreement_date_future': '协议生效日期不能晚于今天（{{today}}），请核对',
    'lifecycle.act_required': '“{{to}}”只能由相应的法律行为产生，不能直接变更：达成协议须签署协议书或记录口头协议内容；申请司法确认须向法院提交或导出申请材料，或登记纸质申请；确认结果须导入法院回执或登记纸质裁定',
    'lifecycle.act_date_future': '所登记事项的日期不能晚于今天（{{today}}），请按文书上的日期填写',
    'lifecycle.act_before_agreement': '申请司法确认的日期不能早于调解协议生效之日（{{agreementEffectiveOn}}），请核对法院收件回执上的日期',
    'deadline.not_running': '只有已受理或调解中的案件有调解期限可以延长',
    'deadline.extension_days': '延长天数应为 1 到 {{max}} 之间的整数',
    'deadline.extension_reason': '延长调解期限须经当事人同意，请写明同意的当事人和方式',
    'pattern.invalid': '案号格式中的“{{placeholder}}”写法有误，序号补位应为 {seq:1} 至 {seq:10}，括号须成对',
    'pattern.no_seq': '案号格式必须包含序号 {seq} 或 {seq:N}，否则案号会重复',
    'pattern.placeholder': '案号格式中的“{{placeholder}}”无法识别，只能使用 {year}、{prefix}、{seq} 或 {seq:N}',
  },
  'en-US': {
    required: 'This field is required; please fill it in.',
    too_long: 'Too long: at most {{max}} characters, this has {{actual}}. Please shorten it.',
    control_chars: 'The text contains invisible text-direction control characters (often from copy and paste). Please remove them and type it again.',
    'text.encoding': 'The text contains characters that cannot be read (possibly damaged when copied). Please type it again.',
    'value.invalid': 'This value is not valid. Please choose or enter it again.',
    'field.option': 'The chosen value is not one of the options. Please choose again from the list.',
    'field.type': 'This value has the wrong format. Please enter it again.',
    'number.invalid': 'Please enter a number, such as 12 or 3.5.',
    'number.range': 'The number must be between {{min}} and {{max}}. Please correct it.',
    'number.integer': 'Please enter a whole number.',
    'date.invalid': 'This is not a valid date. Please choose a real date (year-month-day).',
    'date.order': 'This date is earlier than the start date it pairs with. Please check both dates.',
    'id.length': 'A resident ID number has 18 characters; this has {{actual}}. For an old 15-digit ID, use the number on the new card.',
    'id.format': 'The ID number contains characters that are not allowed: the first 17 are digits and the last is a digit or X.',
    'id.region': 'The first 6 digits (region code) of the ID number are not valid. Please check the card.',
    'id.birthdate': 'The date of birth in the ID number ({{digits}}) is not a valid date. Please check digits 7 to 14.',
    'id.checksum': 'The ID number’s check character is wrong. Please check the last character (it should be {{expected}}) or look for a mistyped digit.',
    'credit.length': 'A unified social credit code has 18 characters; this has {{actual}}. Please check the business licence.',
    'credit.charset': 'Character {{position}} (“{{char}}”) is not allowed in a unified social credit code (I, O, Z, S and V are never used). Please check it.',
    'credit.checksum': 'The credit code’s check character is wrong. Please check the last character (it should be {{expected}}) or look for a mistyped character.',
    'phone.invalid': 'A mobile number has 11 digits starting with 1. Please check it.',
    'name.invalid': 'A name may contain only letters, separated by a middle dot “·”, a space, a hyphen or an apostrophe; no digits or symbols.',
    'money.invalid': 'The amount is not in a valid format. Enter a number such as 1234 or 1,234.56.',
    'money.negative': 'The amount cannot be negative. Please enter a positive amount.',
    'money.decimals': 'Amounts have at most two decimals (fen). Please correct it.',
    'money.too_large': 'The amount is too large; the maximum is {{max}} yuan. Please check it.',
    'case.no_applicant': 'Please add at least one applicant.',
    'case.no_respondent': 'Please add at least one respondent.',
    'case.too_many_parties': 'A case can have at most {{max}} parties. Please remove the extra ones.',
    'agent.principal': 'Please choose the party this agent represents (not another agent).',
    'category.unknown': 'This dispute category is not valid. Please choose one from the list.',
    'lifecycle.illegal': 'A case cannot move from “{{from}}” to “{{to}}”. Please choose an action allowed in its current status.',
    'lifecycle.reason_required': 'Moving the case to “{{to}}” needs a reason. Please enter one and submit again.',
    'lifecycle.confirmation_window': 'The 30-day period for applying for judicial confirmation ended on {{deadline}}; an application can no longer be made. The parties may sue over performance of the agreement.',
    'lifecycle.agreement_date_required': 'Please enter the date the mediation agreement took effect first, so the 30-day confirmation period can be worked out.',
    'lifecycle.agreement_date_future': 'The agreement cannot take effect after today ({{today}}). Please check the date.',
    'lifecycle.act_required': '“{{to}}” comes only from the act that makes it true, not by changing the status: sign the agreement or record the oral agreement’s content; submit or export the package, or record a paper filing; import the court’s receipt or register a paper ruling.',
    'lifecycle.act_date_future': 'The date of what you record cannot be after today ({{today}}). Enter the date on the document.',
    'lifecycle.act_before_agreement': 'The application for confirmation cannot predate the agreement taking effect ({{agreementEffectiveOn}}). Check the date on the court\'s acknowledgement.',
    'deadline.not_running': 'Only an accepted case or one in mediation has a mediation time limit to extend.',
    'deadline.extension_days': 'The extension must be a whole number of days from 1 to {{max}}.',
    'deadline.extension_reason': 'An extension needs the parties’ agreement: state who agreed and how.',
    'pattern.invalid': 'The case-number pattern has a malformed “{{placeholder}}”: padding is written {seq:1} to {seq:10}, and braces come in pairs.',
    'pattern.no_seq': 'The case-number pattern must contain the sequence {seq} or {seq:N}, otherwise numbers would repeat.',
    'pattern.placeholder': 'The case-number pattern contains an unknown “{{placeholder}}”; only {year}, {prefix}, {seq} and {seq:N} are allowed.',
  },
};

export const statusLabels: Record<Language, Record<CaseStatus, string>> = {
  'zh-CN': {
    registered: '已登记',
    accepted: '已受理',
    declined: '不予受理',
    in_mediation: '调解中',
    agreement_reached: '达成协议',
    failed: '调解不成',
    withdrawn: '已撤回',
    confirmation_applied: '已申请司法确认',
    confirmed: '已司法确认',
    rejected: '确认申请被驳回',
    archived: '已归档',
  },
  'en-US': {
    registered: 'Registered',
    accepted: 'Accepted',
    declined: 'Declined',
    in_mediation: 'In mediation',
    agreement_reached: 'Agreement reached',
    failed: 'Mediation failed',
    withdrawn: 'Withdrawn',
    confirmation_applied: 'Confirmation applied for',
    confirmed: 'Judicially confirmed',
    rejected: 'Confirmation rejected',
    archived: 'Archived',
  },
};

export const sourceLabels: Record<Language, Record<CaseSource, string>> = {
  'zh-CN': {
    walk_in: '来访',
    application: '当事人申请',
    mediator_initiated: '主动调解',
    hotline_12345: '12345 热线转办',
    court_entrusted: '法院诉前委派',
    police: '公安移送',
    petition: '信访移送',
    procuratorate: '检察院移送',
    referral: '其他机构转介',
    other: '其他部门移送',
  },
  'en-US': {
    walk_in: 'Walk-in',
    application: "On a party's application",
    mediator_initiated: 'Mediator-initiated',
    hotline_12345: '12345 hotline referral',
    court_entrusted: 'Court-entrusted (pre-litigation)',
    police: 'Referred by the police',
    petition: 'Referred by the petitions office',
    procuratorate: 'Referred by the procuratorate',
    referral: 'Referred by another institution',
    other: 'Referred by another department',
  },
};

export const roleLabels: Record<Language, Record<Role, string>> = {
  'zh-CN': { admin: '管理员', mediator: '人民调解员', lawyer: '律师', clerk: '法院书记员', director: '主任' },
  'en-US': { admin: 'Administrator', mediator: 'Mediator', lawyer: 'Lawyer', clerk: 'Court clerk', director: 'Director' },
};

export const idTypeLabels: Record<Language, Record<IdType, string>> = {
  'zh-CN': {
    resident_id: '居民身份证',
    passport: '护照',
    hk_macao_permit: '港澳居民来往内地通行证',
    taiwan_permit: '台湾居民来往大陆通行证',
    foreign_permanent: '外国人永久居留身份证',
    other: '其他证件',
  },
  'en-US': {
    resident_id: 'Resident ID card',
    passport: 'Passport',
    hk_macao_permit: 'Mainland travel permit (Hong Kong/Macao)',
    taiwan_permit: 'Mainland travel permit (Taiwan)',
    foreign_permanent: 'Foreign permanent resident ID',
    other: 'Other document',
  },
};

export const sideLabels: Record<Language, Record<PartySide, string>> = {
  'zh-CN': { applicant: '申请人', respondent: '被申请人', third_party: '第三人' },
  'en-US': { applicant: 'Applicant', respondent: 'Respondent', third_party: 'Third party' },
};

function isStatus(x: string | number | undefined): x is CaseStatus {
  return typeof x === 'string' && (CASE_STATUSES as readonly string[]).includes(x);
}

/** Parameters with status codes (lifecycle.illegal's from/to) replaced by their labels. */
export function localizeErrorParams(lang: Language, params: ErrorParams | undefined): ErrorParams {
  const out: ErrorParams = { ...params };
  for (const key of ['from', 'to'] as const) {
    const v = out[key];
    if (isStatus(v)) out[key] = statusLabels[lang][v];
  }
  return out;
}

/** The finished sentence for an error, for callers that do not go through i18next. */
export function formatValidationMessage(lang: Language, e: { code: ErrorCode; params?: ErrorParams }): string {
  const params = localizeErrorParams(lang, e.params);
  return validationMessages[lang][e.code].replace(/\{\{\s*([\w.]+)\s*\}\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
