/**
 * The ECSI-style path model the PLS benchmarks share (6 constructs, 19 items, 9 paths; Tenenhaus
 * et al. 2005), as in examples/data/ecsi-model.json.
 */
export const ECSI_CONSTRUCTS = {
  image: ['img1', 'img2', 'img3', 'img4'],
  expectation: ['exp1', 'exp2', 'exp3'],
  quality: ['qual1', 'qual2', 'qual3', 'qual4'],
  value: ['val1', 'val2'],
  satisfaction: ['sat1', 'sat2', 'sat3'],
  loyalty: ['loy1', 'loy2', 'loy3'],
};

export const ECSI_PATHS: [string, string][] = [
  ['image', 'expectation'],
  ['image', 'satisfaction'],
  ['image', 'loyalty'],
  ['expectation', 'quality'],
  ['expectation', 'value'],
  ['quality', 'value'],
  ['quality', 'satisfaction'],
  ['value', 'satisfaction'],
  ['satisfaction', 'loyalty'],
];
