// One button that switches between the two interface languages; its text is the target
// language in that language (中文 / English), as users look for their own language's name.
import { Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { otherLanguage } from '../kit/language';
import { useLanguage } from './useLanguage';

export function LanguageSwitch({ onChanged }: { onChanged?: (language: 'zh-CN' | 'en-US') => void }) {
  const { t } = useTranslation('app');
  const { language, setLanguage } = useLanguage();
  const target = otherLanguage(language);
  return (
    <Button
      icon={<GlobalOutlined aria-hidden />}
      title={t('header.switchLanguage')}
      lang={target}
      onClick={async () => {
        await setLanguage(target);
        onChanged?.(target);
      }}
    >
      {t(`languageName.${target}`)}
    </Button>
  );
}
