// The statutes a legal-service desk cites, titles only (domain.md "Statutes a legal-service desk
// cites"). The lawyer chooses a title and types the article number; the app ships no statute text
// and invents no article. Ids are stored in records: never rename one, add a new id instead.
import type { LocalizedText } from '../domain/categories';

interface Statute {
  id: string;
  title: LocalizedText;
}

const s = (id: string, zh: string, en: string): Statute => ({ id, title: { 'zh-CN': zh, 'en-US': en } });

export const STATUTES = [
  s('civil_code', '中华人民共和国民法典', 'Civil Code of the PRC'),
  s('people_mediation', '人民调解法', 'People’s Mediation Law'),
  s('civil_procedure', '民事诉讼法', 'Civil Procedure Law'),
  s('legal_aid', '法律援助法', 'Legal Aid Law'),
  s('labour', '劳动法', 'Labour Law'),
  s('labour_contract', '劳动合同法', 'Labour Contract Law'),
  s('labour_dispute', '劳动争议调解仲裁法', 'Labour Dispute Mediation and Arbitration Law'),
  s('social_insurance', '社会保险法', 'Social Insurance Law'),
  s('work_injury', '工伤保险条例', 'Regulation on Work-Related Injury Insurance'),
  s('migrant_wages', '保障农民工工资支付条例', 'Regulation on Ensuring Payment of Wages to Migrant Workers'),
  s('consumer_rights', '消费者权益保护法', 'Consumer Rights Protection Law'),
  s('product_quality', '产品质量法', 'Product Quality Law'),
  s('e_commerce', '电子商务法', 'E-Commerce Law'),
  s('road_traffic', '道路交通安全法', 'Road Traffic Safety Law'),
  s('rural_land_contract', '农村土地承包法', 'Rural Land Contracting Law'),
  s('land_administration', '土地管理法', 'Land Administration Law'),
  s('property_management', '物业管理条例', 'Regulation on Property Management'),
  s('medical_disputes', '医疗纠纷预防和处理条例', 'Regulation on the Prevention and Handling of Medical Disputes'),
  s('women_rights', '妇女权益保障法', 'Law on the Protection of Women’s Rights and Interests'),
  s('minors', '未成年人保护法', 'Law on the Protection of Minors'),
  s('elderly', '老年人权益保障法', 'Law on the Protection of the Rights and Interests of the Elderly'),
  s('domestic_violence', '反家庭暴力法', 'Anti-Domestic Violence Law'),
  s('personal_information', '个人信息保护法', 'Personal Information Protection Law'),
  s('public_security_penalties', '治安管理处罚法', 'Public Security Administration Punishments Law'),
  s('criminal', '刑法', 'Criminal Law'),
  s('administrative_review', '行政复议法', 'Administrative Review Law'),
  s('administrative_litigation', '行政诉讼法', 'Administrative Litigation Law'),
  s('arbitration', '仲裁法', 'Arbitration Law'),
  s('notarisation', '公证法', 'Notarisation Law'),
] as const satisfies readonly Statute[];

export type StatuteId = (typeof STATUTES)[number]['id'];
export const STATUTE_IDS = STATUTES.map((x) => x.id) as [StatuteId, ...StatuteId[]];

export function statuteTitle(id: StatuteId): LocalizedText {
  return STATUTES.find((x) => x.id === id)!.title;
}

/**
 * An article reference as a lawyer types it: Arabic or Chinese numerals with the usual 第…条, 款,
 * 项 and 之 (第1079条, 第一千零七十九条第二款, 26, 第二十六条之一). Nothing is looked up: the
 * app knows titles only.
 */
export const ARTICLE_PATTERN = /^第?[0-9零〇一二三四五六七八九十百千]+条?(?:之[0-9一二三四五六七八九十]+)?(?:第[0-9一二三四五六七八九十]+款)?(?:第[0-9一二三四五六七八九十]+项)?$/u;
export const ARTICLE_MAX = 40;
