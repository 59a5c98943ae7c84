import type en from '../../messages/en.json';
import type { Locale } from './locales';

// Typed keys: `t('…')` with a key that en.json lacks fails `tsc`, and the locale is 'en' | 'ja'.
declare module 'next-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof en;
  }
}
