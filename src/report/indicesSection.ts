/**
 * Report section: loyalty indices with their intervals, and the NPS distribution.
 * @internal
 */
import { indexRows, intervalTitle, type IndexMeta } from '../indices/indexRows.js';
import { at, escapeHtml, LEVEL, name, num, type NumberFormat, type Ref, table } from './markup.js';
import { reportRows } from './resultCells.js';
import type { ReportSection, SectionContext } from './section.js';

/** `(95% CI a to b)` of a result with `confidenceLevel` and `confidenceInterval`. */
function intervalText(r: Ref, format: Parameters<typeof num>[2] = {}): string {
  return `(${num(r, 'confidenceLevel', LEVEL)} CI ${num(r, ['confidenceInterval', 0], format)} to ${num(r, ['confidenceInterval', 1], format)})`;
}

/** The indices section, or undefined when the model asks for no index. */
export function indicesSection(ctx: SectionContext): ReportSection | undefined {
  const indices = ctx.analysis.indices;
  const i = at(ctx.root, 'indices');
  const indexTable = indexRows(indices);
  const formatOf = (m: IndexMeta): NumberFormat =>
    m.key === 'retention' || m.key === 'churn' ? { percent: true, digits: 1 } : { digits: 1 };
  const cells = reportRows(indexTable, i, [
    { id: 'index', format: 'text' },
    { id: 'estimate', format: formatOf },
    { id: 'lower', format: formatOf },
    { id: 'upper', format: formatOf },
    { id: 'standardError', format: (m) => ({ ...formatOf(m), digits: 2 }) },
    { id: 'n', format: { digits: 0, grouped: true } },
    {
      id: 'unit',
      format: 'text',
      label: 'Unit; interval',
      render: (m) => escapeHtml(m.intervalMethod === null ? m.unitTitle : `${m.unitTitle}; ${intervalTitle(m.intervalMethod, m.weighted)}`),
    },
  ]);
  const rows = cells.rows;
  if (rows.length === 0) return undefined;

  const parts: string[] = [];
  let body = '';
  if (indices.nps) {
    const r = at(i, 'nps');
    const weighted = indices.npsWeighted
      ? `; weighted, ${num(at(i, 'npsWeighted'), 'estimate', { digits: 1 })} ${intervalText(at(i, 'npsWeighted'), { digits: 1 })}`
      : '';
    parts.push(
      `NPS is ${num(r, 'estimate', { digits: 1 })} ${intervalText(r, { digits: 1 })}, with ${num(r, 'promoterShare', { percent: true, digits: 1 })} promoters and ${num(r, 'detractorShare', { percent: true, digits: 1 })} detractors${weighted}`,
    );
    const o = at(r, 'options');
    body += table(
      `NPS categories of ${name(ctx.analysis.model.recommend?.column)} (n = ${num(r, 'n', { digits: 0, grouped: true })}, unweighted)`,
      [{ label: 'Category' }, { label: 'Scores' }, { label: 'Respondents', numeric: true }, { label: 'Share', numeric: true }],
      [
        [
          'Promoters',
          `${num(o, 'promoterMin', { exact: true })} and above`,
          num(r, 'promoters', { digits: 0, grouped: true }),
          num(r, 'promoterShare', { percent: true, digits: 1 }),
        ],
        [
          'Passives',
          `above ${num(o, 'detractorMax', { exact: true })}, below ${num(o, 'promoterMin', { exact: true })}`,
          num(r, 'passives', { digits: 0, grouped: true }),
          num(r, 'passiveShare', { percent: true, digits: 1 }),
        ],
        [
          'Detractors',
          `${num(o, 'detractorMax', { exact: true })} and below`,
          num(r, 'detractors', { digits: 0, grouped: true }),
          num(r, 'detractorShare', { percent: true, digits: 1 }),
        ],
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
    parts.push(
      `${num(r, 'estimate', { percent: true, digits: 1 })} of customers were retained ${intervalText(r, { percent: true, digits: 1 })}`,
    );
  }
  const reading = `${parts.join('; ').replace(/^the /, 'The ')}.`;
  const indicesHtml = table(
    'Loyalty indices',
    cells.columns,
    rows,
    "Lower and upper are the bounds of each index's confidence interval; the standard error is in the unit of the estimate.",
  );
  return { id: 'indices', title: 'Loyalty indices', reading, body: `${indicesHtml}\n${ctx.figure('nps')}\n${body}` };
}
