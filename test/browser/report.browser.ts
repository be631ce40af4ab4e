/**
 * Browser check of the HTML report (`npm run test:browser`; not part of `npm test`): builds the
 * report of the example survey as the command-line tool does, opens it in headless Chromium
 * (the Debian package `chromium`, driven by playwright-core), and fails unless
 *   - every section heading and every chart is there, each chart's SVG laid out with a non-zero size,
 *   - the console shows no error and the page throws none,
 *   - the page makes no request at all besides the file itself (every other request is blocked
 *     and counted), and the browser records no resource loads,
 *   - on a phone-sized screen (390 px) the page does not scroll sideways (tables scroll in their
 *     own box, charts shrink),
 *   - printing gives at least one page per section,
 *   - the priorities table shows each driver's asymmetric (Kano) class from the penalty-reward
 *     analysis beside its quadrant, the analysis's own class for every driver.
 * It saves a full-page screenshot to docs/report-screenshot.png and a phone-width one to
 * docs/report-screenshot-phone.png. Without Chromium (or playwright-core) it says so and skips.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyze } from '../../src/index.js';
import { readData, readModel } from '../../src/io/index.js';
import { reportCharts, renderReport } from '../../src/report/index.js';
import { DATA, MODEL, ROOT } from '../report/example.js';

/** The page's DOM as the functions evaluated in it use it (this file is type-checked without the DOM lib). */
interface PageElement {
  readonly id: string;
  readonly scrollWidth: number;
  readonly clientWidth: number;
  readonly textContent: string | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement> & { readonly length: number };
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { readonly width: number; readonly height: number; readonly right: number };
  scrollIntoView(): void;
}
declare const document: {
  readonly documentElement: PageElement;
  querySelectorAll(selector: string): Iterable<PageElement>;
  getElementById(id: string): PageElement | null;
};

const SECTIONS: Record<string, string> = {
  summary: 'At a glance',
  indices: 'Loyalty indices',
  reliability: 'Driver reliability and validity',
  regression: 'Regression on the drivers',
  importance: 'Driver importance and priorities',
  'what-if': 'What if a driver improves',
  segments: 'Loyalty segments and profiles',
  waves: 'Changes between waves',
  notes: 'Data and methods',
};
const CANDIDATES = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
];

function skip(why: string): never {
  process.stdout.write(`browser check skipped: ${why}\n`);
  process.exit(0);
}

