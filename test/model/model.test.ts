// Model file: validation names the bad key by its JSON path, normalization, the example model,
// the reading plan a model implies, and JSON syntax errors located by line and column.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { checkModel, modelColumns, parseModel, validateModel } from '../../src/model/index.js';
import { expectError, loadCsv } from '../helpers/fixtures.js';

const ROOT = join(__dirname, '..', '..');
const exampleText = readFileSync(join(ROOT, 'examples', 'data', 'model.json'), 'utf8');
const example = JSON.parse(exampleText) as Record<string, unknown>;
const columns = Object.keys(loadCsv('loyalty-survey.csv')[0]!);

/** The first error message checkModel reports for `model` (against the survey's columns). */
function firstError(model: unknown): string | undefined {
  return checkModel(model, { columns }).errors[0]?.message;
}

describe('the example model file', () => {
  it('is valid for the example survey, without warnings', () => {
    const check = checkModel(example, { columns });
    expect(check.errors).toEqual([]);
    expect(check.warnings).toEqual([]);
    const model = check.model!;
    expect(model.drivers).toEqual(['satisfaction', 'image', 'trust', 'engagement']);
    expect(model.scales.trust).toEqual({ items: ['tru1', 'tru2', 'tru3'], reverse: [], min: 1, max: 7, integer: true });
    expect(model.outcomes).toEqual([
      { column: 'recommend', kind: 'continuous' },
      { column: 'retained', kind: 'binary' },
    ]);
    expect(model.recommend).toEqual({ column: 'recommend', promoterMin: 9, detractorMax: 6 });
    expect(model.loyaltyIndex).toEqual({ items: ['recommend', 'repurchase_intent', 'upsell_intent'], method: 'mean', min: 0, max: 10 });
    expect(model.scoring).toEqual({ statistic: 'mean', minimumAnswered: {}, rescale: 'none' });
    expect(model.missingCodes).toEqual([-99]);
  });

  it('is the same survey as the test fixture (copied verbatim)', () => {
    const copy = readFileSync(join(ROOT, 'examples', 'data', 'loyalty-survey.csv'));
    const fixture = readFileSync(join(ROOT, 'test', 'fixtures', 'loyalty-survey.csv'));
    expect(copy.equals(fixture)).toBe(true);
  });

  it('round-trips: validating a validated model changes nothing, and it survives JSON', () => {
    const once = validateModel(example, { columns });
    expect(validateModel(once, { columns })).toEqual(once);
    expect(JSON.parse(JSON.stringify(once))).toEqual(once);
    expect(parseModel(exampleText, { columns, file: 'model.json' })).toEqual(once);
  });

  it('implies column types and ranges for reading', () => {
    const c = modelColumns(validateModel(example));
    expect(c['respondent_id']).toEqual({ type: 'string' });
    expect(c['weight']).toEqual({ type: 'number', min: 0 });
    expect(c['wave']).toEqual({});
    expect(c['sat2']).toEqual({ type: 'number', min: 1, max: 7, integer: true });
    expect(c['retained']).toEqual({ type: 'number', min: 0, max: 1, integer: true });
    expect(c['switching_cost']).toEqual({ type: 'number', min: 0, max: 1, integer: true });
    expect(c['spend_12m']).toEqual({ type: 'number', min: 0 }); // declared min 0 overrides the implied plain number
    expect(c['recommend']).toMatchObject({ type: 'number', min: 0, max: 10, integer: true });
    expect(c['region']).toEqual({ type: 'string' });
    expect(Object.keys(c)).toContain('tenure_months');
  });
});

