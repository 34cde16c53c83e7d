// A referral as a legal-service hall sends it, and its parties as the intake form takes them.
import type { Referral } from '../../../shared/referral';

export const NOW = new Date('2026-11-20T02:00:00Z');
export const TODAY = '2026-11-20';

export const PARTIES = [
  { kind: 'natural', name: '王堃', idType: 'resident_id', idNumber: '340202199001011231', phone: '13800138000', address: '安徽省芜湖市镜湖区北京东路 8 号', side: 'applicant' },
  { kind: 'natural', name: '刘䶮', idType: 'resident_id', idNumber: '', phone: '13900139000', address: '', side: 'respondent' },
] as const;

export function referralOf(over: Partial<Referral> = {}): Referral {
  return {
    format: 'mw-referral/1',
    id: '0b6f1d8e-4a63-4c1e-9c55-2f1a3f6e7d01',
    kind: 'referral',
    sender: { name: '芜湖市镜湖区公共法律服务中心', creditCode: '', kind: 'legal_service' },
    receiver: { name: '芜湖市镜湖区人民调解委员会', creditCode: '' },
    category: 'NBR',
    categoryFields: { matter: 'drainage' },
    claims: '请求对方停止漏水并赔偿损失',
    amountYuan: '3000',
    facts: '楼上住户卫生间漏水，多次协商未果。',
    parties: PARTIES.map((p) => ({ ...p })),
    consent: { given: true, by: '王堃', method: 'written', at: NOW.toISOString(), recordedBy: '陈律师' },
    deadline: null,
    courtReference: '',
    consultationId: null,
    createdAt: NOW.toISOString(),
    createdBy: '陈律师',
    ...over,
  };
}
