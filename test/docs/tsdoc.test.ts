// Every runtime export of every public entry point has TSDoc with an @example.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './examples.js';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const sources = walk(join(ROOT, 'src')).map((file) => ({ file, text: readFileSync(file, 'utf8') }));

function docOf(name: string): string | undefined {
  for (const { text } of sources) {
    const re = new RegExp(`(/\\*\\*(?:(?!\\*/)[\\s\\S])*?\\*/)\\s*export (?:async )?(?:function\\*? |class |const )${name}\\b`);
    const m = re.exec(text);
    if (m) return m[1];
  }
  return undefined;
}

const ENTRIES = [
  'src/index.ts',
  'src/io/index.ts',
  'src/dataframe/index.ts',
  'src/charts/index.ts',
  'src/report/index.ts',
  'src/sql/index.ts',
];

describe('TSDoc on every export', () => {
  for (const entry of ENTRIES) {
    it(entry, async () => {
      let mod: Record<string, unknown>;
      try {
        statSync(join(ROOT, entry));
      } catch {
        return; // entry point not built yet
      }
      mod = (await import(/* @vite-ignore */ join(ROOT, entry))) as Record<string, unknown>;
      const missing = Object.keys(mod).filter((name) => {
        const doc = docOf(name);
        return doc === undefined || !doc.includes('@example');
      });
      expect(missing, `exports without TSDoc @example in ${entry}`).toEqual([]);
    });
  }
});
