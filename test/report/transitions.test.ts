// The report of a panel (test/fixtures/panel.csv, simulated by r/transitions.R): the waves section
// shows the segment transition matrix with the tests, every number marked up and traced to the
// analysis (the R check of the numbers is test/segmentation/segmentTransitions.test.ts).
import { describe, expect, it } from 'vitest';
import { analyze, validateModel } from '../../src/index.js';
import { renderReport } from '../../src/report/index.js';
import { loadCsv } from '../helpers/fixtures.js';
import { expectMarkedNumbers, expectNoStrayFigures } from './example.js';
import { parseHtml, tables } from './html.js';

const rows = loadCsv('panel.csv');
const model = validateModel({
  id: 'id',
  wave: 'wave',
  outcomes: ['recommend'],
  recommend: 'recommend',
  segmentation: { attitude: 'recommend', behaviour: { ratio: ['spend', 'category_spend'] }, revenue: 'spend' },
});

describe('the report of a panel', () => {
  it('shows how respondents moved between the segments, with both tests', async () => {
    const analysis = analyze(rows, model);
    const t = analysis.waves!.comparisons[0]!.transitions!;
    expect(t.n).toBe(267);
    const html = await renderReport(analysis, { rows });
    const doc = parseHtml(html);
    const matrix = tables(doc).find((x) => x.caption.includes('moved between the loyalty segments'));
    expect(matrix, 'transition table').toBeDefined();
    expect(matrix!.rows).toHaveLength(4);
    expect(html).toContain('Stuart-Maxwell test that the segment shares did not change');
    expect(html).toContain('McNemar-Bowker test');
    expectMarkedNumbers(doc, JSON.parse(JSON.stringify(analysis)));
    expectNoStrayFigures(doc);
  });
});