describe('shorthands and defaults', () => {
  it('expands lists, strings and defaults', () => {
    const m = validateModel({
      scales: { trust: ['tru1', 'tru2', 'tru3'], image: { items: ['img1', 'img2'], reverse: ['img2'], min: 1, max: 7 } },
      outcomes: ['recommend'],
      recommend: 'recommend',
      csat: 'csat',
      loyaltyIndex: ['recommend', 'repurchase_intent', 'upsell_intent'],
    });
    expect(m).toEqual({
      version: 1,
      missingCodes: [],
      scales: {
        trust: { items: ['tru1', 'tru2', 'tru3'], reverse: [] },
        image: { items: ['img1', 'img2'], reverse: ['img2'], min: 1, max: 7 },
      },
      scoring: { statistic: 'mean', minimumAnswered: {}, rescale: 'none' },
      drivers: ['trust', 'image'],
      outcomes: [{ column: 'recommend', kind: 'continuous' }],
      recommend: { column: 'recommend', promoterMin: 9, detractorMax: 6 },
      csat: { column: 'csat', satisfiedMin: 4 },
      loyaltyIndex: { items: ['recommend', 'repurchase_intent', 'upsell_intent'], method: 'mean', min: 0, max: 10 },
      columns: {},
    });
  });

  it('an empty model is valid (every section is optional)', () => {
    expect(validateModel({}).drivers).toEqual([]);
  });
});

