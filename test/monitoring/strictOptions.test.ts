// Strict options (docs/guides/conventions.md): every public function of segmentation, monitoring
// and analysis refuses a misspelled option key with INVALID_OPTION, naming it and the nearest
// valid key; nested option objects are checked the same way.
import { describe, it } from 'vitest';
import {
  analyze,
  chiSquareIndependence,
  compareMeans,
  compareNps,
  compareProportions,
  compareWaves,
  InputError,
  kruskalWallis,
  oneWayAnova,
  profileSegments,
  segmentLoyalty,
} from '../../src/index.js';
import { expectError } from '../helpers/fixtures.js';

const rows = [
  { wave: 1, recommend: 9, csat: 5, a: 1, b: 2, spend: 1, share: 0.8, lock: 'yes' },
  { wave: 1, recommend: 3, csat: 2, a: 2, b: 3, spend: 2, share: 0.1, lock: 'no' },
  { wave: 2, recommend: 10, csat: 4, a: 3, b: 1, spend: 3, share: 0.9, lock: 'yes' },
  { wave: 2, recommend: 2, csat: 1, a: 4, b: 5, spend: 4, share: 0.05, lock: 'no' },
];
const bad = (fn: () => unknown, path: string, suggestion: string) =>
  expectError(fn, InputError, 'INVALID_OPTION', [path, `did you mean "${suggestion}"?`]);

describe('strict options: a misspelled key throws INVALID_OPTION with a suggestion', () => {
  it('k-sample tests', () => {
    bad(
      () =>
        chiSquareIndependence(
          [
            [1, 2],
            [3, 4],
          ],
          { continuityCorection: true } as never,
        ),
      'options.continuityCorection',
      'continuityCorrection',
    );
    bad(
      () =>
        kruskalWallis(
          [
            [1, 2],
            [3, 4],
          ],
          { mising: 'omit' } as never,
        ),
      'options.mising',
      'missing',
    );
    bad(
      () =>
        oneWayAnova(
          [
            [1, 2],
            [3, 4],
          ],
          { methd: 'welch' } as never,
        ),
      'options.methd',
      'method',
    );
  });
  it('segmentLoyalty and profileSegments', () => {
    bad(
      () => segmentLoyalty(rows, { attitude: 'recommend', behaviour: 'share', attitudeCutt: 5 } as never),
      'options.attitudeCutt',
      'attitudeCut',
    );
    const s = segmentLoyalty(rows, { attitude: 'recommend', behaviour: 'share' });
    bad(() => profileSegments(rows, s, { wieghts: 'spend' } as never), 'options.wieghts', 'weights');
  });
  it('compareNps, compareProportions, compareMeans', () => {
    bad(() => compareNps([9, 3], [10, 2], { confidenceLevl: 0.9 } as never), 'options.confidenceLevl', 'confidenceLevel');
    bad(
      () => compareProportions({ successes: 1, n: 4 }, { successes: 2, n: 4 }, { continuityCorrections: true } as never),
      'options.continuityCorrections',
      'continuityCorrection',
    );
    bad(() => compareMeans([1, 2, 3], [2, 3, 4], { equalVariances: true } as never), 'options.equalVariances', 'equalVariance');
  });
  it('compareWaves, its nested options and its bootstrap', () => {
    bad(() => compareWaves(rows, { wave: 'wave', nps: 'recommend', baselin: 1 } as never), 'options.baselin', 'baseline');
    bad(
      () => compareWaves(rows, { wave: 'wave', nps: { column: 'recommend', promoterMn: 9 } } as never),
      'options.nps.promoterMn',
      'promoterMin',
    );
    bad(
      () => compareWaves(rows, { wave: 'wave', csat: { column: 'csat', satisfiedMn: 4 } } as never),
      'options.csat.satisfiedMn',
      'satisfiedMin',
    );
    bad(
      () => compareWaves(rows, { wave: 'wave', drivers: { a: ['a'], b: ['b'] }, importance: { outcom: 'recommend' } } as never),
      'options.importance.outcom',
      'outcome',
    );
    bad(
      () =>
        compareWaves(rows, {
          wave: 'wave',
          drivers: { a: ['a'], b: ['b'] },
          importance: { outcome: 'recommend', bootstrap: { replicates: 100, sed: 1 } },
        } as never),
      'options.importance.bootstrap.sed',
      'seed',
    );
    expectError(
      () =>
        compareWaves(rows, {
          wave: 'wave',
          drivers: { a: ['a'], b: ['b'] },
          importance: { outcome: 'recommend', bootstrap: { replicates: 100 } },
        } as never),
      InputError,
      'INVALID_OPTION',
      ['options.importance.bootstrap.seed'],
    );
  });
  it('analyze', () => {
    const model = { version: 1 } as never;
    bad(() => analyze(rows, model, { whatIfDelt: 1 } as never), 'options.whatIfDelt', 'whatIfDelta');
  });
});
