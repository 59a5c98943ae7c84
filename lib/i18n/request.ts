import { cookies, headers } from 'next/headers';
import type { Messages } from 'next-intl';
import { getRequestConfig } from 'next-intl/server';

import { chooseLocale, LOCALE_COOKIE } from './locales';

/**
 * next-intl's per-request configuration, without locale-prefixed routes (URLs stay
 * `/clusters/{c}/{view}`): the `NEXT_LOCALE` cookie when the operator chose a language, else
 * the browser's `Accept-Language`. Messages are bundled; nothing is fetched.
 */
export default getRequestConfig(async () => {
  const locale = chooseLocale(
    (await cookies()).get(LOCALE_COOKIE)?.value,
    (await headers()).get('accept-language'),
  );
  const messages = (await import(`../../messages/${locale}.json`)) as { default: Messages };
  return { locale, messages: messages.default };
});
