/**
 * analyze with an outcome the model marks "ordinal": importance and dominance over
 * proportional-odds fits (family ordinal), the regression linear on the codes, and a report.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, validateModel } from '../../src/index.js';
import { buildReport } from '../../src/report/buildReport.js';
import { loadCsv } from '../helpers/fixtures.js';

const ROOT = join(__dirname, '..', '..');
const example = JSON.parse(readFileSync(join(ROOT, 'examples', 'data', 'model.json'), 'utf8')) as Record<string, unknown>;
const rows = loadCsv('loyalty-survey.csv');

describe('analyze: an ordinal outcome', () => {
  it('gets family ordinal importance and dominance, and the report renders it', () => {
    const model = validateModel(
      {
        ...example,
        outcomes: [
          { column: 'recommend', kind: 'ordinal' },
          { column: 'retained', kind: 'binary' },
        ],
      },
      { columns: Object.keys(rows[0]!) },
    );
    const a = analyze(rows, model);
    const o = a.outcomes.find((x) => x.outcome === 'recommend')!;
    expect(o.kind).toBe('ordinal');
    expect(o.importance!.family).toBe('ordinal');
    expect(o.dominance!.family).toBe('ordinal');
    expect(o.priorities).toBeUndefined();
    expect(o.dominance!.predictors).toEqual([...model.drivers]);
    expect(o.importance!.rSquared).toBeGreaterThan(0);
    const html = buildReport(a);
    expect(html).toContain('pseudo-R');
  });
});
