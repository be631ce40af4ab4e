// Every TSDoc @example runs, and its `expr; // => value` lines hold.
import { describe, expect, it } from 'vitest';
import { materialize, tsdocSnippets } from './examples.js';

const snippets = tsdocSnippets();

describe('TSDoc examples', () => {
  it('there are examples to run', () => {
    expect(snippets.length).toBeGreaterThan(10);
  });
  for (const s of snippets) {
    it(`${s.source} (${s.name})`, async () => {
      const file = materialize(s);
      await import(/* @vite-ignore */ file);
    });
  }
});
