// The model file's `paths` section: constructs from the scales, own items or single columns;
// relationships expanded to one { from, to } per path; every mistake named by its JSON path.
import { describe, expect, it } from 'vitest';
import { checkModel, InputError, validateModel } from '../../src/index.js';

const columns = ['img1', 'img2', 'sat1', 'sat2', 'tru1', 'tru2', 'loy1', 'loy2', 'recommend'];
const scales = {
  image: { items: ['img1', 'img2'], min: 1, max: 7 },
  satisfaction: { items: ['sat1', 'sat2'], min: 1, max: 7, reverse: ['sat2'] },
  trust: ['tru1', 'tru2'],
};
const base = {
  scales,
  columns: { recommend: { type: 'number', min: 0, max: 10 } },
  paths: {
    relationships: [
      { from: 'image', to: ['satisfaction', 'trust'] },
      { from: ['satisfaction', 'trust'], to: 'loyalty' },
    ],
    constructs: { loyalty: { items: ['loy1', 'loy2'], min: 0, max: 10, type: 'reflective' }, trust: { mode: 'B', min: 1, max: 7 } },
    target: 'loyalty',
  },
};

function problems(model: unknown): string[] {
  return checkModel(model, { columns }).errors.map((e) => e.message);
}

describe('model.paths', () => {
  it('resolves constructs and expands the relationships', () => {
    const m = validateModel(base, { columns });
    expect(m.paths).toEqual({
      constructs: {
        image: { items: ['img1', 'img2'], mode: 'A', type: 'composite', reverse: [], min: 1, max: 7 },
        satisfaction: { items: ['sat1', 'sat2'], mode: 'A', type: 'composite', reverse: ['sat2'], min: 1, max: 7 },
        trust: { items: ['tru1', 'tru2'], mode: 'B', type: 'composite', reverse: [], min: 1, max: 7 },
        loyalty: { items: ['loy1', 'loy2'], mode: 'A', type: 'reflective', reverse: [], min: 0, max: 10 },
      },
      relationships: [
        { from: 'image', to: 'satisfaction' },
        { from: 'image', to: 'trust' },
        { from: 'satisfaction', to: 'loyalty' },
        { from: 'trust', to: 'loyalty' },
      ],
      target: 'loyalty',
      scheme: 'path',
      intervalMethod: 'percentile',
    });
    // It round-trips, as every validated model.
    expect(validateModel(JSON.parse(JSON.stringify(m)), { columns })).toEqual(m);
  });

  it('a data column is a single-item construct with its declared range', () => {
    const m = validateModel(
      {
        scales,
        columns: base.columns,
        paths: { relationships: [{ from: ['image', 'satisfaction'], to: 'recommend' }], target: 'recommend' },
      },
      { columns },
    );
    expect(m.paths!.constructs['recommend']).toEqual({ items: ['recommend'], mode: 'A', type: 'composite', reverse: [], min: 0, max: 10 });
  });

  it('names each mistake by its path', () => {
    const cases: [unknown, string][] = [
      [{ relationships: [] }, 'model.paths.relationships: expected a non-empty list'],
      [{ relationships: [{ from: 'image', to: 'imag' }] }, 'model.paths.relationships[0].to: "imag" is not a scale'],
      [{ relationships: [{ from: 'image', to: 'image' }] }, 'model.paths.relationships[0]: a path from "image" to itself'],
      [
        {
          relationships: [
            { from: 'image', to: 'trust' },
            { from: 'image', to: 'trust' },
          ],
        },
        'model.paths.relationships[1]: the path "image" -> "trust" is listed twice',
      ],
      [
        {
          relationships: [
            { from: 'image', to: 'trust' },
            { from: 'trust', to: 'satisfaction' },
            { from: 'satisfaction', to: 'image' },
          ],
        },
        'model.paths.relationships: the relationships make a cycle ("image" -> "trust" -> "satisfaction" -> "image")',
      ],
      [{ relationships: [{ from: 'image', to: 'trust' }], target: 'image' }, 'model.paths.target: "image" has no path into it'],
      [{ relationships: [{ from: 'image', to: 'trust' }], target: 'loyal' }, 'model.paths.target: "loyal" is not a construct'],
      [{ relationships: [{ from: 'image', to: 'trust' }], target: 'trust' }, 'model.scales.trust: the importance-performance map'],
      [
        { relationships: [{ from: 'image', to: 'trust' }], constructs: { trust: { mode: 'C' } } },
        'model.paths.constructs.trust.mode: expected "A"',
      ],
      [
        { relationships: [{ from: 'image', to: 'trust' }], constructs: { trust: { mode: 'B', type: 'reflective' } } },
        'model.paths.constructs.trust.mode: a reflective construct',
      ],
      [
        { relationships: [{ from: 'image', to: 'trust' }], constructs: { trust: { items: ['tru1'] } } },
        'model.paths.constructs.trust.items: "trust" is a scale',
      ],
      [
        { relationships: [{ from: 'image', to: 'trust' }], constructs: { loyalty: { items: ['loy1'] } } },
        'model.paths.constructs.loyalty: "loyalty" is on no relationship',
      ],
      [
        { relationships: [{ from: 'image', to: 'trust' }], constructs: { trust: { mdoe: 'B' } } },
        'model.paths.constructs.trust.mdoe: unknown key (did you mean "mode"?)',
      ],
      [
        { relationships: [{ from: 'image', to: 'x' }], constructs: { x: { items: ['img1'] } } },
        'model.paths.relationships[0].to: item "img1" belongs to both "image" and "x"',
      ],
      [
        { relationships: [{ from: 'image', to: 'trust' }], scheme: 'pth' },
        'model.paths.scheme: expected "path", "factorial" or "centroid"',
      ],
      [{ relationships: [{ from: 'image', to: 'trust' }], target2: 'x' }, 'model.paths.target2: unknown key'],
      [[], 'model.paths: expected an object'],
    ];
    for (const [paths, message] of cases) {
      const found = problems({ scales, paths });
      expect(
        found.some((m) => m.startsWith(message)),
        `${message}\n got: ${found.join('\n')}`,
      ).toBe(true);
    }
    expect(() => validateModel({ scales, paths: { relationships: [{ from: 'image', to: 'imag' }] } }, { columns })).toThrow(InputError);
  });
});
