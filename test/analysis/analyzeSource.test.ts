// analyzeSource (the streaming path: column chunks, per-section accumulators) equals analyze on
// the rows of the same file, field by field, every section, to 1e-12 relative: the reference is
// analyze over rows, whose sections are each checked against R in their own tests. Small chunks
// (337 rows) so that every accumulator merges many chunks, including a ragged last one.
import { describe, expect, it } from 'vitest';
import { analyze, type Analysis } from '../../src/analysis/analyze.js';
import { analyzeSource, readColumnChunks, readData, readModel } from '../../src/io/index.js';
import { columnChunksFromRows } from '../../src/io/columnChunks.js';
import { analyzeChunks } from '../../src/analysis/stream/analyzeChunks.js';
import { readFileSync } from 'node:fs';
import { validateModel } from '../../src/model/validateModel.js';
import { fixturePath } from '../helpers/fixtures.js';
import type { LoyaltyModel } from '../../src/model/types.js';

const SURVEY = fixturePath('loyalty-survey.csv');
const MODEL = 'examples/data/model.json';

/** Every difference between two JSON values beyond `rel` relative, as `path: a vs b`. */
/** Outcome sections analyzeSource does not compute yet. */
const NOT_STREAMED: string[] = [];

function differences(a: unknown, b: unknown, rel: number, path = '$', out: string[] = []): string[] {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) && Number.isNaN(b)) return out;
    const scale = Math.max(Math.abs(a), Math.abs(b));
    // Quantities that are zero in exact arithmetic (the chi-square, SRMR and gradient of a
    // saturated 3-item factor model) come out as rounding noise of either sign: below 1e-11 both
    // are zero. Everything else is compared relative.
    const noise = Math.abs(a) < 1e-11 && Math.abs(b) < 1e-11;
    // A what-if NPS is 100 (p+ - p-), a difference of weight shares: its rounding is relative to
    // the NPS scale (100), not to its value, which can be near 0 (on the unweighted model the
    // predicted upper limit is 0.0247, and summing weights per score value instead of per case
    // moves it by 7e-13 points). So those compare to 1e-12 of 100.
    const npsScale = /\.nps\.(baseline|predicted)\.(estimate|confidenceInterval)|\.nps\.change/.test(path) ? 100 : 0;
    if (a !== b && !noise && !(Math.abs(a - b) <= rel * Math.max(scale, npsScale))) out.push(`${path}: ${a} vs ${b}`);
    return out;
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    if (a !== b) out.push(`${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
    return out;
  }
  if (Array.isArray(a) !== Array.isArray(b)) {
    out.push(`${path}: array vs object`);
    return out;
  }
  // Outcome sections not streamed yet (docs/guides/large-data.md): none at the moment.
  const keys = new Set(
    [...Object.keys(a), ...Object.keys(b)].filter((k) => !(/^\$\.outcomes\.\d+$/.test(path) && NOT_STREAMED.includes(k))),
  );
  for (const k of keys) {
    const x = (a as Record<string, unknown>)[k];
    const y = (b as Record<string, unknown>)[k];
    // An interval bound near 0 is the difference of larger numbers (estimate -/+ q SE): its
    // rounding is relative to the interval's larger bound, not to its own value (penalty-reward
    // fitted on counted cases: an asymmetry bound of -0.00985 moved 1e-14).
    if (k === 'confidenceInterval' && Array.isArray(x) && Array.isArray(y) && x.length === 2 && y.length === 2) {
      const bounds = [...x, ...y] as number[];
      if (bounds.every((v) => typeof v === 'number' && Number.isFinite(v))) {
        const width = Math.max(...bounds.map(Math.abs));
        x.forEach((v, i) => {
          if (Math.abs((v as number) - (y[i] as number)) > rel * width) out.push(`${path}.${k}.${i}: ${v} vs ${y[i]}`);
        });
        continue;
      }
    }
    if (x === undefined && y === undefined) continue;
    if (x === undefined || y === undefined) {
      out.push(`${path}.${k}: ${x === undefined ? 'missing' : 'present'} vs ${y === undefined ? 'missing' : 'present'}`);
      continue;
    }
    differences(x, y, rel, `${path}.${k}`, out);
  }
  return out;
}

const json = (a: Analysis): unknown => JSON.parse(JSON.stringify(a));

describe('analyzeSource', () => {
  it('equals analyze on the rows of the example survey, every section, to 1e-12 relative', async () => {
    const model = await readModel(MODEL);
    const { rows } = await readData(SURVEY, { model });
    const expected = json(analyze(rows, model));
    const actual = json(await analyzeSource(SURVEY, model, { read: { chunkSize: 337 }, perRow: true }));
    // Every section the model asks for is there (none skipped), so the comparison covers them all.
    const a = actual as Analysis;
    expect(a.skipped).toEqual([]);
    expect(Object.keys(a.indices).sort()).toEqual(['csat', 'customerLoyaltyIndex', 'nps', 'npsWeighted', 'retention']);
    expect(a.measurement?.htmt).toBeDefined();
    expect(a.measurement?.driverCorrelations).toBeDefined();
    expect(a.outcomes.map((o) => o.outcome)).toEqual(['recommend', 'retained']);
    expect(a.outcomes[0]!.whatIf).toHaveLength(4);
    expect(a.segmentation?.profile).toBeDefined();
    expect(a.waves).toBeDefined();
    expect(differences(actual, expected, 1e-12)).toEqual([]);
  });
  it('a model file parsed but not validated is validated first (its shorthands expanded), a bad one is an InputError', async () => {
    const raw = JSON.parse(readFileSync(MODEL, 'utf8')) as LoyaltyModel;
    const model = await readModel(MODEL);
    const { rows } = await readData(SURVEY, { model });
    const expected = json(analyze(rows, model));
    expect(differences(json(await analyzeSource(SURVEY, raw, { perRow: true })), expected, 1e-12)).toEqual([]);
    expect(differences(json(analyze(rows, raw)), expected, 0)).toEqual([]);
    const bad = { ...(raw as object), drivers: ['satisfaction', 'loyalty'] } as unknown as LoyaltyModel;
    await expect(analyzeSource(SURVEY, bad)).rejects.toMatchObject({ name: 'InputError', code: expect.any(String) });
    expect(() => analyze(rows, bad)).toThrow(/drivers/);
  });
  it('equals analyze with a second read of the file (a model whose kept columns do not hold the regression), and unweighted', async () => {
    // Without segmentation the second pass reads the file for the regressions and for the
    // columns penalty-reward keeps (outcome, scores), scoring the items again.
    const file = JSON.parse(readFileSync(MODEL, 'utf8')) as Record<string, unknown>;
    for (const key of ['segmentation', 'wave', 'weight', 'retained']) delete file[key];
    file['outcomes'] = ['recommend', 'repurchase_intent'];
    const model = validateModel(file);
    const { rows } = await readData(SURVEY, { model });
    const expected = json(analyze(rows, model));
    const actual = json(await analyzeSource(SURVEY, model, { read: { chunkSize: 500 }, perRow: true }));
    expect((actual as Analysis).outcomes.map((o) => o.outcome)).toEqual(['recommend', 'repurchase_intent']);
    expect((actual as Analysis).outcomes[1]!.whatIf).toHaveLength(4);
    expect(differences(actual, expected, 1e-12)).toEqual([]);
  });
  it('an ordinal outcome: linear regression on its codes and ordinal importance over its distinct patterns, equal to analyze', async () => {
    const file = JSON.parse(readFileSync(MODEL, 'utf8')) as Record<string, unknown>;
    file['outcomes'] = [
      { column: 'recommend', kind: 'ordinal' },
      { column: 'retained', kind: 'binary' },
    ];
    const model = validateModel(file);
    const { rows } = await readData(SURVEY, { model });
    const expected = json(analyze(rows, model));
    const actual = json(await analyzeSource(SURVEY, model, { read: { chunkSize: 337 }, perRow: true }));
    const o = (actual as Analysis).outcomes[0]!;
    expect(o.kind).toBe('ordinal');
    expect(o.importance!.family).toBe('ordinal');
    expect(o.dominance!.family).toBe('ordinal');
    expect(differences(actual, expected, 1e-12)).toEqual([]);
  });
  it("the path model (model.paths) from its items' moments: equal to analyze without a bootstrap; with one, a warning", async () => {
    const file = fixturePath('ecsi.csv');
    const model = await readModel('examples/data/ecsi-model.json');
    const { rows } = await readData(file, { model });
    const expected = json(analyze(rows, model));
    const actual = json(await analyzeSource(file, model, { read: { chunkSize: 37 }, perRow: true }));
    expect((actual as Analysis).paths!.importancePerformance!.target).toBe('loyalty');
    // Beyond 1e-12, and why: each result says where it came from ('sufficient-statistics' vs
    // 'rows'); the weight iteration's last change (7.5e-9) is a difference of weights that agree
    // to 1e-16, so it carries their rounding; a factor model's chi-square and discrepancy (F_ML =
    // log|Sigma| - log|S| + tr(S Sigma^-1) - p = 1.5e-4 here) cancel O(1) terms, so they are
    // compared at 1e-16 x p / F, about 1e-10 relative.
    const diffs = differences(actual, expected, 1e-12).filter(
      (d) => !/^\$\.paths\.[a-zA-Z]+\.source: "sufficient-statistics" vs "rows"$/.test(d) && !/\.convergence\.lastChange:/.test(d),
    );
    const loose = diffs.filter((d) => /factorModel\.fit\.(chiSquare|discrepancy):/.test(d));
    expect(diffs.filter((d) => !loose.includes(d))).toEqual([]);
    for (const d of loose) {
      const [x, y] = d.split(': ')[1]!.split(' vs ').map(Number);
      expect(Math.abs(x! - y!) / Math.abs(y!)).toBeLessThan(1e-10);
    }
    const boot = await analyzeSource(file, model, { bootstrap: { replicates: 50, seed: 1 } });
    expect(boot.paths!.model.bootstrap).toBeNull();
    expect(boot.warnings.map((w) => w.code)).toContain('BOOTSTRAP_NOT_RUN');
  });
  it("the model's missing codes in the segmentation's measures, profiled columns, recommend and revenue are missing answers, on rows and on chunks alike", async () => {
    // Before, a declared -99 in recommend (an item of the loyalty index, the attitude measure)
    // threw OUT_OF_RANGE ("declare it in missingCodes") from the segmentation.
    const model = await readModel(MODEL);
    expect(model.missingCodes).toEqual([-99]);
    const { rows } = await readData(SURVEY, { model });
    const coded = rows.map((r, i) => ({
      ...r,
      recommend: i % 50 === 0 ? -99 : r['recommend'],
      tenure_months: i % 40 === 0 ? -99 : r['tenure_months'],
      spend_12m: i % 45 === 0 ? -99 : r['spend_12m'],
      region: i % 35 === 0 ? -99 : r['region'],
    }));
    const expected = json(analyze(coded, model)) as Analysis;
    const actual = json(
      await analyzeChunks(
        async function* (request) {
          yield* columnChunksFromRows(coded, request, 333);
        },
        model,
        {},
        { perRow: true },
      ),
    ) as Analysis;
    const seg = expected.segmentation!;
    expect(seg.segments.missing.byColumn['recommend']).toBe(40);
    const tenure = seg.profile.variables.find((v) => v.name === 'tenure_months')!;
    expect(tenure.type).toBe('numeric');
    expect(seg.profile.missing.byColumn['tenure_months']).toBeGreaterThan(0);
    // A coded recommend leaves its row without an attitude, so out of every segment; a coded
    // region is a missing category, not a category "-99".
    expect(seg.profile.profiles.true.nps).not.toBeNull();
    expect(seg.profile.missing.byColumn['region']).toBeGreaterThan(0);
    expect(JSON.stringify(seg.profile.profiles)).not.toContain('"-99"');
    expect(differences(actual, expected, 1e-12)).toEqual([]);
  });
  it('a missing code in the 0/1 outcome drops those rows from its pattern fits, as on rows', async () => {
    const base = await readModel(MODEL);
    const { rows } = await readData(SURVEY, { model: base });
    const model = { ...base, missingCodes: [-99] };
    // Every 7th respondent's retained coded -99.
    const coded = rows.map((r, i) => (i % 7 === 0 ? { ...r, retained: -99 } : r));
    const options = {};
    const expected = json(analyze(coded, model, options));
    const actual = json(
      await analyzeChunks(
        async function* (request) {
          yield* columnChunksFromRows(coded, request, 333);
        },
        model,
        options,
        { perRow: true },
      ),
    );
    const binary = (actual as Analysis).outcomes.find((o) => o.outcome === 'retained')!;
    expect(binary.importance!.n).toBeLessThan(rows.length * (6 / 7));
    expect(differences(actual, expected, 1e-12)).toEqual([]);
  });
  it('segments and profiles from value tables: equal with rows kept past a small table cap, unweighted too', async () => {
    // A cap of 5 distinct values sends most values of the ratio, the revenue and tenure to the
    // rows-as-they-come fallback, merged into the table at the end: the same result.
    for (const dropWeight of [false, true]) {
      const file = JSON.parse(readFileSync(MODEL, 'utf8')) as Record<string, unknown>;
      delete file['wave'];
      if (dropWeight) delete file['weight'];
      const model = validateModel(file);
      const { rows } = await readData(SURVEY, { model });
      const expected = json(analyze(rows, model));
      const actual = json(
        await analyzeChunks(
          (request) => readColumnChunks(SURVEY, { model, request, chunkSize: 401 }),
          model,
          {},
          {
            perRow: true,
            valueTableCap: 5,
          },
        ),
      );
      expect((actual as Analysis).segmentation?.profile.n).toBeGreaterThan(1000);
      expect(differences(actual, expected, 1e-12)).toEqual([]);
    }
  });
  it('segments with a threshold cut, and profiles of a text-coded numeric column (wave) and a count', async () => {
    // "wave" is not declared numeric, so the columnar path reads it as categories whose levels
    // are numbers: profileSegments' type rule makes it numeric (values other than 0 and 1).
    const file = JSON.parse(readFileSync(MODEL, 'utf8')) as Record<string, unknown>;
    delete file['wave'];
    const seg = file['segmentation'] as Record<string, unknown>;
    seg['attitudeCut'] = 6;
    seg['profile'] = ['region', 'wave', 'purchases_12m', 'tenure_months'];
    const model = validateModel(file);
    const { rows } = await readData(SURVEY, { model });
    const expected = json(analyze(rows, model)) as Analysis;
    const actual = json(await analyzeSource(SURVEY, model, { read: { chunkSize: 700 }, perRow: true })) as Analysis;
    expect(actual.segmentation?.profile.variables.map((v) => [v.name, v.type])).toEqual([
      ['switching_cost', 'categorical'],
      ['satisfaction', 'numeric'],
      ['image', 'numeric'],
      ['trust', 'numeric'],
      ['engagement', 'numeric'],
      ['region', 'categorical'],
      ['wave', 'numeric'],
      ['purchases_12m', 'numeric'],
      ['tenure_months', 'numeric'],
    ]);
    expect(actual.segmentation?.segments.cuts.attitude.rule).toBe('threshold');
    expect(differences(actual, expected, 1e-12)).toEqual([]);
  });
  it("the row-resampling bootstrap of importance runs on the kept outcome, scores and weight: the rows' draws exactly", async () => {
    // A model with a segmentation (its lockIn, profile and revenue columns are not kept for it).
    const model = await readModel(MODEL);
    const { rows } = await readData(SURVEY, { model });
    const bootstrap = { replicates: 50, seed: 3, method: 'row-resampling' as const };
    const expected = analyze(rows, model, { bootstrap });
    const actual = await analyzeSource(SURVEY, model, { bootstrap, perRow: true, read: { chunkSize: 337 } });
    expect(actual.skipped).toEqual([]);
    expect(actual.outcomes[0]!.importance!.bootstrap!.method).toBe('row-resampling');
    expect(JSON.stringify(actual.outcomes[0]!.importance!.bootstrap)).toBe(JSON.stringify(expected.outcomes[0]!.importance!.bootstrap));
  });
  it('leaves the per-row arrays out by default (segmentation.segments.perRow false), the rest equal', async () => {
    const model = await readModel(MODEL);
    const streamed = await analyzeSource(SURVEY, model);
    const kept = await analyzeSource(SURVEY, model, { perRow: true });
    const seg = streamed.segmentation!.segments;
    expect(seg.perRow).toBe(false);
    expect(seg.assignments).toEqual([]);
    expect(seg.scores).toEqual({ attitude: [], behaviour: [] });
    expect(seg.unassigned).toEqual([]);
    expect(streamed.indices.customerLoyaltyIndex!.perRespondent).toEqual([]);
    expect(kept.segmentation!.segments.assignments).toHaveLength(2000);
    const strip = (a: Analysis) => {
      const j = json(a) as {
        segmentation: { segments: Record<string, unknown> };
        indices: { customerLoyaltyIndex: Record<string, unknown> };
      };
      for (const k of ['assignments', 'scores', 'unassigned', 'perRow']) delete j.segmentation.segments[k];
      delete j.indices.customerLoyaltyIndex['perRespondent'];
      return j;
    };
    expect(differences(strip(streamed), strip(kept), 0)).toEqual([]);
  });
  it('past rowLimit the row-bound sections (the panel transitions) are skipped (TOO_MANY_ROWS), the others unchanged', async () => {
    const model = await readModel(MODEL);
    const full = json(await analyzeSource(SURVEY, model, { perRow: true })) as Analysis;
    const limited = json(await analyzeSource(SURVEY, model, { perRow: true, rowLimit: 1000 })) as Analysis;
    expect(limited.skipped.map((s) => [s.section, s.outcome ?? null, s.code])).toEqual([['transitions', null, 'TOO_MANY_ROWS']]);
    expect(limited.skipped[0]!.message).toMatch(/^2,000 rows: .* up to 1,000 rows/);
    // The wave comparison streams; only its panel transitions (matched by id) are row-bound.
    // (The example is no panel: its transitions are null with a NO_PANEL warning.)
    expect(full.waves!.warnings.map((w) => w.code)).toEqual(['NO_PANEL']);
    expect(limited.waves!.warnings).toEqual([]);
    expect(limited.waves!.comparisons.map((c) => c.transitions)).toEqual([null]);
    const withoutTransitions = (w: Analysis['waves']) => ({
      ...w,
      warnings: [],
      comparisons: w!.comparisons.map((c) => ({ ...c, transitions: null })),
    });
    expect(differences(withoutTransitions(limited.waves), withoutTransitions(full.waves), 0)).toEqual([]);
    expect(limited.outcomes.map((o) => o.outcome)).toEqual(['recommend', 'retained']);
    // Penalty-reward and necessary conditions come from the counted cases at any size too.
    expect(limited.outcomes[0]!.asymmetry).toBeDefined();
    expect(limited.outcomes[0]!.necessity).toBeDefined();
    expect(differences(limited.outcomes[0], full.outcomes[0], 0)).toEqual([]);
    // The 0/1 outcome's logistic fit and importance come from its distinct patterns at any size.
    expect(differences(limited.outcomes[1], full.outcomes[1], 0)).toEqual([]);
    expect(limited.outcomes[1]!.importance?.n).toBe(full.outcomes[1]!.importance?.n);
    // The per-row arrays are given up past the limit too.
    const seg = limited.segmentation!.segments;
    expect(seg.perRow).toBe(false);
    expect(seg.assignments).toEqual([]);
    const perRowFields = (x: Analysis['segmentation']) => {
      const { assignments: _a, scores: _s, unassigned: _u, perRow: _p, ...rest } = x!.segments;
      return { ...x!, segments: rest };
    };
    expect(differences(perRowFields(limited.segmentation), perRowFields(full.segmentation), 0)).toEqual([]);
    expect(differences(limited.indices, full.indices, 0)).toEqual([]);
    await expect(analyzeSource(SURVEY, model, { rowLimit: -1 })).rejects.toThrow(/options.rowLimit/);
    for (const name of ['perRow', 'readInWorker'] as const) {
      await expect(analyzeSource(SURVEY, model, { [name]: 'yes' } as never)).rejects.toMatchObject({
        code: 'INVALID_OPTION',
        location: { argument: `options.${name}` },
      });
    }
  });
  it('past a small pattern cap the counted fits (0/1 outcome, penalty-reward, necessity) use the kept columns, and past the row limit too they are skipped', async () => {
    const model = await readModel(MODEL);
    const rows = (await readData(SURVEY, { model })).rows;
    const pass = (request: Parameters<typeof columnChunksFromRows>[1]) => columnChunksFromRows(rows, request, 300);
    const full = json(await analyzeChunks(pass, model, {}, { perRow: true })) as Analysis;
    // 2,000 respondents have about 2,000 distinct (outcome, scores, weight) cases: a cap of 50 is passed.
    const capped = json(await analyzeChunks(pass, model, {}, { perRow: true, patternCap: 50 })) as Analysis;
    expect(differences(capped, full, 1e-12)).toEqual([]);
    const both = json(await analyzeChunks(pass, model, {}, { patternCap: 50, rowLimit: 1000 })) as Analysis;
    expect(both.skipped.filter((s) => s.outcome === 'retained').map((s) => [s.section, s.code])).toEqual([['regression', 'TOO_MANY_ROWS']]);
    expect(both.skipped.filter((s) => s.outcome === 'recommend').map((s) => s.section)).toEqual(['asymmetry', 'necessity']);
  });
});
