/**
 * Report section: what-if effects of raising each driver, on the outcome and on NPS.
 * @internal
 */
import { at, LEVEL, name, num, type Ref, table } from './markup.js';
import { whatIfRows } from '../importance/whatIfRows.js';
import { reportRows } from './resultCells.js';
import type { ReportSection, SectionContext } from './section.js';
import type { OutcomeAnalysis } from '../analysis/analyze.js';

function intervalOf(r: Ref, keys: readonly (string | number)[], digits: number): string {
  return `${num(r, [...keys, 0], { digits })} to ${num(r, [...keys, 1], { digits })}`;
}

function reading(o: OutcomeAnalysis, r: Ref): string {
  const effects = o.whatIf!;
  const k = effects.reduce((best, e, j) => (e.outcomeChange.estimate > effects[best]!.outcomeChange.estimate ? j : best), 0);
  const e = effects[k]!;
  const w = at(r, 'whatIf', k);
  const nps = e.nps
    ? `, taking NPS from ${num(w, ['nps', 'baseline', 'estimate'], { digits: 1 })} to ${num(w, ['nps', 'predicted', 'estimate'], { digits: 1 })} on the ${num(w, 'n', { digits: 0, grouped: true })} complete cases of the model`
    : '';
  return `Raising ${name(e.driver)} by ${num(w, 'delta', { exact: true })} point${e.delta === 1 ? '' : 's'} would add the most to ${name(e.outcome)}: ${num(w, ['outcomeChange', 'estimate'], { digits: 2, signed: true })} (${num(w, 'confidenceLevel', LEVEL)} CI ${intervalOf(w, ['outcomeChange', 'confidenceInterval'], 2)})${nps}.`;
}

function effectsTable(o: OutcomeAnalysis, r: Ref): string {
  const effects = o.whatIf!;
  const withNps = effects.some((e) => e.nps !== null);
  const t = reportRows(whatIfRows(effects), at(r, 'whatIf'), [
    { id: 'driver', format: 'name' },
    { id: 'change', format: { digits: 3, signed: true }, html: `Change in ${name(o.outcome)}` },
    { id: 'lower', format: { digits: 3 } },
    { id: 'upper', format: { digits: 3 } },
    { id: 'meanNow', format: { digits: 2 } },
    { id: 'meanPredicted', format: { digits: 2 } },
    ...(withNps
      ? ([
          { id: 'npsNow', format: { digits: 1 } },
          { id: 'npsPredicted', format: { digits: 1 } },
          { id: 'npsChange', format: { digits: 1, signed: true } },
          { id: 'npsPredictedLower', format: { digits: 1 } },
          { id: 'npsPredictedUpper', format: { digits: 1 } },
        ] as const)
      : []),
  ]);
  const first = at(r, 'whatIf', 0);
  return table(
    `What if one driver rises by ${num(first, 'delta', { exact: true })} point${effects[0]!.delta === 1 ? '' : 's'}: predicted ${name(o.outcome)}${withNps ? ' and NPS' : ''} (${num(first, 'confidenceLevel', LEVEL)} intervals)`,
    t.columns,
    t.rows,
    `${withNps ? `NPS now and predicted are on the ${num(first, 'n', { digits: 0, grouped: true })} complete cases of the model (every column of the regression present), not on every answer as the headline NPS is. ` : ''}The change is the driver's regression coefficient times the rise, with the coefficient's interval; the predicted NPS shifts every respondent's score by that change (split between the neighbouring whole scores), and its bounds repeat this at the ends of the coefficient's interval. These are predictions from the regression on survey data, not measured effects of an intervention.`,
  );
}

/** The what-if section, or undefined when no outcome has what-if effects. */
export function whatIfSection(ctx: SectionContext): ReportSection | undefined {
  const outcomes = ctx.analysis.outcomes
    .map((o, k) => ({ o, r: at(ctx.root, 'outcomes', k) }))
    .filter(({ o }) => o.whatIf !== undefined && o.whatIf.length > 0);
  if (outcomes.length === 0) return undefined;
  const several = outcomes.length > 1;
  const body = outcomes
    .map(({ o, r }) => `${several ? `<h3>${name(o.outcome)}</h3>\n<p>${reading(o, r)}</p>\n` : ''}${effectsTable(o, r)}`)
    .join('\n');
  return { id: 'what-if', title: 'What if a driver improves', reading: reading(outcomes[0]!.o, outcomes[0]!.r), body };
}
