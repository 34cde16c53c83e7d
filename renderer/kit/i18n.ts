// Texts of the cross-feature pieces in renderer/kit (namespace `kit`, registered in app/i18n.ts).
import type { NamespaceResources } from '../app/i18n';

export const KIT_NS = 'kit';

export const resources = {
  'zh-CN': {
    refusal: {
      goTo: '转到',
      goToTarget: '“{{field}}”',
      item: '{{field}}：{{text}}',
    },
  },
  'en-US': {
    refusal: {
      goTo: 'Go to',
      goToTarget: ' “{{field}}”',
      item: '{{field}}: {{text}}',
    },
  },
} satisfies NamespaceResources;
