/**
 * The survey model of the shared reference (loyalty-survey.json note): complete cases on the 12
 * driver items, each driver score the mean of its 3 items (n = 1596).
 */
import { loadCsv, loadJson } from '../helpers/fixtures.js';

export const DRIVERS = ['satisfaction', 'image', 'trust', 'engagement'] as const;
const ITEMS = { satisfaction: 'sat', image: 'img', trust: 'tru', engagement: 'eng' } as const;

export function surveyRows(): Record<string, number | string | null>[] {
  const raw = loadCsv('loyalty-survey.csv');
  const items = DRIVERS.flatMap((d) => [1, 2, 3].map((i) => `${ITEMS[d]}${i}`));
  return raw
    .filter((r) => items.every((k) => r[k] !== null))
    .map((r) => {
      const out: Record<string, number | string | null> = { ...r };
      for (const d of DRIVERS) out[d] = ((r[`${ITEMS[d]}1`] as number) + (r[`${ITEMS[d]}2`] as number) + (r[`${ITEMS[d]}3`] as number)) / 3;
      return out;
    });
}

/** Shared reference (R lm, sandwich, glm) and this module's own R fixture (test/fixtures/r/regression.R). */
export const reference = loadJson('loyalty-survey.json');
export const rReference = loadJson('r/regression.json');
