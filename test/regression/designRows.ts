/**
 * Rows of the design-based regression tests (test/fixtures/r/svyglm.R): R survey's apistrat and
 * apiclus1 with `sch_wide` coded 1 for "Yes", and loyalty-survey.csv joined row by row with
 * survey-design.csv (same respondent order, checked).
 */
import { loadCsv, loadJson } from '../helpers/fixtures.js';

type Rows = Record<string, string | number | null>[];

function api(name: string): Rows {
  return loadCsv(name).map((r) => ({ ...r, sch_wide: r['sch.wide'] === 'Yes' ? 1 : 0 }));
}

export const apistrat = (): Rows => api('survey-apistrat.csv');
export const apiclus1 = (): Rows => api('survey-apiclus1.csv');

export function loyaltyDesignRows(): Rows {
  const survey = loadCsv('loyalty-survey.csv');
  const design = loadCsv('survey-design.csv');
  return survey.map((r, i) => {
    if (design[i]!['respondent_id'] !== r['respondent_id']) throw new Error(`row ${i}: respondent ids differ`);
    return { ...r, ...design[i] };
  });
}

export const svyglmReference = loadJson('r/svyglm.json');
