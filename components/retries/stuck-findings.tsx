import { useTranslations } from 'next-intl';

import { diagnosisText, remedyWords } from '@/lib/client/stuck-words';
import type { Diagnosis, Remedy } from '@/lib/domain/retries';

import { useStuckSay } from './use-stuck-say';

/** The remedy's detail, without a repeat of its title when the detail starts with it. */
function detailOf({ title, detail }: { title: string; detail: string }): string {
  if (!detail.startsWith(title)) return detail;
  const rest = detail.slice(title.length).replace(/^[\s:.,;—-]+/, '');
  return rest === '' ? detail : rest.charAt(0).toUpperCase() + rest.slice(1);
}

function RemedyItem({ words }: { words: { title: string; detail: string } }) {
  return (
    <li>
      <span className="font-semibold">{words.title}</span>
      <span className="text-zinc-700 dark:text-zinc-300">: {detailOf(words)}</span>
    </li>
  );
}

/**
 * Why something is stuck and what to do: the diagnoses in the monitor's words, then the
 * remedies, each with its consequence. Lists named "Diagnoses" and "Remedies".
 */
export function StuckFindings({
  diagnoses,
  remedies,
}: {
  diagnoses: readonly Diagnosis[];
  remedies: readonly Remedy[];
}) {
  const t = useTranslations('Retries');
  const say = useStuckSay();
  return (
    <div className="space-y-1.5 text-xs">
      {diagnoses.length === 0 ? (
        <p className="text-zinc-600 dark:text-zinc-400">{t('noDiagnosis')}</p>
      ) : (
        <ul aria-label={t('diagnoses')} className="list-disc space-y-0.5 pl-4">
          {diagnoses.map((d, i) => (
            <li key={`${d.code}-${i}`}>{diagnosisText(d, say)}</li>
          ))}
        </ul>
      )}
      {remedies.length === 0 ? null : (
        <ul aria-label={t('remedies')} className="space-y-0.5">
          {remedies.map((r) => (
            <RemedyItem key={`${r.code}-${r.title}`} words={remedyWords(r, say)} />
          ))}
        </ul>
      )}
    </div>
  );
}
