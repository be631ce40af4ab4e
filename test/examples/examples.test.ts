// Every script in examples/ runs as a user would run it (`node --import tsx examples/<name>.ts`
// from the repository root), exits 0, and prints what the library computes for the same input:
// the expected numbers are computed here, in-process, with the library itself on the same data.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  analyze,
  compareNps,
  compareProportions,
  compareWaves,
  csat,
  customerLoyaltyIndex,
  importancePerformance,
  nps,
  ols,
  relativeImportance,
  retentionRate,
  segmentLoyalty,
  whatIf,
  withScaleScores,
  type Row,
} from '../../src/index.js';
import { readData, readModel } from '../../src/io/index.js';
import { createServer } from '../../examples/importance-service.js';
import { ROOT, run, start, waitForLine } from './run.js';

const SLOW = 120_000;
const survey = await readData(join(ROOT, 'examples', 'data', 'loyalty-survey.csv'));
const rows = survey.rows;
const column = (name: string) => rows.map((r) => r[name]);
const SCALES = {
  satisfaction: ['sat1', 'sat2', 'sat3'],
  image: ['img1', 'img2', 'img3'],
  trust: ['tru1', 'tru2', 'tru3'],
  engagement: ['eng1', 'eng2', 'eng3'],
};
const DRIVERS = Object.keys(SCALES);
const scored = withScaleScores(rows, SCALES);

/** Asserts the run succeeded, showing its output when it did not. */
function ok(result: { code: number | null; stdout: string; stderr: string }): string {
  expect(result.code, `exit code; stderr:\n${result.stderr}\nstdout:\n${result.stdout}`).toBe(0);
  return result.stdout;
}

