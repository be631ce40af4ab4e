/**
 * Report section: the path model of `model.paths` (PLS): the path diagram, the paths with
 * their bootstrap intervals, the constructs, the mediation of each effect, and the
 * importance-performance map of the target.
 * @internal
 */
import { pathModelRows } from '../pls/pathModelRows.js';
import { at, LEVEL, listOf, messages, name, num, rule, table } from './markup.js';
import { reportRows } from './resultCells.js';
import type { ReportSection, SectionContext } from './section.js';

const THREE = { digits: 3 };
/** The rescaled scale of IPMA, as fixed numbers of the convention. */
const TOP = `${rule(0, 'bottom of the rescaled scale', { digits: 0 })} to ${rule(100, 'top of the rescaled scale', { digits: 0 })}`;

/** The path model section, or undefined when the analysis has none. */
export function pathModelSection(ctx: SectionContext): ReportSection | undefined {
  const paths = ctx.analysis.paths;
  if (!paths) return undefined;
  const fit = paths.model;
  const ipma = paths.importancePerformance;
  const r = at(ctx.root, 'paths', 'model');
  const ir = at(ctx.root, 'paths', 'importancePerformance');
  const rows = pathModelRows(fit, ipma);
  const boot = fit.bootstrap;

  // Reading: what the model explains of its target, and which driver moves it most.
  const sinks = fit.constructNames.filter((c) => !fit.paths.some((p) => p.from === c) && fit.constructs[c]!.rSquared !== null);
  const target =
    ipma?.target ?? sinks.reduce((best, c) => (fit.constructs[c]!.rSquared! > fit.constructs[best]!.rSquared! ? c : best), sinks[0]!);
  const into = fit.effects.map((e, k) => ({ e, k })).filter(({ e }) => e.to === target);
  const top = into.reduce((best, x) => (Math.abs(x.e.total) > Math.abs(best.e.total) ? x : best), into[0]!);
  let reading = `The path model explains ${num(r, ['constructs', target, 'rSquared'], { percent: true, digits: 1 })} of the variance of ${name(target)} (R²); ${name(top.e.from)} has the largest total effect on it (${num(r, ['effects', top.k, 'total'], THREE)}, standardized${top.e.indirect !== 0 ? `, of which ${num(r, ['effects', top.k, 'indirect'], THREE)} indirect` : ''})`;
  if (ipma) {
    const focus = ipma.constructs.map((c, k) => ({ c, k })).filter(({ c }) => c.quadrant === 'concentrate here');
    if (focus.length > 0) {
      reading += `; ${listOf(focus.map(({ c, k }) => `${name(c.construct)} (performance ${num(ir, ['constructs', k, 'performance'], { digits: 1 })} of ${rule(100, 'top of the rescaled scale', { digits: 0 })})`))} ${focus.length === 1 ? 'matters more than average and performs below average' : 'matter more than average and perform below average'}: concentrate there`;
    }
  }
  reading += '.';

  let body = ctx.figure('path-diagram');
  const level = boot ? num(r, ['bootstrap', 'confidenceLevel'], LEVEL) : '';
  const pathTable = reportRows(rows.paths, r, [
    { id: 'from', format: 'name' },
    { id: 'to', format: 'name' },
    { id: 'estimate', format: THREE },
    ...(boot
      ? ([
          { id: 'standardError', format: THREE },
          { id: 'tStatistic', format: { digits: 2 } },
          { id: 'pValue', format: { pValue: true } },
          { id: 'lower', format: THREE },
          { id: 'upper', format: THREE },
          { id: 'significant', format: 'text' },
        ] as const)
      : []),
    { id: 'fSquared', format: THREE },
    { id: 'vif', format: { digits: 2 } },
  ]);
  body += table(
    `Structural paths (standardized coefficients, n = ${num(r, 'n', { digits: 0, grouped: true })}${boot ? `; ${level} bootstrap ${boot.paths[0]?.intervalMethod ?? 'percentile'} intervals from ${num(r, ['bootstrap', 'replicates'], { digits: 0, grouped: true })} resamples` : '; no bootstrap'})`,
    pathTable.columns,
    pathTable.rows,
    `f²: the drop in R² of the target when the path is left out, relative to one minus R² (small from ${rule(0.02, "Cohen's small effect size f2")}, medium from ${rule(0.15, "Cohen's medium effect size f2")}, large from ${rule(0.35, "Cohen's large effect size f2")}, Cohen's conventions). VIF: inner variance inflation of the predecessors of a construct.${boot ? ' t: the estimate over its bootstrap SE; p: two-sided, from the t distribution with one degree of freedom fewer than the cases (as SmartPLS). Significant: the interval excludes zero.' : ''}`,
  );
  const constructTable = reportRows(rows.constructs, r, [
    { id: 'construct', format: 'name' },
    { id: 'kind', format: 'text' },
    { id: 'items', format: 'text', render: (meta) => meta.items.map(name).join(', ') },
    { id: 'rSquared', format: THREE },
    { id: 'adjustedRSquared', format: THREE },
    { id: 'cronbachAlpha', format: THREE },
    { id: 'rhoA', format: THREE },
    { id: 'compositeReliability', format: THREE },
    { id: 'averageVarianceExtracted', format: THREE },
  ]);
  body += table(
    'Constructs: explained variance and reliability',
    constructTable.columns,
    constructTable.rows,
    [
      fit.constructNames.some((c) => fit.constructs[c]!.type === 'reflective')
        ? 'Reflective constructs are common factors estimated by consistent PLS (PLSc).'
        : '',
      fit.constructNames.some((c) => fit.constructs[c]!.mode === 'B')
        ? 'Reliability does not apply to mode B (formative) composites, whose items need not correlate.'
        : '',
    ]
      .filter(Boolean)
      .join(' ') || undefined,
  );
  if (rows.mediation && rows.mediation.rows.length > 0) {
    const t = reportRows(rows.mediation, r, [
      { id: 'from', format: 'name' },
      { id: 'to', format: 'name' },
      { id: 'indirect', format: THREE },
      { id: 'indirectLower', format: THREE },
      { id: 'indirectUpper', format: THREE },
      { id: 'direct', format: THREE },
      { id: 'directLower', format: THREE },
      { id: 'directUpper', format: THREE },
      { id: 'type', format: 'text' },
    ]);
    body += table(
      `Mediation: each effect split into its indirect and direct parts (${level} bootstrap intervals)`,
      t.columns,
      t.rows,
      'An effect counts where its interval excludes zero. Complementary: indirect and direct effects with the same sign; competitive: opposite signs; indirect-only: only through the mediators; direct only: no mediation (Zhao, Lynch & Chen). A dash: the model has no direct path.',
    );
  }
  if (ipma && rows.importancePerformance) {
    body += ctx.figure('ipma');
    const t = reportRows(rows.importancePerformance, ir, [
      { id: 'construct', format: 'name' },
      { id: 'importance', format: THREE },
      { id: 'standardizedImportance', format: THREE },
      { id: 'performance', format: { digits: 1 } },
      { id: 'quadrant', format: 'text' },
      { id: 'priority', format: { digits: 0 } },
    ]);
    body += table(
      `Importance-performance map of ${name(ipma.target)} (cuts at importance ${num(ir, ['cuts', 'importance'], THREE)} and performance ${num(ir, ['cuts', 'performance'], { digits: 1 })})`,
      t.columns,
      t.rows,
      `Importance: the unstandardized total effect on ${name(ipma.target)}, the points it gains when the construct's score rises one point, every score on a scale of ${TOP}; performance: the mean construct score on that scale, from the items rescaled from their own scales (Ringle & Sarstedt).`,
    );
  }
  body += messages([...fit.warnings, ...(ipma?.warnings ?? []).filter((w) => w.code !== 'NOT_CONVERGED')].map((w) => w.message));
  return { id: 'path-model', title: 'Path model', reading, body };
}
