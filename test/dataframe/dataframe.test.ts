// DataFrames in and out, tested with danfojs-node itself (installed as a dev dependency with the
// registry-only overrides): a DataFrame wherever rows go, results back as DataFrames.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { fromDataFrame, loadDanfo, resultTables, resultToRecords, toDataFrame, withDataFrames } from '../../src/dataframe/index.js';
import { readCsv } from '../../src/io/index.js';
import { relativeImportance } from '../../src/importance/relativeImportance.js';
import { withScaleScores } from '../../src/measurement/withScaleScores.js';
import { ols } from '../../src/regression/ols.js';
import { profileSegments } from '../../src/segmentation/profileSegments.js';
import { segmentLoyalty } from '../../src/segmentation/segmentLoyalty.js';
import { expectError, fixturePath } from '../helpers/fixtures.js';

const dfd = await loadDanfo();
const DRIVERS = ['satisfaction', 'image', 'trust', 'engagement'];
const survey = await readCsv(fixturePath('loyalty-survey.csv'));
const rows = withScaleScores(survey.rows, {
  satisfaction: ['sat1', 'sat2', 'sat3'],
  image: ['img1', 'img2', 'img3'],
  trust: ['tru1', 'tru2', 'tru3'],
  engagement: ['eng1', 'eng2', 'eng3'],
});

describe('DataFrame in', () => {
  it('a danfojs DataFrame of the survey converts back to the same rows (missing cells as null)', () => {
    const df = new dfd.DataFrame(survey.rows);
    expect(df.shape).toEqual([2000, 27]);
    expect(fromDataFrame(df)).toEqual(survey.rows);
  });

  it('NaN and undefined become null; rows pass through', () => {
    const df = new dfd.DataFrame({ a: [1, NaN, 3], b: ['x', 'y', undefined] });
    expect(fromDataFrame(df)).toEqual([
      { a: 1, b: 'x' },
      { a: null, b: 'y' },
      { a: 3, b: null },
    ]);
    const plain = [{ a: 1 }];
    expect(fromDataFrame(plain)).toBe(plain);
    expectError(() => fromDataFrame({ columns: 'a' } as never), InputError, 'INVALID_OPTION', ['a danfojs DataFrame']);
  });

  it('any library function takes a DataFrame through withDataFrames, with the same result as rows', () => {
    const options = { outcome: 'recommend', predictors: DRIVERS };
    const df = new dfd.DataFrame(rows);
    expect(withDataFrames(ols)(df, options)).toEqual(ols(rows, options));
    expect(withDataFrames(relativeImportance)(df, options)).toEqual(relativeImportance(rows, options));
    // Rows still work.
    expect(withDataFrames(ols)(rows, options)).toEqual(ols(rows, options));
  });
});

describe('results out', () => {
  const fit = ols(rows, { outcome: 'recommend', predictors: DRIVERS });
  const importance = relativeImportance(rows, { outcome: 'recommend', predictors: DRIVERS });

  it('regression coefficients: one row per term, intervals as lower/upper', () => {
    expect(resultTables(fit).slice(0, 2)).toEqual(['coefficients', 'vif']);
    const df = toDataFrame(fit, dfd);
    expect(df.shape).toEqual([5, 10]);
    expect(df.columns).toEqual([
      'term',
      'estimate',
      'standardError',
      'tStatistic',
      'pValue',
      'confidenceInterval.lower',
      'confidenceInterval.upper',
      'confidenceLevel',
      'intervalMethod',
      'standardizedEstimate',
    ]);
    const back = fromDataFrame(df);
    fit.coefficients.forEach((c, i) => {
      expect(back[i]).toMatchObject({
        term: c.term,
        estimate: c.estimate,
        standardError: c.standardError,
        'confidenceInterval.lower': c.confidenceInterval[0],
      });
    });
  });

  it('importance: one row per driver with a column per metric; shares likewise', () => {
    const df = toDataFrame(importance, dfd, { index: 'driver' });
    expect(df.columns).toEqual(['driver', ...importance.metrics]);
    const back = fromDataFrame(df);
    expect(back.map((r) => r['driver'])).toEqual(DRIVERS);
    DRIVERS.forEach((d, i) => expect(back[i]!['lmg']).toBe(importance.importance.lmg![d]));
    const shares = resultToRecords(importance, { table: 'shares' });
    expect(shares.map((r) => r['lmg'])).toEqual(DRIVERS.map((d) => importance.shares.lmg![d]));
  });

  it('segment profiles: one row per segment, nested summaries as dotted columns', () => {
    const segments = segmentLoyalty(rows, { attitude: 'recommend', behaviour: { ratio: ['spend_12m', 'category_spend_12m'] } });
    const profiles = profileSegments(rows, segments, { variables: ['satisfaction', 'region'] });
    const df = toDataFrame(profiles, dfd, { table: 'profiles', index: 'segment' });
    const back = fromDataFrame(df);
    expect(back.map((r) => r['segment'])).toEqual(Object.keys(profiles.profiles as object));
    const first = Object.values(profiles.profiles as Record<string, { n: number; numeric: Record<string, { mean: number }> }>)[0]!;
    expect(back[0]).toMatchObject({ n: first.n, 'numeric.satisfaction.mean': first.numeric['satisfaction']!.mean });
  });

  it('a result without tables is one row; rows become a DataFrame as they are', () => {
    expect(resultToRecords({ nps: -16.2, n: 2000, confidenceInterval: [-19.5, -12.9] })).toEqual([
      { nps: -16.2, n: 2000, 'confidenceInterval.lower': -19.5, 'confidenceInterval.upper': -12.9 },
    ]);
    const df = toDataFrame(survey.rows.slice(0, 3), dfd);
    expect(df.shape).toEqual([3, 27]);
  });

  it('an unknown table names the tables there are; a bad danfo module is refused', () => {
    expectError(() => resultToRecords(fit, { table: 'coefficient' }), InputError, 'INVALID_OPTION', [
      '"coefficient" is not a table of this result (tables: coefficients, vif',
    ]);
    expectError(() => toDataFrame(fit, {} as never), InputError, 'INVALID_OPTION', ['expected the danfojs module']);
    expectError(() => toDataFrame([], dfd), InputError, 'INVALID_OPTION', ['the table is empty']);
  });
});
