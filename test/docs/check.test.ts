// The `// =>` checker itself (check.ts, examples.ts): it fails on a `// =>` it cannot read (a
// value that is not one of the accepted forms, a `// =>` after something that is not an
// expression, a `// =>` outside a checked example, one that never runs) and on a wrong value,
// naming the file, the example and the line; and it accepts the documented forms.
import { describe, expect, it } from 'vitest';
import { ExampleCheckError, ExpectedSyntaxError, mismatch, parseExpected } from './check.js';
import { ExampleSyntaxError, instrument, materialize, type Snippet, tsdocSnippetsOf, uncheckedArrowLines } from './examples.js';

const snippet = (code: string, name: string): Snippet => ({
  source: 'src/fake/fake.ts',
  name: `__check_test_${name}`,
  example: 'fake',
  line: 10,
  code,
});
const holds = (actual: unknown, text: string): boolean => mismatch(actual, parseExpected(text)[0]!) === null;
const run = (code: string, name: string): Promise<unknown> => import(/* @vite-ignore */ materialize(snippet(code, name)));

describe('expected values: the accepted forms', () => {
  it('a number written in full is the value to 1e-12 relative', () => {
    expect(holds(0.44047619047619047, '0.44047619047619047')).toBe(true);
    expect(holds(37 / 84, '0.44047619047619047 (= 0.37 / 0.84)')).toBe(true);
    expect(holds(2375, '2375')).toBe(true);
    expect(holds(1e-8, '1e-8')).toBe(true);
    expect(holds(0, '0')).toBe(true);
    expect(holds(-0.5, '-0.5')).toBe(true);
    // A rounded number without "..." is wrong, however close.
    expect(holds(0.8222751143238883, '0.8222751143')).toBe(false);
    expect(holds(0.1 + 1e-10, '0.1')).toBe(false);
    expect(holds(1e-11, '0')).toBe(false);
    expect(holds('0.5', '0.5')).toBe(false);
  });

  it('a number ending in "..." is the value truncated or rounded to the digits written', () => {
    // 0.829... accepts [0.8285, 0.830): rounded from below, truncated from above.
    for (const x of [0.829, 0.8293, 0.82999, 0.8285, 0.8289]) expect(holds(x, '0.829...'), String(x)).toBe(true);
    for (const x of [0.8284, 0.8301, 0.83]) expect(holds(x, '0.829...'), String(x)).toBe(false);
    // Negative numbers truncate towards 0: -0.036976... accepts (-0.036977, -0.0369755].
    expect(holds(-0.036976961, '-0.036976...')).toBe(true);
    expect(holds(-0.0369757, '-0.036976...')).toBe(true);
    expect(holds(-0.036978, '-0.036976...')).toBe(false);
    expect(holds(2 / 3, '0.666...')).toBe(true);
    expect(holds(2 / 3, '0.667...')).toBe(true);
    expect(holds(2 / 3, '0.668...')).toBe(false);
    expect(holds(266.6666, '266.666...')).toBe(true);
    expect(holds(1.1e-7, '0.00000011...')).toBe(true);
    expect(holds(1.19e-7, '0.00000011...')).toBe(true);
    expect(holds(1.2e-7, '0.00000011...')).toBe(false);
    expect(holds(1.234e-5, '1.23e-5...')).toBe(true);
    expect(holds(1.244e-5, '1.23e-5...')).toBe(false);
  });

  it('strings, booleans, null and undefined are identical', () => {
    expect(holds('feldt', "'feldt'")).toBe(true);
    expect(holds('feldt', '"feldt"')).toBe(true);
    expect(holds("it's", "'it\\'s'")).toBe(true);
    expect(holds('a "b" (c)', `'a "b" (c)' (commentary)`)).toBe(true);
    expect(holds('feldt ', "'feldt'")).toBe(false);
    expect(holds(true, 'true')).toBe(true);
    expect(holds(1, 'true')).toBe(false);
    expect(holds(null, 'null')).toBe(true);
    expect(holds(undefined, 'null')).toBe(false);
    expect(holds(undefined, 'undefined')).toBe(true);
  });

  it('arrays: the same length, or at least the listed elements with "..."', () => {
    expect(holds([0.5, 1, null], '[0.5, 1, null]')).toBe(true);
    expect(holds([0.5, 1, null], '[0.5, 1]')).toBe(false);
    expect(holds([0.5, 1, null], '[0.5, 1, ...]')).toBe(true);
    expect(holds([0.5], '[0.5, 1, ...]')).toBe(false);
    expect(holds([-0.0369769, 0.0504848], '[-0.036976..., 0.050484...]')).toBe(true);
    expect(
      holds(
        [
          [0.5, 0],
          [1, 0.5],
        ],
        '[[0.5, 0], [1, 0.5]]',
      ),
    ).toBe(true);
    expect(
      holds(
        [
          [0.5, 0],
          [1, 0.6],
        ],
        '[[0.5, 0], [1, 0.5]]',
      ),
    ).toBe(false);
    expect(holds([], '[]')).toBe(true);
    expect(holds({ 0: 1 }, '[1]')).toBe(false);
  });

  it('objects: exactly the listed keys, or at least them with "..."; values nest', () => {
    const r = { estimate: 25, n: 4, confidenceInterval: [-30.31, 61.02], missing: { rowsIn: 4 }, note: undefined };
    expect(holds(r, '{ estimate: 25, n: 4, ... }')).toBe(true);
    expect(holds(r, '{ estimate: 25, n: 4, … }')).toBe(true);
    expect(holds(r, '{ estimate: 25, n: 4 }')).toBe(false); // more keys than listed, no "..."
    expect(holds(r, '{ estimate: 25, n: 4, confidenceInterval: [-30.3..., 61.0...], missing: { rowsIn: 4 } }')).toBe(true); // undefined keys do not count
    expect(holds(r, '{ confidenceInterval: [-30.3..., 61.1...], ... }')).toBe(false); // a nested value is checked
    expect(holds(r, '{ missing: { rowsIn: 5 }, ... }')).toBe(false);
    expect(holds(r, '{ nps: 25, ... }')).toBe(false); // a listed key must exist
    expect(holds({ 0: 0, 1: 1 }, '{ 0: 0, 1: 1 }')).toBe(true);
    expect(holds({ 'confidenceInterval.lower': 1, estimate: 2 }, "{ estimate: 2, 'confidenceInterval.lower': 1 }")).toBe(true);
    expect(holds([1], '{ ... }')).toBe(false);
    expect(holds(null, '{ ... }')).toBe(false);
  });

  it('the mismatch names the path and both values', () => {
    const m = mismatch({ a: { b: [1, 2] } }, parseExpected('{ a: { b: [1, 3] } }')[0]!);
    expect(m).toBe('.a.b[1]: expected 3, got 2');
  });

  it('several values after console.log, one per argument', () => {
    const [a, b] = parseExpected("'string' -16.2 (two values)", 2);
    expect(mismatch('string', a!)).toBeNull();
    expect(mismatch(-16.2, b!)).toBeNull();
    expect(() => parseExpected("'string'", 2)).toThrow(ExpectedSyntaxError);
    expect(() => parseExpected("'string' -16.2", 1)).toThrow(ExpectedSyntaxError);
  });

  it('anything else cannot be read', () => {
    for (const text of [
      'about 0.8',
      'ratioOfSums.estimate 0.5454... (60 / 110), meanOfRatios.estimate 0.75',
      '0.5 and more',
      '{ a: 1, b }',
      '{ a: 1, a: 2 }',
      '{ ..., a: 1 }',
      '[1, 2',
      '[1, ..., 3]',
      "'unterminated",
      '0.5 (unclosed',
      '0.5 (a) b',
      'NaN',
      'Infinity',
      '0.5x',
      '{ a: 1 } }',
      '',
    ]) {
      expect(() => parseExpected(text), text).toThrow(ExpectedSyntaxError);
    }
  });
});