describe('examples/', () => {
  it('every script has a test here and a line in examples/README.md', () => {
    const scripts = readdirSync(join(ROOT, 'examples'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(scripts).toEqual([
      'campaign-comparison',
      'crm-segmentation',
      'driver-analysis',
      'importance-service',
      'notebook-walkthrough',
      'path-model',
      'quick-indices',
    ]);
    const readme = readFileSync(join(ROOT, 'examples', 'README.md'), 'utf8');
    for (const s of scripts) expect(readme, s).toContain(`npx tsx examples/${s}.ts`);
  });
});

describe('quick-indices.ts', () => {
  it(
    'prints every index with its interval, as the library computes them',
    async () => {
      const out = ok(await run('quick-indices'));
      const score = nps(column('recommend'));
      const weighted = nps(column('recommend'), { weights: column('weight') });
      const c = csat(column('csat'));
      const cli = customerLoyaltyIndex(rows, { items: ['recommend', 'repurchase_intent', 'upsell_intent'] });
      const line = (label: string) => out.split('\n').find((l) => l.includes(label)) ?? '';
      expect(line('│ NPS   ')).toContain(`'${score.estimate.toFixed(1)}'`);
      expect(line('│ NPS   ')).toContain(`'[${score.confidenceInterval[0].toFixed(1)}, ${score.confidenceInterval[1].toFixed(1)}]'`);
      expect(line('NPS (weighted)')).toContain(`'${weighted.estimate.toFixed(1)}'`);
      expect(line('CSAT')).toContain(`'${c.estimate.toFixed(1)}'`);
      expect(line('Customer Loyalty Index')).toContain(`'${cli.estimate.toFixed(1)}'`);
      expect(out).toContain(`Loyalty indices of ${rows.length} respondents`);
    },
    SLOW,
  );
});

describe('driver-analysis.ts', () => {
  it(
    'prints reliability, the regression, bootstrapped importance, priorities and what-if of the model file',
    async () => {
      const out = ok(await run('driver-analysis'));
      const fit = ols(scored, { outcome: 'recommend', predictors: DRIVERS });
      expect(out).toContain(`R-squared ${fit.rSquared.toFixed(4)}`);
      expect(out).toContain('Reliability of 4 scales (n = 1596');
      expect(out).toContain('Bootstrap: 1000 replicates, seed 42');
      const importance = relativeImportance(scored, {
        outcome: 'recommend',
        predictors: DRIVERS,
        bootstrap: { replicates: 1000, seed: 42 },
      });
      const trust = importance.bootstrap!.shareIntervals.lmg!.trust!;
      expect(out).toMatch(
        new RegExp(`trust .*\\[${(100 * trust.confidenceInterval[0]).toFixed(1)}%, ${(100 * trust.confidenceInterval[1]).toFixed(1)}%\\]`),
      );
      const ipa = importancePerformance(scored, { outcome: 'recommend', predictors: DRIVERS, scale: { min: 1, max: 7 } });
      expect(out).toContain(`Priority order: ${ipa.priorityOrder.join(' > ')}.`);
      for (const d of ipa.drivers) expect(out).toMatch(new RegExp(`${d.driver}\\s.*'${d.quadrant}'`));
      expect(ipa.drivers.find((d) => d.driver === 'satisfaction')!.quadrant).toBe('concentrate here');
      expect(out).toContain('Reading: satisfaction matters more than average and performs below average: concentrate here.');
      const w = whatIf(scored, { outcome: 'recommend', predictors: DRIVERS, driver: 'trust', delta: 1 });
      expect(out).toMatch(
        new RegExp(`trust\\s.*'${w.outcomeChange.estimate.toFixed(2)} \\[.*'${w.nps!.predicted.estimate.toFixed(1)} \\[`),
      );
    },
    SLOW,
  );
});

describe('crm-segmentation.ts', () => {
  it(
    'prints the segments (promoters x share of wallet >= 50%), profiles and the lock-in reading',
    async () => {
      const out = ok(await run('crm-segmentation'));
      const s = segmentLoyalty(rows, {
        attitude: 'recommend',
        attitudeCut: 9,
        attitudeHigh: 'atLeast',
        behaviour: { ratio: ['spend_12m', 'category_spend_12m'] },
        behaviourCut: 0.5,
        behaviourHigh: 'atLeast',
      });
      for (const [segment, label] of [
        ['true', 'True loyalty'],
        ['latent', 'Latent loyalty'],
        ['spurious', 'Spurious loyalty'],
        ['none', 'No loyalty'],
      ] as const) {
        expect(out).toContain(`${label} ${s.counts[segment]} (`);
      }
      expect(out).toContain(`${s.n} segmented; ${s.unassigned.length} without a segment`);
      // Retention of spurious customers with and without a lock-in.
      const spurious = rows.filter((_, i) => s.assignments[i] === 'spurious');
      const locked = retentionRate(spurious.filter((r) => r.switching_cost === 1).map((r) => r.retained));
      const unlocked = retentionRate(spurious.filter((r) => r.switching_cost === 0).map((r) => r.retained));
      expect(out).toContain(
        `Retention: ${(100 * locked.estimate).toFixed(1)}% with a lock-in (n = ${locked.n}) vs ${(100 * unlocked.estimate).toFixed(1)}% without (n = ${unlocked.n})`,
      );
      expect(out).toMatch(/switching_cost\s+chi-square [\d.]+ on 3 df/);
      expect(out).toContain('it is retention, not loyalty');
    },
    SLOW,
  );
});

describe('campaign-comparison.ts', () => {
  it(
    'prints the wave comparison and the two-sample tests, matching the library (and R, via the monitoring tests)',
    async () => {
      const out = ok(await run('campaign-comparison', ['--replicates', '200']));
      const waves = compareWaves(rows, { wave: 'wave', nps: 'recommend', csat: 'csat', retention: 'retained', drivers: SCALES });
      const c = waves.comparisons[0]!;
      expect(out).toContain(`Wave 1 (n = 1025) against wave 2 (n = 975)`);
      expect(out).toMatch(new RegExp(`NPS \\(points\\)\\s.*'\\+${c.nps!.estimate.toFixed(1)}'.*'${c.nps!.pValue.toFixed(3)}'`));
      expect(out).toMatch(
        new RegExp(`trust\\s.*'\\+${c.drivers!.trust!.estimate.toFixed(2)}'.*'${c.drivers!.trust!.statistic.toFixed(2)}'`),
      );
      expect(out).toContain('bootstrap of the lmg difference, 200 replicates, seed 1');
      const raw = compareNps(
        rows.filter((r) => r.wave === 1).map((r) => r.recommend),
        rows.filter((r) => r.wave === 2).map((r) => r.recommend),
      );
      expect(out).toContain(
        `compareNps, raw scores:       +${raw.estimate.toFixed(2)} points, SE ${raw.standardError.toFixed(2)}, z ${raw.statistic.toFixed(3)}, p ${raw.pValue.toFixed(3)}`,
      );
      expect(out).toContain(`compareNps, from summaries:   +${raw.estimate.toFixed(2)} points, z ${raw.statistic.toFixed(3)}`);
      // R prop.test(c(525, 545), c(975, 1025), correct = FALSE): X-squared = 0.091631 (shared reference).
      const p = compareProportions({ successes: 545, n: 1025 }, { successes: 525, n: 975 });
      expect(p.chiSquared.toFixed(4)).toBe('0.0916');
      expect(out).toContain(`545/1025 -> 525/975, difference +${(100 * p.estimate).toFixed(2)} points, X2 0.0916`);
      expect(out).toContain('Reading: trust rose;');
    },
    SLOW,
  );
});

describe('importance-service.ts', () => {
  const request = JSON.parse(readFileSync(join(ROOT, 'examples', 'importance-request.json'), 'utf8')) as {
    rows: Row[];
    outcome: string;
    predictors: string[];
  };
  const expected = JSON.parse(
    JSON.stringify(relativeImportance(request.rows, { outcome: request.outcome, predictors: request.predictors })),
  );
  const post = (url: string, body: unknown) => fetch(url, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body) });

  it('the request file holds complete driver scores from the survey', () => {
    expect(request.rows).toHaveLength(120);
    expect(request.predictors).toEqual(DRIVERS);
    expect(expected.n).toBe(120);
  });

  describe('createServer() in-process on an ephemeral port', () => {
    const server = createServer();
    let url = '';
    beforeAll(async () => {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/importance`;
    });
    afterAll(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });

    it('returns the same JSON as relativeImportance in-process', async () => {
      const response = await post(url, request);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('application/json');
      expect(await response.json()).toEqual(expected);
    });

    it('passes options through (metrics, bootstrap)', async () => {
      const options = {
        outcome: request.outcome,
        predictors: request.predictors,
        metrics: ['lmg', 'johnson'],
        bootstrap: { replicates: 50, seed: 3 },
      };
      const response = await post(url, { rows: request.rows, ...options });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual(JSON.parse(JSON.stringify(relativeImportance(request.rows, options as never))));
    });

    it('maps typed errors to 400 with error.toJSON()', async () => {
      const missing = await post(url, { ...request, predictors: ['satisfaction', 'loyalty'] });
      expect(missing.status).toBe(400);
      const body = (await missing.json()) as { error: Record<string, unknown> };
      expect(body.error).toMatchObject({ name: 'InputError', code: 'COLUMN_NOT_FOUND', column: 'loyalty' });
      expect(String(body.error.message)).toContain('"loyalty"');

      const outOfRange = await post(url, { ...request, rows: [...request.rows.slice(0, 10), { ...request.rows[10], recommend: 'ten' }] });
      expect(outOfRange.status).toBe(400);
      expect(((await outOfRange.json()) as { error: { code: string; row: number } }).error).toMatchObject({ code: 'NOT_NUMERIC', row: 10 });

      const tooFew = await post(url, { ...request, rows: request.rows.slice(0, 4) });
      expect(tooFew.status).toBe(400);
      expect(((await tooFew.json()) as { error: { code: string } }).error.code).toBe('TOO_FEW_CASES');

      const notJson = await post(url, '{"rows": [');
      expect(notJson.status).toBe(400);
      expect(((await notJson.json()) as { error: { code: string; argument: string } }).error).toMatchObject({
        code: 'INVALID_OPTION',
        argument: 'body',
      });

      const noRows = await post(url, { outcome: 'recommend', predictors: DRIVERS });
      expect(noRows.status).toBe(400);
      expect(((await noRows.json()) as { error: { argument: string } }).error.argument).toBe('body.rows');

      const tooMany = await post(url, { ...request, predictors: Array.from({ length: 16 }, (_, i) => `d${i}`) });
      expect(tooMany.status).toBe(400);
      expect(((await tooMany.json()) as { error: { code: string } }).error.code).toBe('LIMIT_EXCEEDED');
    });

    it('answers other methods and paths with 405 and 404, and oversized bodies with 413', async () => {
      expect((await fetch(url)).status).toBe(405);
      expect((await post(url.replace('/importance', '/other'), request)).status).toBe(404);
      const small = createServer({ maxBytes: 1000 });
      await new Promise<void>((resolve) => small.listen(0, '127.0.0.1', resolve));
      try {
        const response = await post(`http://127.0.0.1:${(small.address() as AddressInfo).port}/importance`, request);
        expect(response.status).toBe(413);
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
      } finally {
        small.closeAllConnections();
        await new Promise((resolve) => small.close(resolve));
      }
    });
  });

  it(
    'run directly, it listens (port 0: a free port), serves the request file, and stops on SIGTERM',
    async () => {
      const child = start('importance-service', ['0']);
      try {
        const [, port] = await waitForLine(child, /listening on http:\/\/127\.0\.0\.1:(\d+)\/importance/);
        const url = `http://127.0.0.1:${port}/importance`;
        const response = await post(url, request);
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual(expected);
        const bad = await post(url, { ...request, outcome: 'nope' });
        expect(bad.status).toBe(400);
        expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('COLUMN_NOT_FOUND');
      } finally {
        const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
        child.kill('SIGTERM');
        expect(await exited).toBe(0);
      }
    },
    SLOW,
  );
});

