// What a person asks a legal-service desk about (issue 18 item 1): the 24 dispute categories of
// domain.md, by their codes, and the legal topics a hall hears that are not disputes. The dispute
// codes are the case categories' own, so a consultation referred to mediation keeps its category.
import { CATEGORIES, CATEGORY_CODES, type CategoryCode, type LocalizedText } from '../domain/categories';

/** Topics that are not disputes between private parties; codes are stored, never renamed. */
export const NON_DISPUTE_TOPICS = ['CRIMINAL', 'ADMINISTRATIVE', 'NOTARISATION', 'LEGAL_AID', 'SOCIAL_INSURANCE', 'GENERAL'] as const;
export type NonDisputeTopic = (typeof NON_DISPUTE_TOPICS)[number];

export const CONSULTATION_TOPICS = [...CATEGORY_CODES, ...NON_DISPUTE_TOPICS] as const;
export type ConsultationTopic = CategoryCode | NonDisputeTopic;

const NON_DISPUTE_NAMES: Record<NonDisputeTopic, LocalizedText> = {
  CRIMINAL: { 'zh-CN': '刑事法律问题', 'en-US': 'Criminal law' },
  ADMINISTRATIVE: { 'zh-CN': '行政法律问题（复议、诉讼）', 'en-US': 'Administrative law (review, litigation)' },
  NOTARISATION: { 'zh-CN': '公证事项', 'en-US': 'Notarisation' },
  LEGAL_AID: { 'zh-CN': '法律援助申请条件', 'en-US': 'Legal aid eligibility' },
  SOCIAL_INSURANCE: { 'zh-CN': '社会保险与工伤认定', 'en-US': 'Social insurance and work injury' },
  GENERAL: { 'zh-CN': '其他法律问题', 'en-US': 'Other legal questions' },
};

export function isConsultationTopic(value: string): value is ConsultationTopic {
  return (CONSULTATION_TOPICS as readonly string[]).includes(value);
}

/** Whether a topic is one of the 24 dispute categories (a dispute a mediation institution can take). */
export function isDisputeTopic(topic: ConsultationTopic): topic is CategoryCode {
  return (CATEGORY_CODES as readonly string[]).includes(topic);
}

/** A topic's name in both languages: a dispute category's own name, or the non-dispute topic's. */
export function topicName(topic: ConsultationTopic): LocalizedText {
  if (isDisputeTopic(topic)) return CATEGORIES.find((c) => c.code === topic)!.name;
  return NON_DISPUTE_NAMES[topic];
}