describe('every bad key is named by its JSON path', () => {
  it('an item that is not a column, with a suggestion among the unused columns', () => {
    const model = { scales: { trust: { items: ['tru1', 'tru2', 'tru4'] } } };
    const e = expectError(() => validateModel(model, { columns }), InputError, 'COLUMN_NOT_FOUND', [
      'model.scales.trust.items[2]: "tru4" is not a column of the data (did you mean "tru3"?)',
    ]);
    expect((e as InputError).location).toMatchObject({ argument: 'model.scales.trust.items[2]', column: 'tru4' });
  });

  const cases: [string, unknown, string][] = [
    ['typo in a top-level key', { scale: {} }, 'model.scale: unknown key (did you mean "scales"?)'],
    ['version', { version: 2 }, 'model.version: expected 1'],
    ['weight column', { weight: 'weights' }, 'model.weight: "weights" is not a column of the data (did you mean "weight"?)'],
    ['missing codes', { missingCodes: [-99, 'x'] }, 'model.missingCodes[1]: expected a finite number, got "x"'],
    ['scales not an object', { scales: ['sat1'] }, 'model.scales: expected an object mapping each driver name to its items'],
    ['scale item listed twice', { scales: { s: ['sat1', 'sat1'] } }, 'model.scales.s[1]: "sat1" is listed twice'],
    ['scale without items', { scales: { s: { min: 1, max: 7 } } }, 'model.scales.s.items: missing'],
    [
      'unknown scale key',
      { scales: { s: { items: ['sat1'], revers: ['sat1'] } } },
      'model.scales.s.revers: unknown key (did you mean "reverse"?)',
    ],
    [
      'reverse item not an item',
      { scales: { s: { items: ['sat1', 'sat2'], reverse: ['sat3'], min: 1, max: 7 } } },
      'model.scales.s.reverse[0]: "sat3" is not one of the scale\'s items (sat1, sat2)',
    ],
    [
      'reverse without a range',
      { scales: { s: { items: ['sat1', 'sat2'], reverse: ['sat2'] } } },
      'model.scales.s: reverse-worded items are recoded as min + max - x, so the scale needs min and max',
    ],
    ['min not below max', { scales: { s: { items: ['sat1'], min: 7, max: 1 } } }, 'model.scales.s.min: min (7) must be below max (1)'],
    ['integer not a boolean', { scales: { s: { items: ['sat1'], integer: 'yes' } } }, 'model.scales.s.integer: expected true or false'],
    [
      'driver that is not a scale',
      { scales: { trust: ['tru1'] }, drivers: ['trsut'] },
      'model.drivers[0]: "trsut" is not a scale of the model (did you mean "trust"?)',
    ],
    [
      'outcome listed twice',
      { outcomes: ['recommend', { column: 'recommend', kind: 'binary' }] },
      'model.outcomes[1]: outcome "recommend" is listed twice',
    ],
    [
      'outcome kind',
      { outcomes: [{ column: 'retained', kind: 'logistic' }] },
      'model.outcomes[0].kind: expected "continuous", "binary" or "ordinal", got "logistic"',
    ],
    ['outcome that is a driver', { scales: { trust: ['tru1'] }, outcomes: ['trust'] }, 'model.outcomes[0]: "trust" is a driver'],
    [
      'NPS cut points',
      { recommend: { column: 'recommend', promoterMin: 6, detractorMax: 6 } },
      'model.recommend.detractorMax: detractorMax (6) must be below promoterMin (6)',
    ],
    [
      'NPS cut point off the scale',
      { recommend: { column: 'recommend', promoterMin: 11 } },
      'model.recommend.promoterMin: expected an integer from 0 to 10, got 11',
    ],
    ['csat column', { csat: { column: 'CSAT' } }, 'model.csat.column: "CSAT" is not a column of the data (did you mean "csat"?)'],
    ['loyalty index with one item', { loyaltyIndex: ['recommend'] }, 'model.loyaltyIndex: expected at least 2 column names, got 1'],
    [
      'loyalty index method',
      { loyaltyIndex: { items: ['recommend', 'upsell_intent'], method: 'median' } },
      'model.loyaltyIndex.method: expected "mean" or "net", got "median"',
    ],
    ['segmentation without attitude', { segmentation: { behaviour: 'spend_12m' } }, 'model.segmentation.attitude: missing'],
    [
      'segmentation measure not found',
      { segmentation: { attitude: 'loyalty', behaviour: 'spend_12m' } },
      'model.segmentation.attitude: "loyalty" is neither a column of the data nor a scale of the model',
    ],
    [
      'loyaltyIndex measure without its items',
      { segmentation: { attitude: 'loyaltyIndex', behaviour: 'spend_12m' } },
      'model.segmentation.attitude: "loyaltyIndex" needs the model\'s loyaltyIndex items',
    ],
    [
      'ratio with one column',
      { segmentation: { attitude: 'recommend', behaviour: { ratio: ['spend_12m'] } } },
      'model.segmentation.behaviour.ratio: expected [numerator, denominator] column names',
    ],
    [
      'ratio column not found',
      { segmentation: { attitude: 'recommend', behaviour: { ratio: ['spend_12m', 'category_spend'] } } },
      'model.segmentation.behaviour.ratio[1]: "category_spend" is not a column of the data',
    ],
    [
      'two measure forms',
      { segmentation: { attitude: { column: 'recommend', mean: ['csat'] }, behaviour: 'spend_12m' } },
      'model.segmentation.attitude: expected exactly one of "column", "mean" or "ratio", got column and mean',
    ],
    [
      'cut',
      { segmentation: { attitude: 'recommend', behaviour: 'spend_12m', attitudeCut: 'mean' } },
      'model.segmentation.attitudeCut: expected a number or "median", got "mean"',
    ],
    [
      'profile column',
      { segmentation: { attitude: 'recommend', behaviour: 'spend_12m', profile: ['regoin'] } },
      'model.segmentation.profile[0]: "regoin" is not a column of the data (did you mean "region"?)',
    ],
    [
      'declared column not in the data',
      { columns: { regoin: 'string' } },
      'model.columns.regoin: "regoin" is not a column of the data (did you mean "region"?)',
    ],
    [
      'column type',
      { columns: { region: 'text' } },
      'model.columns.region: expected "number", "string" or { type, min, max, integer, missingCodes, label }',
    ],
    [
      'string column with a range',
      { columns: { region: { type: 'string', max: 3 } } },
      'model.columns.region: a "string" column cannot have min, max, integer or missingCodes',
    ],
    [
      'string column used as an item',
      { columns: { sat1: 'string' }, scales: { s: ['sat1', 'sat2'] } },
      'model.columns.sat1: "sat1" is declared "string" but model.scales.s.items[0] uses it as a number',
    ],
    ['scoring statistic', { scoring: { statistic: 'median' } }, 'model.scoring.statistic: expected "mean" or "sum", got "median"'],
    [
      'scoring minimum for an unknown scale',
      { scales: { trust: ['tru1', 'tru2'] }, scoring: { minimumAnswered: { trsut: 1 } } },
      'model.scoring.minimumAnswered.trsut: "trsut" is not a scale of the model (did you mean "trust"?)',
    ],
    [
      'scoring minimum above the items',
      { scales: { trust: ['tru1', 'tru2'] }, scoring: { minimumAnswered: { trust: 3 } } },
      "model.scoring.minimumAnswered.trust: expected an integer from 1 to 2 (the scale's items), got 3",
    ],
    [
      'rescale without a range',
      { scales: { trust: ['tru1', 'tru2'] }, scoring: { rescale: '0-100' } },
      'model.scales.trust: scoring.rescale "0-100" needs min and max on every scale',
    ],
  ];
  for (const [what, model, message] of cases) {
    it(what, () => {
      expect(firstError(model)).toContain(message);
    });
  }

  it('odd key names are quoted in the path', () => {
    expect(firstError({ scales: { 'my scale': ['x1'] } })).toContain('model.scales["my scale"][0]: "x1" is not a column of the data');
  });

  it('the model itself must be an object', () => {
    expectError(() => validateModel([1, 2]), InputError, 'INVALID_OPTION', [
      'model: expected an object (the parsed model file), got [1,2]',
    ]);
  });

  it('every problem is listed at once; the thrown error counts the rest', () => {
    const model = { scales: { trust: ['tru1', 'tru9'] }, weight: 'w', recommend: 'nps' };
    const check = checkModel(model, { columns });
    expect(check.errors.map((e) => e.path)).toEqual(['model.weight', 'model.scales.trust[1]', 'model.recommend']);
    expectError(() => validateModel(model, { columns }), InputError, 'COLUMN_NOT_FOUND', [
      'model.weight: "w" is not a column of the data',
      '(and 2 more problems: model.scales.trust[1]: "tru9"',
    ]);
  });

  it("without the data's columns, column names are not checked", () => {
    expect(checkModel({ scales: { trust: ['tru1', 'tru9'] } }).errors).toEqual([]);
  });

  it('paths use the given argument name', () => {
    expect(checkModel({ weight: 3 }, { argument: 'options.model' }).errors[0]!.message).toBe(
      'options.model.weight: expected a column name (a non-empty string), got 3',
    );
  });
});

