/**
 * Report section: loyalty indices with their intervals, and the NPS distribution.
 * @internal
 */
import { at, get, LEVEL, name, num, type Ref, table } from './markup.js';
import type { ReportSection, SectionContext } from './section.js';

const INTERVAL_NAMES: Readonly<Record<string, string>> = {
  'adjusted-wald': 'adjusted Wald (Rocks)',
  wald: 'Wald',
  wilson: 'Wilson',
  t: 't',
};

function intervalName(method: unknown, weighted: unknown): string {
  const text = INTERVAL_NAMES[String(method)] ?? String(method);
  return weighted === true ? `${text}, weighted` : text;
}

/** `(95% CI a to b)` of a result with `confidenceLevel` and `confidenceInterval`. */
function intervalText(r: Ref, format: Parameters<typeof num>[2] = {}): string {
  return `(${num(r, 'confidenceLevel', LEVEL)} CI ${num(r, ['confidenceInterval', 0], format)} to ${num(r, ['confidenceInterval', 1], format)})`;
}

/** The indices section, or undefined when the model asks for no index. */
export function indicesSection(ctx: SectionContext): ReportSection | undefined {
  const indices = ctx.analysis.indices;
  const i = at(ctx.root, 'indices');
  const rows: string[][] = [];
  const estimateRow = (label: string, r: Ref, estimate: string, unit: string, format: Parameters<typeof num>[2], extra = ''): void => {
    rows.push([
      label, num(r, estimate, format), num(r, ['confidenceInterval', 0], format), num(r, ['confidenceInterval', 1], format),
      num(r, 'standardError', { ...format, digits: (format?.digits ?? 2) + 1 }), num(r, 'n', { digits: 0, grouped: true }), `${unit}; ${intervalName(get(r, 'intervalMethod'), get(r, 'weighted'))}${extra}`,
    ]);
  };
  if (indices.nps) estimateRow('NPS', at(i, 'nps'), 'estimate', 'points', { digits: 1 });
  if (indices.npsWeighted) estimateRow('NPS (weighted)', at(i, 'npsWeighted'), 'estimate', 'points', { digits: 1 });
  if (indices.csat) estimateRow('CSAT', at(i, 'csat'), 'estimate', '% satisfied', { digits: 1 });
  if (indices.customerLoyaltyIndex) {
    const convention = indices.customerLoyaltyIndex.convention;
    estimateRow('Customer Loyalty Index', at(i, 'customerLoyaltyIndex'), 'estimate', convention === 'net' ? 'mean of net scores, points' : 'mean of the item means, rescaled so the scale runs from zero to a hundred', { digits: 1 });
  }
  if (indices.retention) {
    const r = at(i, 'retention');
    estimateRow('Retention rate', r, 'estimate', 'share retained', { percent: true, digits: 1 });
    rows.push([
      'Churn rate', num(r, 'estimate', { percent: true, digits: 1, complement: true }),
      num(r, ['confidenceInterval', 1], { percent: true, digits: 1, complement: true }), num(r, ['confidenceInterval', 0], { percent: true, digits: 1, complement: true }),
      num(r, 'standardError', { percent: true, digits: 2 }), num(r, 'n', { digits: 0, grouped: true }), 'one minus the retention rate',
    ]);
  }
  if (rows.length === 0) return undefined;

  const parts: string[] = [];
  let body = '';
  if (indices.nps) {
    const r = at(i, 'nps');
    const weighted = indices.npsWeighted ? `; weighted, ${num(at(i, 'npsWeighted'), 'estimate', { digits: 1 })} ${intervalText(at(i, 'npsWeighted'), { digits: 1 })}` : '';
    parts.push(`NPS is ${num(r, 'estimate', { digits: 1 })} ${intervalText(r, { digits: 1 })}, with ${num(r, 'promoterShare', { percent: true, digits: 1 })} promoters and ${num(r, 'detractorShare', { percent: true, digits: 1 })} detractors${weighted}`);
    const o = at(r, 'options');
    body += table(
      `NPS categories of ${name(ctx.analysis.model.recommend?.column)} (n = ${num(r, 'n', { digits: 0, grouped: true })}, unweighted)`,
      [{ label: 'Category' }, { label: 'Scores' }, { label: 'Respondents', numeric: true }, { label: 'Share', numeric: true }],
      [
        ['Promoters', `${num(o, 'promoterMin', { exact: true })} and above`, num(r, 'promoters', { digits: 0, grouped: true }), num(r, 'promoterShare', { percent: true, digits: 1 })],
        ['Passives', `above ${num(o, 'detractorMax', { exact: true })}, below ${num(o, 'promoterMin', { exact: true })}`, num(r, 'passives', { digits: 0, grouped: true }), num(r, 'passiveShare', { percent: true, digits: 1 })],
        ['Detractors', `${num(o, 'detractorMax', { exact: true })} and below`, num(r, 'detractors', { digits: 0, grouped: true }), num(r, 'detractorShare', { percent: true, digits: 1 })],
      ],
    );
  }
  if (indices.csat) {
    const r = at(i, 'csat');
    parts.push(`CSAT is ${num(r, 'estimate', { digits: 1 })}% satisfied ${intervalText(r, { digits: 1 })}`);
  } else if (indices.customerLoyaltyIndex) {
    const r = at(i, 'customerLoyaltyIndex');
    parts.push(`the Customer Loyalty Index is ${num(r, 'estimate', { digits: 1 })} ${intervalText(r, { digits: 1 })}`);
  }
  if (parts.length === 0 && indices.retention) {
    const r = at(i, 'retention');
    parts.push(`${num(r, 'estimate', { percent: true, digits: 1 })} of customers were retained ${intervalText(r, { percent: true, digits: 1 })}`);
  }
  const reading = `${parts.join('; ').replace(/^the /, 'The ')}.`;
  const indexTable = table(
    'Loyalty indices',
    [{ label: 'Index' }, { label: 'Estimate', numeric: true }, { label: 'Lower', numeric: true }, { label: 'Upper', numeric: true }, { label: 'Standard error', numeric: true }, { label: 'n', numeric: true }, { label: 'Unit; interval' }],
    rows,
    'Lower and upper are the bounds of each index\'s confidence interval; the standard error is in the unit of the estimate.',
  );
  return { id: 'indices', title: 'Loyalty indices', reading, body: `${indexTable}\n${ctx.figure('nps')}\n${body}` };
}
