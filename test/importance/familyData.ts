/**
 * Rows for the family importance tests, built as test/fixtures/r/familyImportance.R builds them:
 * complete cases on the 12 items of the bundled survey, each driver the mean of its 3 items, with
 * retained, recommend grouped 0-6 / 7-8 / 9-10 (1 / 2 / 3), weight, region, channel, tenure and
 * switching cost.
 */
import { loadCsv, loadJson } from '../helpers/fixtures.js';

export const DRIVERS = ['satisfaction', 'image', 'trust', 'engagement'] as const;
const STEMS = ['sat', 'img', 'tru', 'eng'] as const;

export type FamilyRow = Record<string, number | string | null>;

let cache: FamilyRow[] | undefined;

export function familyRows(): FamilyRow[] {
  if (cache) return cache;
  cache = loadCsv('loyalty-survey.csv')
    .filter((r) => STEMS.every((s) => [1, 2, 3].every((k) => r[`${s}${k}`] !== null)))
    .map((r) => {
      const out: FamilyRow = {
        retained: r.retained!,
        recommend: r.recommend!,
        rec3: r.recommend === null ? null : (r.recommend as number) <= 6 ? 1 : (r.recommend as number) <= 8 ? 2 : 3,
        weight: r.weight!,
        region: r.region!,
        channel: r.channel!,
        tenure: r.tenure_months!,
        switching: r.switching_cost!,
      };
      STEMS.forEach((s, i) => {
        out[DRIVERS[i]!] = ((r[`${s}1`] as number) + (r[`${s}2`] as number) + (r[`${s}3`] as number)) / 3;
      });
      return out;
    });
  return cache;
}

export const familyReference = (): any => loadJson('r/familyImportance.json');
