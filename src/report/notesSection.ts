/**
 * Report section: the rows each step used (missing data), the analysis's notes, and the
 * methods in one list.
 * @internal
 */
import { at, get, messages, name, NONE, num, type Ref, table } from './markup.js';
import { skippedSectionName } from '../analysis/analyze.js';
import type { ReportSection, SectionContext } from './section.js';

const METHODS: readonly string[] = [
  'NPS: promoters minus detractors in percent, with the interval method named in the indices table (adjusted Wald by default, Rocks); weighted estimates use Taylor-linearized standard errors.',
  'CSAT and retention: proportions with Wilson intervals; the Customer Loyalty Index combines the recommend, repurchase and upsell items by the convention named.',
  "Reliability: Cronbach's alpha with the Feldt interval; omega total and AVE from a one-factor maximum-likelihood model; HTMT after Henseler, Ringle and Sarstedt.",
  'Regression: least squares by Householder QR (weighted when the model names a weight column), logistic regression by iteratively reweighted least squares.',
  'Importance: the relaimpo metrics (Grömping) from the correlation matrix; LMG is the Shapley value of R²; dominance after Azen and Budescu; priorities are the Martilla and James importance-performance map.',
  'What-if: the regression coefficient times the rise in the driver, and the NPS of the shifted scores; a prediction from survey data, not a measured effect.',
  'Segments: attitude against behaviour (Dick and Basu), split at the cuts named; differences across segments by ANOVA, Kruskal-Wallis and chi-square tests.',
  'Waves: NPS differences by a z test, proportions by two-proportion tests, means by Welch or design-based t tests, importance by a stratified bootstrap.',
];

/** How each missing-data policy reads in the notes table. */
const POLICY_TEXT: Readonly<Record<string, string>> = {
  omit: 'listwise',
  fail: 'none allowed',
  pairwise: 'pairwise',
  fiml: 'FIML (EM)',
};

interface Step {
  readonly label: string;
  readonly ref: Ref;
}

/** The path model's methods, listed when the analysis has one. */
const PATH_METHOD =
  'Path model: partial least squares (Wold; Lohmöller) with the path weighting scheme unless the model names another, reflective constructs by consistent PLS (Dijkstra and Henseler), paths and effects bootstrapped by resampling respondents; mediation after Zhao, Lynch and Chen; the importance-performance map by the rescaled-weights method of Ringle and Sarstedt.';

function steps(ctx: SectionContext): Step[] {
  const a = ctx.analysis;
  const r = ctx.root;
  const out: Step[] = [];
  const add = (label: string, ref: Ref) => {
    if (get(ref) !== undefined && get(ref) !== null) out.push({ label, ref });
  };
  add('NPS', at(r, 'indices', 'nps', 'missing'));
  add('CSAT', at(r, 'indices', 'csat', 'missing'));
  add('Customer Loyalty Index', at(r, 'indices', 'customerLoyaltyIndex', 'missing'));
  add('Retention', at(r, 'indices', 'retention', 'missing'));
  add('Reliability', at(r, 'measurement', 'reliability', 'missing'));
  add('Driver correlations', at(r, 'measurement', 'driverCorrelations', 'missing'));
  a.outcomes.forEach((o, k) => {
    add(`Regression of ${name(o.outcome)}`, at(r, 'outcomes', k, 'regression', 'missing'));
    add(`Importance for ${name(o.outcome)}`, at(r, 'outcomes', k, 'importance', 'missing'));
  });
  add('Segments', at(r, 'segmentation', 'segments', 'missing'));
  add('Waves', at(r, 'waves', 'missing'));
  add('Path model', at(r, 'paths', 'model', 'missing'));
  return out;
}

/** The notes section (always present). */
export function notesSection(ctx: SectionContext): ReportSection {
  const list = steps(ctx);
  const rows = list.map(({ label, ref }) => {
    const byColumn = Object.keys((get(ref, 'byColumn') ?? {}) as Record<string, number>);
    const detail = byColumn.map((c) => `${name(c)} ${num(ref, ['byColumn', c], { digits: 0, grouped: true })}`).join(', ');
    return [
      label,
      num(ref, 'rowsIn', { digits: 0, grouped: true }),
      num(ref, 'rowsUsed', { digits: 0, grouped: true }),
      num(ref, 'rowsDropped', { digits: 0, grouped: true }),
      POLICY_TEXT[get(ref, 'policy') as string] ?? NONE,
      detail || NONE,
    ];
  });
  const firstFit = list.find((s) => s.label.startsWith('Regression'));
  const policy = firstFit ? (get(firstFit.ref, 'policy') as string) : 'omit';
  const how =
    policy === 'fiml'
      ? 'every answer counts (full-information maximum likelihood: the saturated normal model fitted by EM).'
      : policy === 'pairwise'
        ? 'each correlation uses the rows answering both of its variables (pairwise deletion); the count is the smallest pair.'
        : 'a row missing the outcome or any driver item is left out of them.';
  const reading = firstFit
    ? `The driver models use ${num(firstFit.ref, 'rowsUsed', { digits: 0, grouped: true })} of the ${num(ctx.root, 'rowsIn', { digits: 0, grouped: true })} rows: ${how}`
    : `The analysis read ${num(ctx.root, 'rowsIn', { digits: 0, grouped: true })} rows.`;
  let body = table(
    'Rows used by each step, and how missing answers were handled',
    [
      { label: 'Step' },
      { label: 'Rows in', numeric: true },
      { label: 'Used', numeric: true },
      { label: 'Left out', numeric: true },
      { label: 'Missing answers' },
      { label: 'Missing cells by column' },
    ],
    rows,
  );
  if (ctx.analysis.warnings.length > 0)
    body += `<h3>Notes from the analysis</h3>\n${messages(ctx.analysis.warnings.map((w) => w.message))}`;
  if (ctx.analysis.skipped.length > 0) {
    body += `<h3>Sections left out</h3>\n<p>These could not run on these data; the rest of the report did.</p>\n${messages(ctx.analysis.skipped.map((k) => `${skippedSectionName(k)}: ${k.message} (${k.code})`))}`;
  }
  const methods = ctx.analysis.paths ? [...METHODS, PATH_METHOD] : METHODS;
  body += `<h3>Methods</h3>\n<ul class="methods">\n${methods.map((m) => `<li>${m}</li>`).join('\n')}\n</ul>`;
  return { id: 'notes', title: 'Data and methods', reading, body };
}
