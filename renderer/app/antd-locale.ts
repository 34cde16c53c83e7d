// antd's and dayjs's locale follow the interface language (date pickers, pagination, empty states).
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import type { Locale } from 'antd/es/locale';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import type { Language } from '../../shared/domain/model';

const antdLocales: Record<Language, Locale> = { 'zh-CN': zhCN, 'en-US': enUS };
const dayjsLocales: Record<Language, string> = { 'zh-CN': 'zh-cn', 'en-US': 'en' };

export function antdLocale(language: Language): Locale {
  return antdLocales[language];
}

export function applyDayjsLocale(language: Language): void {
  dayjs.locale(dayjsLocales[language]);
}
