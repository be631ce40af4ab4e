// Every TSDoc @example runs, and every `// =>` line in it holds (check.ts says which forms are
// accepted). A `// =>` the checker cannot read fails its example, naming the file and line; a
// `// =>` outside a checked example (no ```ts fence, not under @example) fails too.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { materialize, ROOT, sourceFiles, tsdocSnippetsOf, uncheckedArrowLines } from './examples.js';

const files = sourceFiles();
const snippets = files.flatMap((f) => tsdocSnippetsOf(f));

describe('TSDoc examples', () => {
  it('there are examples to run', () => {
    expect(snippets.length).toBeGreaterThan(10);
  });

  it('every `// =>` under src/ is inside a ```ts fence of an @example, so it is checked', () => {
    const stray: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const line of uncheckedArrowLines(text, tsdocSnippetsOf(file, text))) stray.push(`${relative(ROOT, file)}:${line}`);
    }
    expect(stray, 'lines with "// =>" that no example check reads').toEqual([]);
  });

  for (const s of snippets) {
    it(`${s.source} (${s.example})`, async () => {
      await import(/* @vite-ignore */ materialize(s));
    });
  }
});
