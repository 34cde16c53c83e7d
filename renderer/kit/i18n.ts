// Texts of the cross-feature pieces in renderer/kit (namespace `kit`, registered by the app's i18n).
import type { NamespaceResources } from './texts';

export const KIT_NS = 'kit';

export const resources = {
  'zh-CN': {
    refusal: {
      goTo: '转到',
      goToTarget: '“{{field}}”',
      item: '{{field}}：{{text}}',
    },
    categoryFields: { yes: '是', no: '否' },
  },
  'en-US': {
    refusal: {
      goTo: 'Go to',
      goToTarget: ' “{{field}}”',
      item: '{{field}}: {{text}}',
    },
    categoryFields: { yes: 'Yes', no: 'No' },
  },
} satisfies NamespaceResources;
