import type { Analysis } from '../analysis/analyze.js';
import { checkOptions, optionKeys } from '../internal/options.js';
import { InputError } from '../errors.js';
import { importanceSection } from './importanceSection.js';
import { indicesSection } from './indicesSection.js';
import { inlineSvg } from './inlineSvg.js';
import { escapeHtml, LEVEL, name, num, rootRef } from './markup.js';
import { notesSection } from './notesSection.js';
import { pathModelSection } from './pathModelSection.js';
import { regressionSection } from './regressionSection.js';
import { reliabilitySection } from './reliabilitySection.js';
import type { ReportSection, SectionContext } from './section.js';
import { segmentsSection } from './segmentsSection.js';
import { REPORT_CSS } from './styles.js';
import { wavesSection } from './wavesSection.js';
import { whatIfSection } from './whatIfSection.js';

/** Options of {@link buildReport}. */
export interface BuildReportOptions {
  /** Page title and heading (default `'Loyalty drivers report'`). */
  readonly title?: string;
  /**
   * Rendered charts (SVG strings, as `renderSvg` returns them) keyed as {@link reportCharts}
   * keys their specs; a chart without an entry is left out.
   */
  readonly charts?: Readonly<Record<string, string>>;
}

const BUILDERS = [
  indicesSection,
  reliabilitySection,
  regressionSection,
  importanceSection,
  whatIfSection,
  pathModelSection,
  segmentsSection,
  wavesSection,
];

function header(analysis: Analysis, title: string): string {
  const root = rootRef(analysis);
  const m = analysis.model;
  const facts = [
    `${num(root, 'rowsIn', { digits: 0, grouped: true })} rows`,
    m.weight ? `weights from column ${name(m.weight)}` : 'unweighted',
    m.wave ? `waves from column ${name(m.wave)}` : '',
    `${num(root, ['options', 'confidenceLevel'], LEVEL)} confidence intervals`,
    analysis.options.bootstrap
      ? `importance intervals from ${num(root, ['options', 'bootstrap', 'replicates'], { digits: 0, grouped: true })} bootstrap resamples (seed ${num(root, ['options', 'bootstrap', 'seed'], { digits: 0 })})`
      : 'no bootstrap of importance',
  ].filter((f) => f !== '');
  return `<header>
<h1>${escapeHtml(title)}</h1>
${m.description ? `<p class="lede">${name(m.description)}</p>\n` : ''}<p class="meta">${facts.join('; ')}.</p>
</header>`;
}

function sectionHtml(s: ReportSection): string {
  return `<section id="${s.id}" aria-labelledby="${s.id}-title">
<h2 id="${s.id}-title">${escapeHtml(s.title)}</h2>
<p class="reading">${s.reading}</p>
${s.body}
</section>`;
}

/** The keys of {@link BuildReportOptions}. */
const BUILD_KEYS = optionKeys<BuildReportOptions>({ title: true, charts: true });