describe('where a // => may stand', () => {
  const code = (lines: string[]): string => lines.join('\n');

  it('an unreadable value fails with the file, the example and the line', () => {
    expect(() => instrument(snippet(code(['const x = 1;', 'x; // => about 1']), 'unreadable'))).toThrow(
      /^src\/fake\/fake\.ts:11 \(example of fake\): cannot read the expected value "about 1": expected a value .* at column 1/,
    );
  });

  it('a // => after something that is not an expression statement or `const name = value` fails', () => {
    const cases: [string, string[], RegExp][] = [
      [
        'if',
        ['const x = 1;', 'if (x) { // => 1', '}'],
        /fake\.ts:11 \(example of fake\): "\/\/ =>" must end a statement, and line 11 ends none/,
      ],
      ['function', ['function f() { return 1; } // => 1'], /fake\.ts:10 .*not a function declaration/],
      ['import', ["import { nps } from 'loyalty-drivers'; // => 1"], /fake\.ts:10 .*not an import declaration/],
      ['destructure', ['const { a } = { a: 1 }; // => 1'], /exactly one `const name = value`/],
      ['fragment', ['const x = [', '  1, // => 1', '];'], /fake\.ts:11 .*ends none/],
      ['twice', ['const x = 1; // => 1', '// => 1'], /fake\.ts:11 .*a second "\/\/ =>" for one statement/],
      ['after comment', ['const x = 1;', '// a note', '// => 1'], /fake\.ts:12 .*not a comment or another/],
      ['first line', ['// => 1'], /fake\.ts:10 .*must follow the statement/],
      ['no spaces', ['1 + 1; //=> 2'], /one space on each side/],
      ['block comment', ['1 + 1; /* => 2 */'], /a line comment/],
      ['two values, one argument', ["console.log('a'); // => 'a' 'b'"], /cannot read the expected value/],
      ['syntax error', ['const x = ;', 'x; // => 1'], /fake\.ts:10 .*does not parse/],
    ];
    for (const [name, lines, message] of cases) {
      expect(() => instrument(snippet(code(lines), name)), name).toThrow(ExampleSyntaxError);
      expect(() => instrument(snippet(code(lines), name)), name).toThrow(message);
    }
  });

  it('the accepted places: end of an expression, the line after one, after a declaration, after console.log', () => {
    const { sites } = instrument(
      snippet(
        code([
          'const x = 2; // => 2',
          'x * 2; // => 4',
          'Math.max(',
          '  x,',
          '  3,',
          ');',
          '// => 3',
          'console.log(x, x + 1); // => 2 3',
          "'a // => b'.length;",
        ]),
        'places',
      ),
    );
    expect(sites.map((s) => [s.where, s.text, s.count, s.logged])).toEqual([
      ['src/fake/fake.ts:10 (example of fake)', '2', 1, false],
      ['src/fake/fake.ts:11 (example of fake)', '4', 1, false],
      ['src/fake/fake.ts:16 (example of fake)', '3', 1, false],
      ['src/fake/fake.ts:17 (example of fake)', '2 3', 2, true],
    ]); // the "// =>" inside a string is not a comment
  });
});

