/**
 * The report's stylesheet, inlined in `<head>`: system fonts (nothing to download), a reading
 * column, tables that scroll sideways inside their own box on narrow screens, charts that
 * shrink to the screen, and print rules (a page per section, no backgrounds, nothing cut).
 * @internal
 */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1f2328; --muted: #57606a; --line: #d0d7de; --accent: #0072B2; --soft: #f6f8fa; }
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff; line-height: 1.5;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", sans-serif; }
.page { max-width: 62rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; outline: 2px solid var(--accent); }
h1 { font-size: 1.8rem; line-height: 1.2; margin: 1rem 0 .5rem; }
h2 { font-size: 1.4rem; line-height: 1.25; margin: 2.5rem 0 .75rem; padding-bottom: .3rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.15rem; margin: 2rem 0 .5rem; }
h4 { font-size: 1rem; margin: 1.5rem 0 .5rem; }
p { margin: .6rem 0; }
a { color: var(--accent); }
.lede { font-size: 1.05rem; }
.meta, .note, .messages { color: var(--muted); font-size: .9rem; }
.reading { font-size: 1.1rem; margin: 1rem 0 1.25rem; padding: .5rem .9rem; border-left: 4px solid var(--accent); background: var(--soft); }
.findings { padding-left: 1.2rem; }
.findings li { margin: .4rem 0; }
nav ol { margin: .25rem 0; padding-left: 1.4rem; columns: 2 16rem; }
nav h2 { font-size: 1rem; border: 0; margin: 1.5rem 0 .25rem; padding: 0; }
.table-scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; margin: 1rem 0 .25rem; max-width: 100%; }
.table-scroll:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
table { border-collapse: collapse; font-size: .9rem; min-width: min(100%, 40rem); }
caption { caption-side: top; text-align: left; font-weight: 600; padding: 0 0 .4rem; }
th, td { padding: .3rem .65rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tbody th { font-weight: 600; }
.none { color: var(--muted); }
figure.chart { margin: 1.25rem 0; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
.chart-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 27rem), 1fr)); column-gap: 1.5rem; }
.chart-grid figure.chart { margin: .75rem 0; }
.messages { padding-left: 1.2rem; }
footer { margin-top: 3rem; border-top: 1px solid var(--line); padding-top: .75rem; }
@media (max-width: 40rem) {
  .page { padding: .5rem .75rem 2rem; }
  h1 { font-size: 1.45rem; }
  h2 { font-size: 1.2rem; }
  .reading { font-size: 1rem; }
  table { font-size: .85rem; }
}
@media print {
  @page { margin: 1.6cm 1.4cm; }
  * { background: transparent !important; box-shadow: none !important; }
  body { font-size: 10pt; color: #000; }
  .page { max-width: none; padding: 0; }
  nav, .skip { display: none; }
  main > section { break-before: page; }
  main > section:first-child { break-before: auto; }
  h2, h3, h4, caption { break-after: avoid; }
  figure.chart, .reading, tr { break-inside: avoid; }
  .table-scroll { overflow: visible; }
  table { font-size: 8.5pt; }
  th, td { white-space: normal; }
  .reading { border-left-color: #000; }
  a { color: inherit; text-decoration: none; }
}
`;