async function main(): Promise<void> {
  const executablePath = CANDIDATES.find((p): p is string => p !== undefined && p !== '' && existsSync(p));
  if (!executablePath) skip('no Chromium found (install the Debian package "chromium", or set CHROMIUM_PATH)');
  let playwright: typeof import('playwright-core');
  try {
    playwright = await import('playwright-core');
  } catch {
    skip('playwright-core is not installed (npm install)');
  }

  const model = await readModel(MODEL);
  const { rows } = await readData(DATA, { model });
  const analysis = analyze(rows, model);
  const charts = Object.keys(reportCharts(analysis, { rows }));
  const recommend = analysis.outcomes.find((o) => o.outcome === 'recommend');
  const priorities = recommend?.priorities;
  const asymmetry = recommend?.asymmetry;
  if (!priorities || !asymmetry) throw new Error('the example analysis has no priorities or no penalty-reward analysis of recommend');
  // Expected rows of the priorities table, in priority order: driver, quadrant, Kano class.
  const classes = priorities.priorityOrder.map((d) => [
    d,
    priorities.drivers.find((x) => x.driver === d)!.quadrant,
    asymmetry.drivers.find((x) => x.driver === d)!.kanoClass,
  ]);
  const html = await renderReport(analysis, { rows });
  const dir = join(ROOT, 'test', '.tmp', 'browser');
  mkdirSync(dir, { recursive: true });
  const browser = await playwright.chromium.launch({ executablePath, args: FLAGS, timeout: 60_000 });
  let failures: string[];
  try {
    // The checker must be able to fail: a tampered copy (an external image, a script logging an
    // error, a section and a chart removed) has to be caught on every count.
    const tampered = html
      .replace('</main>', '<img src="http://127.0.0.1:9/pixel.png" alt=""><script>console.error("tampered")</script></main>')
      .replace(/<section id="what-if"[\s\S]*?<\/section>/, '')
      .replace(/<figure class="chart" data-chart="segments">[\s\S]*?<\/figure>/, '')
      .replace('>Asymmetry (Kano)</th>', '>Kano</th>');
    const caught = await inspect(browser, join(dir, 'tampered.html'), tampered, charts, classes, false);
    const expectedCatches = ['sections:', 'charts:', 'console errors:', 'network requests:', 'priorities:'];
    const missed = expectedCatches.filter((prefix) => !caught.failures.some((f) => f.startsWith(prefix)));
    if (missed.length > 0) throw new Error(`the check did not catch a tampered report (missed: ${missed.join(', ')})`);

    const result = await inspect(browser, join(dir, 'report.html'), html, charts, classes, true);
    failures = result.failures;
    process.stdout.write(
      `browser check: ${result.summary}\na tampered copy (external image, script, section and chart removed) was caught:\n${caught.failures.map((f) => `  - ${f.slice(0, 160)}`).join('\n')}\n`,
    );
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
  if (failures.length > 0) {
    process.stderr.write(`browser check FAILED:\n${failures.map((f) => `  - ${f}`).join('\n')}\n`);
    process.exit(1);
  }
}

/** Opens the page and checks it; with `screenshots`, saves them under docs/. */
async function inspect(
  browser: import('playwright-core').Browser,
  file: string,
  html: string,
  charts: readonly string[],
  classes: readonly (readonly string[])[],
  screenshots: boolean,
): Promise<{ failures: string[]; summary: string }> {
  writeFileSync(file, html);
  const url = pathToFileURL(file).href;
  const failures: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) failures.push(what);
  };
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  try {
    const requests: string[] = [];
    const consoleErrors: string[] = [];
    await context.route('**/*', (route) => {
      const requested = route.request().url();
      if (requested === url) return route.continue();
      if (!requests.includes(requested)) requests.push(requested);
      return route.abort('blockedbyclient');
    });
    context.on('request', (r) => {
      if (r.url() !== url && !requests.includes(r.url())) requests.push(r.url());
    });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' && !/net::ERR_BLOCKED_BY_CLIENT/.test(m.text())) consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    await page.goto(url, { waitUntil: 'load' });

    const found = await page.evaluate(() => {
      const sections = [...document.querySelectorAll('main > section')].map((s) => ({
        id: s.id,
        heading: s.querySelector('h2')?.textContent ?? '',
        reading: s.querySelector('p.reading')?.textContent?.trim() ?? '',
      }));
      const figures = [...document.querySelectorAll('figure.chart')].map((f) => {
        const svg = f.querySelector('svg');
        const box = svg?.getBoundingClientRect();
        return {
          key: f.getAttribute('data-chart') ?? '',
          width: box?.width ?? 0,
          height: box?.height ?? 0,
          role: svg?.getAttribute('role') ?? '',
          label: svg?.getAttribute('aria-label') ?? '',
          marks: svg?.querySelectorAll('path, rect, text').length ?? 0,
        };
      });
      // The priorities table: its header and, per row, the driver, the quadrant and the asymmetric class.
      const table = [...document.querySelectorAll('#importance table')].find((t) =>
        (t.querySelector('caption')?.textContent ?? '').startsWith('Priorities for'),
      );
      const headers = table ? [...table.querySelectorAll('thead th')].map((h) => h.textContent ?? '') : [];
      const quadrant = headers.indexOf('Quadrant');
      const kano = headers.indexOf('Asymmetry (Kano)');
      const driver = headers.indexOf('Driver');
      const priorityRows = table
        ? [...table.querySelectorAll('tbody tr')].map((tr) => {
            const cells = [...tr.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim());
            return [cells[driver] ?? '', cells[quadrant] ?? '', kano < 0 ? '' : (cells[kano] ?? '')];
          })
        : [];
      return { sections, figures, resources: performance.getEntriesByType('resource').length, headers, priorityRows };
    });
    const kanoAt = found.headers.indexOf('Asymmetry (Kano)');
    check(
      kanoAt > 0 && found.headers[kanoAt - 1] === 'Quadrant',
      `priorities: no "Asymmetry (Kano)" column beside "Quadrant" (headers: ${found.headers.join(', ')})`,
    );
    check(
      JSON.stringify(found.priorityRows) === JSON.stringify(classes),
      `priorities: rows ${JSON.stringify(found.priorityRows)}, expected driver, quadrant and class ${JSON.stringify(classes)}`,
    );
    check(
      JSON.stringify(found.sections.map((s) => [s.id, s.heading])) === JSON.stringify(Object.entries(SECTIONS)),
      `sections: expected ${JSON.stringify(Object.entries(SECTIONS))}, got ${JSON.stringify(found.sections.map((s) => [s.id, s.heading]))}`,
    );
    for (const s of found.sections) if (s.id !== 'summary') check(s.reading.length > 20, `section ${s.id}: no reading`);
    check(
      JSON.stringify(found.figures.map((f) => f.key)) === JSON.stringify(charts),
      `charts: expected ${charts.join(', ')}, got ${found.figures.map((f) => f.key).join(', ')}`,
    );
    for (const f of found.figures) {
      check(f.width > 100 && f.height > 100, `chart ${f.key}: rendered ${f.width} x ${f.height} px`);
      check(f.role === 'img' && f.label.length > 20, `chart ${f.key}: no role="img" with a text alternative`);
      check(f.marks > 5, `chart ${f.key}: only ${f.marks} marks drawn`);
    }
    check(found.resources === 0, `resources: the page loaded ${found.resources}`);
    if (screenshots) await page.screenshot({ path: join(ROOT, 'docs', 'report-screenshot.png'), fullPage: true });

    // Phone width: the page itself must not scroll sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    const phone = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      widest: Math.max(...[...document.querySelectorAll('figure.chart svg')].map((s) => s.getBoundingClientRect().right)),
      scrollingTables: [...document.querySelectorAll('.table-scroll')].filter((d) => d.scrollWidth > d.clientWidth).length,
    }));
    check(phone.scrollWidth <= 390, `phone width: the page is ${phone.scrollWidth} px wide (scrolls sideways)`);
    check(phone.widest <= 390, `phone width: a chart reaches ${phone.widest} px`);
    check(phone.scrollingTables > 0, 'phone width: no table scrolls inside its box (expected the wide ones to)');
    if (screenshots) {
      // The importance section: a chart shrunk to the screen and a table scrolling in its box.
      await page.evaluate(() => document.getElementById('importance')?.scrollIntoView());
      await page.screenshot({ path: join(ROOT, 'docs', 'report-screenshot-phone.png'), fullPage: false });
    }

    // Print: a page per section at least.
    await page.setViewportSize({ width: 1000, height: 900 });
    const pdf = await page.pdf({ format: 'A4', printBackground: false });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
    check(pages >= found.sections.length, `print: ${pages} pages for ${found.sections.length} sections`);

    check(consoleErrors.length === 0, `console errors: ${consoleErrors.join(' | ')}`);
    check(requests.length === 0, `network requests: ${requests.join(', ')}`);
    return {
      failures,
      summary: `${found.sections.length} sections, ${found.figures.length} charts, ${pages} printed pages, ${consoleErrors.length} console errors, ${requests.length} requests; screenshots in docs/report-screenshot.png and docs/report-screenshot-phone.png`,
    };
  } finally {
    await context.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`browser check FAILED: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