/**
 * Builds the HTML report of an analysis: one self-contained page (inline CSS and SVG, no
 * script, nothing loaded from anywhere) with the loyalty indices and their intervals, driver
 * reliability and validity, the regressions, driver importance with dominance and priorities,
 * what-if effects, the path model (diagram, paths, mediation, importance-performance map), the
 * loyalty segments with their profiles, and the wave comparison. Each
 * section opens with one plain-language sentence read from the numbers ("Trust matters most
 * (31.3% of the explained variance) and performs below average: concentrate here."). The page
 * reads on a phone (tables scroll sideways in their own box, charts shrink) and prints (a page
 * per section, no backgrounds).
 *
 * Method: a pure rendering of the `analyze` result; nothing is recomputed. Every number is
 * written as `<data value="full precision" data-path="/json/pointer">rounded</data>`, the
 * pointer (RFC 6901) locating it in the analysis (its JSON is what `analyze --format json`
 * prints), so each figure can be traced and checked. Text from the data or the model (column
 * and scale names, labels, the description, the title) is HTML-escaped. Tables have captions and
 * header scopes; charts keep `renderSvg`'s `role="img"` and text alternative. The same analysis
 * and charts always give the same bytes (no date or random ids).
 *
 * @param analysis - The result of `analyze` (or its JSON, parsed).
 * @param options - `title`, and `charts`: SVG strings keyed like {@link reportCharts} (use
 *   {@link renderReport} to render them).
 * @returns The HTML document, ending with a newline.
 * @throws InputError `INVALID_OPTION` when `analysis` is not an `analyze` result, or a chart is
 *   not an SVG string or contains a script, an event handler or an external reference.
 *
 * @example
 * ```ts
 * import { analyze, validateModel } from 'loyalty-drivers';
 * import { buildReport } from 'loyalty-drivers/report';
 * const rows = Array.from({ length: 40 }, (_, i) => ({
 *   s1: 1 + (i % 5), s2: 1 + ((i * 3) % 5), t1: 1 + ((i * 2) % 5), t2: 1 + ((i + 1) % 5), recommend: (i * 7) % 11,
 * }));
 * const model = validateModel({
 *   scales: { satisfaction: { items: ['s1', 's2'], min: 1, max: 5 }, trust: { items: ['t1', 't2'], min: 1, max: 5 } },
 *   outcomes: ['recommend'], recommend: 'recommend',
 * }, { columns: Object.keys(rows[0]!) });
 * const html = buildReport(analyze(rows, model), { title: 'Q3 <survey>' });
 * html.startsWith('<!DOCTYPE html>'); // => true
 * html.includes('<h1>Q3 &lt;survey&gt;</h1>'); // => true
 * html.includes('<data value="-42.5" data-path="/indices/nps/estimate">-42.5</data>'); // => true
 * ```
 */
export function buildReport(analysis: Analysis, options: BuildReportOptions = {}): string {
  checkOptions(options, BUILD_KEYS);
  if (analysis === null || typeof analysis !== 'object' || analysis.method !== 'analyze') {
    throw new InputError('INVALID_OPTION', 'analysis: expected the result of analyze()', {
      argument: 'analysis',
      expected: 'an analyze() result',
    });
  }
  if (options.title !== undefined && typeof options.title !== 'string') {
    throw new InputError('INVALID_OPTION', 'options.title: expected a string', { argument: 'options.title', expected: 'a string' });
  }
  const charts = options.charts ?? {};
  if (charts === null || typeof charts !== 'object') {
    throw new InputError('INVALID_OPTION', 'options.charts: expected a record of SVG strings', {
      argument: 'options.charts',
      expected: 'an object',
    });
  }
  const prepared: Record<string, string> = {};
  Object.keys(charts).forEach((key, k) => {
    prepared[key] = inlineSvg(charts[key], key, `chart${k + 1}`);
  });
  const figure = (key: string) =>
    prepared[key] === undefined ? '' : `<figure class="chart" data-chart="${escapeHtml(key)}">\n${prepared[key]}\n</figure>\n`;
  const ctx: SectionContext = { analysis, root: rootRef(analysis), figure };
  const sections = BUILDERS.map((build) => build(ctx)).filter((s): s is ReportSection => s !== undefined);
  const notes = notesSection(ctx);
  const title = options.title ?? 'Loyalty drivers report';
  const contents = [...sections, notes].map((s) => `<li><a href="#${s.id}">${escapeHtml(s.title)}</a></li>`).join('\n');
  const findings = sections.map((s) => `<li><a href="#${s.id}">${escapeHtml(s.title)}</a>: ${s.reading}</li>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<meta name="generator" content="loyalty-drivers">
<title>${escapeHtml(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<a class="skip" href="#main">Skip to the report</a>
<div class="page">
${header(analysis, title)}
<nav aria-labelledby="contents-title">
<h2 id="contents-title">Contents</h2>
<ol>
<li><a href="#summary">At a glance</a></li>
${contents}
</ol>
</nav>
<main id="main">
<section id="summary" aria-labelledby="summary-title">
<h2 id="summary-title">At a glance</h2>
<ul class="findings">
${findings}
</ul>
</section>
${sections.map(sectionHtml).join('\n')}
${sectionHtml(notes)}
</main>
<footer>
<p class="note">Made with loyalty-drivers. Each number in the tables and sentences holds its full-precision value and its place in the analysis (a JSON Pointer into the result of analyze) in its markup, so it can be traced and checked.</p>
</footer>
</div>
</body>
</html>
`;
}
