import { describe, expect, it } from 'vitest';
import {
  INSTITUTION_KINDS,
  INSTITUTION_KIND_PROFILES,
  institutionKindOf,
  kindProfileOf,
  rolesOffered,
} from '../../../shared/domain/institution-kinds';
import { institutionSchema, ROLES } from '../../../shared/domain/model';
import { roleLabels } from '../../../shared/domain/messages';

const row = {
  id: 'institution',
  name: '芜湖市镜湖区人民调解委员会',
  creditCode: '91340200MA2N0XXXX0',
  address: '安徽省芜湖市镜湖区北京中路 1 号',
  court: { name: '芜湖市镜湖区人民法院', code: '皖0202', intakeUrl: '' },
  caseNumberPrefix: '芜解',
  caseNumberPattern: '（{year}）{prefix}字第{seq:5}号',
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  version: 1,
};

describe('institution kinds', () => {
  it('defines the four kinds, one court among them', () => {
    expect(INSTITUTION_KINDS).toEqual(['mediation', 'legal_service', 'court', 'justice_bureau']);
    expect(INSTITUTION_KINDS.filter((k) => INSTITUTION_KIND_PROFILES[k].receivesPackages)).toEqual(['court']);
    expect(INSTITUTION_KINDS.filter((k) => INSTITUTION_KIND_PROFILES[k].mediatesCases)).toEqual(['mediation', 'legal_service', 'justice_bureau']);
  });

  it('asks a court for no court of its own and issues no mediator certificates there', () => {
    expect(INSTITUTION_KIND_PROFILES.court.hasConfirmingCourt).toBe(false);
    expect(INSTITUTION_KIND_PROFILES.court.issuesMediatorCertificates).toBe(false);
    expect(INSTITUTION_KIND_PROFILES.mediation.hasConfirmingCourt).toBe(true);
  });

  it('offers a court clerks and a center mediators and lawyers, both an administrator and a director', () => {
    expect(rolesOffered('court')).toEqual(['admin', 'director', 'clerk']);
    expect(rolesOffered('mediation')).toEqual(['admin', 'director', 'mediator', 'lawyer']);
    // An account made before kinds existed keeps its role on offer while it has it.
    expect(rolesOffered('mediation', 'clerk')).toEqual(['admin', 'director', 'mediator', 'lawyer', 'clerk']);
    for (const kind of INSTITUTION_KINDS) for (const role of rolesOffered(kind)) expect(ROLES).toContain(role);
  });

  it('reads a row written before kinds existed as a mediation institution, and keeps it as it was', () => {
    const parsed = institutionSchema.parse(row);
    expect(parsed).toEqual(row);
    expect(institutionKindOf(parsed)).toBe('mediation');
    expect(kindProfileOf(parsed).mediatesCases).toBe(true);
    expect(institutionKindOf(institutionSchema.parse({ ...row, kind: 'court' }))).toBe('court');
    expect(institutionSchema.safeParse({ ...row, kind: 'ministry' }).success).toBe(false);
  });

  it('names the director 主任', () => {
    expect(roleLabels['zh-CN'].director).toBe('主任');
    expect(roleLabels['en-US'].director).toBe('Director');
  });
});
