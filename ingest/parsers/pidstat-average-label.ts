/**
 * Recognises pidstat's "Average:" label, which is translated (gettext) in the LC_MESSAGES locale. Known
 * translations come from sysstat 12.6's message catalogs (/usr/share/locale/LANG/LC_MESSAGES/sysstat.mo);
 * an unknown translation is still recognised by its shape: words without digits ending with a colon
 * (every catalog's translation ends with `:` or the full-width `：`).
 */
import { isMeridiem } from './pidstat-time.ts';

/** msgstr of "Average:" in sysstat 12.6's catalogs (fr uses U+202F NARROW NO-BREAK SPACE before the colon). */
export const AVERAGE_LABELS: readonly string[] = [
  'Average:', 'Gemideld:', 'Průměr:', 'Middel:', 'Durchschn.:', 'Meznombro:', 'Media:', 'Batezbestekoa:',
  'Keskiarvo:', 'Moyenne\u202f:', 'Medie:', 'Prosjek:', 'Átlag:', 'Rata-rata:', '平均値:', '평균값:', 'Орточо:',
  'Vidēji:', 'Medja:', 'Gj.snitt:', 'Gemiddeld:', 'Średnia:', 'Média:', 'Среднее:', 'Priemer:', 'Просек:',
  'Genomsnitt:', 'Ortalama:', 'Середнє:', 'Trung bình:', '平均时间:', '平均時間：',
];

/** The most tokens a label may span (`Moyenne :` when the U+202F was turned into a space, `Trung bình:`). */
const MAX_LABEL_TOKENS = 3;

/**
 * How many leading tokens form an average label, or 0 when the row does not start with one.
 *
 * @example
 * averageLabelLength(['Average:', '0', '9073']) // 1
 * averageLabelLength(['Moyenne', ':', '0', '9073']) // 2
 * averageLabelLength(['12:53:20', '0', '9073']) // 0
 * averageLabelLength(['PM', '07:25:48', '0']) // 0
 */
export function averageLabelLength(tokens: readonly string[], count = tokens.length): number {
  const first = tokens[0];
  const c = first.charCodeAt(0);
  if (c >= 48 && c <= 57) return 0; // times and epochs start with a digit
  if (isMeridiem(first)) return 0;
  for (let i = 0; i < Math.min(count, MAX_LABEL_TOKENS); i++) {
    const t = tokens[i];
    if (/\d/.test(t)) return 0;
    if (t.endsWith(':') || t.endsWith('：')) return i + 1;
  }
  return 0;
}
