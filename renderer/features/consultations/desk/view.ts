// The desk list's filters live in the URL (bookmarkable, back-button friendly), as the case list's do.
import { CONSULTATION_CHANNELS, CONSULTATION_OUTCOMES } from '../../../../shared/consultation/model';
import { isConsultationTopic } from '../../../../shared/consultation/topics';
import type { ConsultationQuery } from '../query';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function queryFromParams(params: URLSearchParams): ConsultationQuery {
  const q: ConsultationQuery = {};
  const text = params.get('q')?.trim();
  if (text) q.text = text;
  const topic = params.get('topic');
  if (topic && isConsultationTopic(topic)) q.topic = topic;
  const outcome = params.get('outcome');
  if (outcome && (CONSULTATION_OUTCOMES as readonly string[]).includes(outcome)) q.outcome = outcome as ConsultationQuery['outcome'];
  const channel = params.get('channel');
  if (channel && (CONSULTATION_CHANNELS as readonly string[]).includes(channel)) q.channel = channel as ConsultationQuery['channel'];
  const from = params.get('from');
  if (from && DATE.test(from)) q.from = from;
  const to = params.get('to');
  if (to && DATE.test(to)) q.to = to;
  return q;
}

const PARAM: Record<keyof ConsultationQuery, string> = { text: 'q', topic: 'topic', outcome: 'outcome', channel: 'channel', from: 'from', to: 'to' };

export function paramsOf(q: ConsultationQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, name] of Object.entries(PARAM) as [keyof ConsultationQuery, string][]) {
    const value = q[key];
    if (value) params.set(name, value);
  }
  return params;
}

export function hasFilters(q: ConsultationQuery): boolean {
  return Object.values(q).some((v) => v !== undefined && v !== '');
}