describe('running an example', () => {
  it('passes when every value holds', async () => {
    await expect(
      run(
        [
          'const r = { estimate: 25, n: 4, ci: [-30.31, 61.02] }; // => { estimate: 25, ... }',
          'r.ci; // => [-30.3..., 61.0...]',
          'try {',
          "  throw new Error('x');",
          '} catch (e) {',
          "  console.log((e as Error).message, 1); // => 'x' 1",
          '}',
        ].join('\n'),
        'passes',
      ),
    ).resolves.toBeDefined();
  });

  it('a wrong value fails, naming the file, the example, the line and the difference', async () => {
    await expect(run(['const r = { estimate: 25, n: 4 };', 'r; // => { estimate: 26, ... }'].join('\n'), 'wrong')).rejects.toThrow(
      ExampleCheckError,
    );
    await expect(run(['const r = { estimate: 25, n: 4 };', 'r; // => { estimate: 26, ... }'].join('\n'), 'wrong2')).rejects.toThrow(
      'src/fake/fake.ts:11 (example of fake): "// => { estimate: 26, ... }" does not hold: .estimate: expected 26, got 25',
    );
    await expect(run('0.8193; // => 0.83...', 'wrongdigits')).rejects.toThrow(
      /expected 0\.83\.\.\. \(2 decimals, truncated or rounded\), got 0\.8193/,
    );
    await expect(run("console.log('a', 2); // => 'a' 3", 'wronglog')).rejects.toThrow(/logged value 2: expected 3, got 2/);
    await expect(run('const rows = [1, 2]; // => [1, 2, 3]', 'wrongdecl')).rejects.toThrow(/fake\.ts:10 .*expected 3 elements/);
  });

  it('a // => that never runs fails', async () => {
    await expect(run(['try {', '  1;', '} catch (e) {', '  console.log(e); // => 1', '}'].join('\n'), 'neverran')).rejects.toThrow(
      'src/fake/fake.ts:13 (example of fake): "// =>" line never ran, so it checks nothing',
    );
  });
});

describe('finding the examples', () => {
  const file = [
    '/**',
    ' * Doubles.',
    ' * double(2); // => 4   <- not in a fence: never checked',
    ' *',
    ' * @example',
    ' * ```ts',
    ' * double(2); // => 4',
    ' * ```',
    ' * @example Second',
    ' * ```ts',
    ' * double(3);',
    ' * // => 6',
    ' * ```',
    ' */',
    'export function double(x: number): number {',
    '  return 2 * x;',
    '}',
  ].join('\n');

  it('every ```ts fence of every @example, with the line it starts on and the export it documents', () => {
    const snippets = tsdocSnippetsOf('src/fake/double.ts', file);
    expect(snippets.map((s) => [s.example, s.line, s.code])).toEqual([
      ['double', 7, 'double(2); // => 4'],
      ['double', 11, 'double(3);\n// => 6'],
    ]);
    expect(instrument(snippets[1]!).sites[0]!.where).toBe('src/fake/double.ts:12 (example of double)');
  });

  it('a // => outside the fences is reported as unchecked', () => {
    expect(uncheckedArrowLines(file, tsdocSnippetsOf('src/fake/double.ts', file))).toEqual([3]);
  });
});
