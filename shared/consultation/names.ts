// The names of the register's coded values in both languages, in one place for the desk's screens,
// the opinion PDF and the audit log alike.
import type { LocalizedText } from '../domain/categories';
import type { ConsultationChannel, ConsultationOutcome, RetentionAction } from './model';

const t = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, 'en-US': en });

export const CHANNEL_NAMES: Readonly<Record<ConsultationChannel, LocalizedText>> = {
  walk_in: t('来访', 'Walk-in'),
  hotline: t('12348 热线', '12348 hotline'),
  online: t('网上留言', 'Online message'),
  appointment: t('预约', 'Appointment'),
};

export const OUTCOME_NAMES: Readonly<Record<ConsultationOutcome, LocalizedText>> = {
  answered: t('已解答', 'Answered'),
  referred_mediation: t('引导至人民调解', 'Referred to mediation'),
  referred_legal_aid: t('引导申请法律援助', 'Referred to legal aid'),
  referred_arbitration: t('引导申请仲裁', 'Referred to arbitration'),
  referred_court: t('引导向法院起诉', 'Referred to a court'),
  referred_agency: t('引导至其他部门', 'Referred to another agency'),
};

export const RETENTION_ACTION_NAMES: Readonly<Record<RetentionAction, LocalizedText>> = {
  anonymise: t('匿名化（保留统计信息）', 'Anonymise (keep what the statistics count)'),
  remove: t('删除', 'Remove'),
};