describe('warnings', () => {
  it('single-item scale, shared item, scale named like a column', () => {
    const check = checkModel({ scales: { recommend: ['sat1'], trust: ['tru1', 'sat1'] } }, { columns });
    expect(check.errors).toEqual([]);
    expect(check.warnings.map((w) => w.message).sort()).toEqual([
      'model.scales.recommend: a single-item scale has no reliability, validity or factor model (those need at least 2 items)',
      'model.scales.recommend: the scale\'s score is named like the data column "recommend"; the score is used wherever "recommend" is a driver',
      'model.scales.trust: item "sat1" is also an item of scale "recommend"',
    ]);
    expect(check.model).not.toBeNull();
  });
});

describe('parseModel: JSON syntax errors name the line and column', () => {
  it('a trailing comma', () => {
    // Line 3 is `  "weight": "weight",` and line 4 is `}`: the parser expects a property name at
    // line 4, column 1 (character offset 43 = 2 + 19 + 22).
    const text = '{\n  "id": "respondent_id",\n  "weight": "weight",\n}';
    expectError(() => parseModel(text, { file: 'model.json' }), InputError, 'INVALID_OPTION', [
      'model.json, line 4, column 1: not valid JSON',
    ]);
  });

  it('a missing comma, in the middle of a line', () => {
    // `{"id": 1 "b": 2}`: the unexpected string "b" starts at offset 9, column 10 of line 1.
    expectError(() => parseModel('{"id": 1 "b": 2}', { file: 'm.json' }), InputError, 'INVALID_OPTION', [
      'm.json, line 1, column 10: not valid JSON',
    ]);
  });

  it('text cut short', () => {
    expectError(() => parseModel('{\n"id": ', { file: 'm.json' }), InputError, 'INVALID_OPTION', [
      'm.json, line 2, column 7: not valid JSON',
    ]);
  });

  it('a leading byte-order mark is ignored; bad keys get the file name', () => {
    expect(parseModel('\uFEFF{"recommend": "recommend"}').recommend?.column).toBe('recommend');
    expectError(() => parseModel('{"weigth": "weight"}', { file: 'm.json' }), InputError, 'INVALID_OPTION', [
      'm.json: model.weigth: unknown key (did you mean "weight"?)',
    ]);
  });
});