describe('path-model.ts', () => {
  it(
    'prints the paths with their intervals, the mediation and the IPMA of the ECSI model file, as analyze computes them',
    async () => {
      const out = ok(await run('path-model', ['--replicates', '100', '--no-svg']));
      const ecsiModel = await readModel(join(ROOT, 'examples', 'data', 'ecsi-model.json'));
      const ecsi = (await readData(join(ROOT, 'examples', 'data', 'ecsi.csv'), { model: ecsiModel })).rows;
      const paths = analyze(ecsi, ecsiModel, { bootstrap: { replicates: 100, seed: 42 } }).paths!;
      const b = paths.model.bootstrap!.paths[0]!;
      expect(out).toContain('Path model (n = 250, 100 bootstrap replicates, seed 42)');
      expect(out).toContain(`'${paths.model.paths[0]!.estimate.toFixed(3)}'`);
      expect(out).toContain(`'[${b.confidenceInterval[0].toFixed(3)}, ${b.confidenceInterval[1].toFixed(3)}]'`);
      expect(out).toContain(`R² of loyalty: ${paths.model.constructs['loyalty']!.rSquared!.toFixed(3)}`);
      const first = paths.importancePerformance!.constructs.find((c) => c.priority === 1)!;
      expect(out).toContain(
        `1. ${first.construct}: importance ${first.importance.toFixed(3)}, performance ${first.performance.toFixed(1)} (${first.quadrant})`,
      );
    },
    SLOW,
  );
});

