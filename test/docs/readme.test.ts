// The README's TypeScript examples run as written, and their `// => value` lines hold.
import { describe, expect, it } from 'vitest';
import { markdownSnippets, materialize } from './examples.js';

const snippets = markdownSnippets('README.md');

describe('README examples', () => {
  it('has a quick start', () => {
    expect(snippets.length).toBeGreaterThan(0);
  });
  for (const s of snippets) {
    it(s.name, async () => {
      await import(/* @vite-ignore */ materialize(s));
    });
  }
});
