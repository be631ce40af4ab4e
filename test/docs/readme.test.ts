// The README's TypeScript examples run as written, and their `// => value` lines hold (check.ts
// says which forms are accepted); a `// =>` outside a runnable ```ts fence fails.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdownSnippets, materialize, ROOT, uncheckedArrowLines } from './examples.js';

const snippets = markdownSnippets('README.md');

describe('README examples', () => {
  it('has a quick start', () => {
    expect(snippets.length).toBeGreaterThan(0);
  });

  it('every `// =>` is in a runnable snippet (a ```ts fence importing the package)', () => {
    const stray = uncheckedArrowLines(readFileSync(join(ROOT, 'README.md'), 'utf8'), snippets);
    expect(stray.map((l) => `README.md:${l}`)).toEqual([]);
  });

  for (const s of snippets) {
    it(`${s.name} (${s.example}, line ${s.line})`, async () => {
      await import(/* @vite-ignore */ materialize(s));
    });
  }
});