describe('notebook-walkthrough.ts', () => {
  it(
    'runs its cells with danfojs DataFrames and writes the chart specs and SVGs to examples/output/',
    async () => {
      const out = ok(await run('notebook-walkthrough'));
      for (const cell of ['[1] The survey as a DataFrame', '[2] Loyalty indices from the DataFrame', '[3] Drivers', '[4] Charts'])
        expect(out).toContain(`%% ${cell}`);
      expect(out).toContain('shape [2000,27]');
      expect(out).toContain(`NPS ${nps(column('recommend')).estimate.toFixed(1)} (95% CI`);
      expect(out).toContain(`R2 ${ols(scored, { outcome: 'recommend', predictors: DRIVERS }).rSquared.toFixed(3)}, n = 1596`);
      expect(out).toContain('The quadrant map says: satisfaction to concentrate on.');
      const names = [
        'nps-distribution',
        'driver-importance',
        'importance-performance',
        'loyalty-segments',
        'nps-trend',
        'driver-trend',
        'reliability',
      ];
      const dir = join(ROOT, 'examples', 'output');
      for (const name of names) {
        expect(out).toContain(`output/${name}.vl.json`);
        const spec = JSON.parse(readFileSync(join(dir, `${name}.vl.json`), 'utf8')) as { $schema: string; data?: { values?: unknown[] } };
        expect(spec.$schema, name).toContain('vega-lite/v6');
        expect(existsSync(join(dir, `${name}.svg`)), name).toBe(true);
        const svg = readFileSync(join(dir, `${name}.svg`), 'utf8');
        expect(svg.startsWith('<svg'), name).toBe(true);
        expect(svg.trimEnd().endsWith('</svg>'), name).toBe(true);
      }
      // The NPS distribution spec carries the 11 score bars of the survey.
      const distribution = JSON.parse(readFileSync(join(dir, 'nps-distribution.vl.json'), 'utf8')) as {
        data: { values: { count: number }[] };
      };
      expect(distribution.data.values).toHaveLength(11);
      expect(distribution.data.values.reduce((sum, d) => sum + d.count, 0)).toBe(2000);
    },
    SLOW,
  );
});
