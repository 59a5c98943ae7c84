import { z } from 'zod';

import { LOCALE_COOKIE, LOCALES } from '@/lib/i18n/locales';
import { crossSiteProblem } from '@/lib/server/http/origin';
import { readJsonBody } from '@/lib/server/http/json-body';
import { jsonError } from '@/lib/server/http/responses';

export const dynamic = 'force-dynamic';

const LocaleBody = z.object({ locale: z.enum(LOCALES) });

/** A year: the choice outlives the session, like the theme's. */
const ONE_YEAR_S = 365 * 24 * 60 * 60;

/** `POST /api/locale` `{locale: "en" | "ja"}`: remembers the interface language in a cookie. */
export async function POST(request: Request): Promise<Response> {
  const problem = crossSiteProblem(request);
  if (problem !== null) return jsonError(400, 'invalid', problem);
  const body = await readJsonBody(request, LocaleBody);
  if (!body.ok) return jsonError(400, 'invalid', body.message);
  const { locale } = body.value;
  const cookie = `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=${ONE_YEAR_S}; SameSite=Lax`;
  return Response.json(
    { locale },
    { headers: { 'Set-Cookie': cookie, 'Cache-Control': 'no-store' } },
  );
}
