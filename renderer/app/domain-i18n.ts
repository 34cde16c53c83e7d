// The shared domain messages (shared/domain/messages.ts) as the i18next namespace `domain`:
// validation.<code> (field errors, with {{param}} placeholders), and the label tables role.<role>,
// status.<status>, source.<source>, idType.<type>, side.<side>, kind.<institution kind>.
import { idTypeLabels, roleLabels, sideLabels, sourceLabels, statusLabels, validationMessages } from '../../shared/domain/messages';
import type { Language } from '../../shared/domain/model';
import { institutionKindLabels } from '../../shared/domain/institution-kinds';
import type { NamespaceResources, Texts } from '../kit/texts';

function namespaceFor(language: Language): Texts {
  return {
    validation: validationMessages[language],
    role: roleLabels[language],
    status: statusLabels[language],
    source: sourceLabels[language],
    idType: idTypeLabels[language],
    side: sideLabels[language],
    kind: institutionKindLabels[language],
  };
}

export const domainResources: NamespaceResources = { 'zh-CN': namespaceFor('zh-CN'), 'en-US': namespaceFor('en-US') };
