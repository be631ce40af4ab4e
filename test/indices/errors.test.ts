// Error paths of the indices: each asserts the class, the code and that the message names
// the argument/column and the row.
import { describe, expect, it } from 'vitest';
import {
  csat,
  customerLoyaltyIndex,
  InputError,
  InsufficientDataError,
  nps,
  repeatPurchaseRate,
  retentionRate,
  shareOfWallet,
} from '../../src/index.js';
import { expectError } from '../helpers/fixtures.js';

describe('index error paths', () => {
  it('an NPS cut outside the scale (no promoter could exist): INVALID_OPTION, not a silently empty category', () => {
    // promoterMin 11 on 0-10 leaves the promoter category empty by construction.
    expectError(() => nps([10, 9, 3], { promoterMin: 11 }), InputError, 'INVALID_OPTION', ['options.promoterMin']);
    expectError(() => nps([10, 9, 3], { detractorMax: -1 }), InputError, 'INVALID_OPTION', ['options.detractorMax']);
    expect(nps([5, 4, 1], { scale: { min: 1, max: 5, integer: true }, promoterMin: 5, detractorMax: 3 }).estimate).toBeCloseTo(0, 12);
  });

  it('empty input', () => {
    expectError(() => nps([]), InputError, 'EMPTY_INPUT', ['values']);
    expectError(() => csat(undefined as never), InputError, 'EMPTY_INPUT', ['values']);
    expectError(() => customerLoyaltyIndex([], { items: ['a'] }), InputError, 'EMPTY_INPUT', ['rows']);
  });
  it('all missing', () => {
    const e = expectError(() => nps([null, undefined, '', Number.NaN]), InsufficientDataError, 'TOO_FEW_CASES', ['0 non-missing', 'of 4']);
    expect(e).toBeInstanceOf(InsufficientDataError);
  });
  it('-99 in a 0-10 column is an error unless declared missing', () => {
    const e = expectError(() => nps([10, 9, -99, 3]), InputError, 'OUT_OF_RANGE', ['values[2]', '-99', 'missingCodes']);
    expect((e as InputError).location.row).toBe(2);
    const ok = nps([10, 9, -99, 3], { missingCodes: [-99] });
    expect(ok.n).toBe(3);
    expect(ok.missing.rowsDropped).toBe(1);
  });
  it('11 and 7.5 on a 0-10 integer scale', () => {
    expectError(() => nps([11]), InputError, 'OUT_OF_RANGE', ['values[0]', 'integer from 0 to 10']);
    expectError(() => nps([7.5]), InputError, 'OUT_OF_RANGE', ['values[0]', '7.5']);
  });
  it('a string in a numeric column names column and row', () => {
    const rows = [
      { rec: 9, rep: 9, up: 9 },
      { rec: 'nine', rep: 9, up: 9 },
    ];
    const e = expectError(() => customerLoyaltyIndex(rows, { items: ['rec', 'rep', 'up'] }), InputError, 'NOT_NUMERIC', [
      'column "rec"',
      'row 1',
      'nine',
    ]);
    expect((e as InputError).location).toMatchObject({ column: 'rec', row: 1 });
    expectError(() => nps([9, '9']), InputError, 'NOT_NUMERIC', ['values[1]']);
  });
  it('a missing column', () => {
    expectError(() => customerLoyaltyIndex([{ a: 1 }], { items: ['a', 'b'] }), InputError, 'COLUMN_NOT_FOUND', ['"b"']);
  });
  it('negative weights', () => {
    expectError(() => nps([9, 10], { weights: [1, -2] }), InputError, 'OUT_OF_RANGE', ['options.weights[1]', '-2']);
    expectError(() => csat([4, 5], { weights: [1] }), InputError, 'LENGTH_MISMATCH', ['options.weights']);
    expectError(() => nps([9, 10], { weights: [0, 0] }), InputError, 'OUT_OF_RANGE', ['every weight is zero']);
  });
  it("missing: 'fail' throws at the first missing value", () => {
    expectError(() => nps([9, null], { missing: 'fail' }), InputError, 'MISSING_VALUE', ['values[1]']);
  });
  it('bad options', () => {
    expectError(() => nps([9], { intervalMethod: 'exact' as never }), InputError, 'INVALID_OPTION', ['options.intervalMethod']);
    expectError(() => nps([9], { weights: [1], intervalMethod: 'adjusted-wald' }), InputError, 'INVALID_OPTION', [
      'not defined for weighted',
    ]);
    expectError(() => nps([9], { confidenceLevel: 95 }), InputError, 'INVALID_OPTION', ['options.confidenceLevel']);
    expectError(() => nps([9], { promoterMin: 6, detractorMax: 6 }), InputError, 'INVALID_OPTION', ['detractorMax']);
  });
  it('domain checks of the behavioural indices', () => {
    expectError(() => retentionRate([1, 0, 2]), InputError, 'OUT_OF_RANGE', ['retained[2]']);
    expectError(() => retentionRate({ atStart: 10, atEnd: 5, acquired: 8 }), InputError, 'OUT_OF_RANGE', ['atEnd - acquired']);
    expectError(() => repeatPurchaseRate([0, 0]), InsufficientDataError, 'TOO_FEW_CASES', ['none of the 2']);
    expectError(() => repeatPurchaseRate([1, -1]), InputError, 'OUT_OF_RANGE', ['purchases[1]']);
    expectError(() => shareOfWallet([5, 20], [10, 10]), InputError, 'OUT_OF_RANGE', ['brandSpend[1]', 'exceeds']);
  });
});
