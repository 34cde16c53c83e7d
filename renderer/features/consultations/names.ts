// The register's coded values in the user's language, from shared/consultation's names.
import { useMemo } from 'react';
import { CHANNEL_NAMES, OUTCOME_NAMES, RETENTION_ACTION_NAMES } from '../../../shared/consultation/names';
import { CONSULTATION_CHANNELS, CONSULTATION_OUTCOMES, type ConsultationChannel, type ConsultationOutcome, type RetentionAction } from '../../../shared/consultation/model';
import { STATUTES, statuteTitle, type StatuteId } from '../../../shared/consultation/statutes';
import { CONSULTATION_TOPICS, isDisputeTopic, topicName, type ConsultationTopic } from '../../../shared/consultation/topics';
import { useLang } from '../../kit/useLang';

export function useNames() {
  const language = useLang();
  return useMemo(
    () => ({
      language,
      topic: (t: ConsultationTopic) => topicName(t)[language],
      channel: (c: ConsultationChannel) => CHANNEL_NAMES[c][language],
      outcome: (o: ConsultationOutcome) => OUTCOME_NAMES[o][language],
      statute: (s: StatuteId) => statuteTitle(s)[language],
      retentionAction: (a: RetentionAction) => RETENTION_ACTION_NAMES[a][language],
      channelOptions: CONSULTATION_CHANNELS.map((c) => ({ value: c, label: CHANNEL_NAMES[c][language] })),
      outcomeOptions: CONSULTATION_OUTCOMES.map((o) => ({ value: o, label: OUTCOME_NAMES[o][language] })),
      statuteOptions: STATUTES.map((s) => ({ value: s.id, label: s.title[language] })),
      topicGroups: (disputes: string, other: string) => [
        { label: disputes, options: CONSULTATION_TOPICS.filter(isDisputeTopic).map((t) => ({ value: t, label: topicName(t)[language] })) },
        { label: other, options: CONSULTATION_TOPICS.filter((t) => !isDisputeTopic(t)).map((t) => ({ value: t, label: topicName(t)[language] })) },
      ],
    }),
    [language],
  );
}
