// The docs site (`npm run docs`, typedoc.json): every public entry point documented, every guide
// in docs/guides reachable from the site, links between guides intact, and the runnable
// examples of the guides written for the site (CHECKED_MARKDOWN in examples.ts: getting started,
// indices) hold, and no guide has a `// =>` that is not run.
// The full HTML build is not run here (it takes 10+ seconds); `typedoc --emit none` is, to catch
// broken {@link}s and documents.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKED_MARKDOWN, markdownSnippets, materialize, ROOT, uncheckedArrowLines } from './examples.js';

const config = JSON.parse(readFileSync(join(ROOT, 'typedoc.json'), 'utf8')) as {
  entryPoints: string[];
  projectDocuments: string[];
  out: string;
  validation: Record<string, boolean>;
};
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  exports: Record<string, unknown>;
  scripts: Record<string, string>;
};
const GUIDES = join(ROOT, 'docs', 'guides');
const guideFiles = readdirSync(GUIDES)
  .filter((f) => f.endsWith('.md'))
  .sort();

/** `children:` of a document's YAML front matter (name: path lines). */
function frontMatterChildren(file: string): Record<string, string> {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(readFileSync(file, 'utf8'));
  if (!m) return {};
  const lines = m[1]!.split('\n');
  const start = lines.indexOf('children:');
  const out: Record<string, string> = {};
  for (const line of lines.slice(start + 1)) {
    const c = /^ {2}(.+?):\s*(\S+\.md)\s*$/.exec(line);
    if (!c) break;
    out[c[1]!] = c[2]!;
  }
  return out;
}

describe('typedoc.json', () => {
  it('documents every public entry point of package.json exports, and only those', () => {
    const entries = Object.keys(pkg.exports)
      .filter((k) => k !== './package.json')
      .map((k) => (k === '.' ? 'src/index.ts' : `src/${k.slice(2)}/index.ts`))
      .sort();
    expect([...config.entryPoints].sort()).toEqual(entries);
    for (const e of config.entryPoints) expect(existsSync(join(ROOT, e)), e).toBe(true);
    expect(pkg.scripts.docs).toBe('typedoc');
    expect(config.validation.invalidLink).toBe(true);
  });

  it('reaches every guide in docs/guides: a project document or a named child of one', () => {
    const reached = new Set<string>();
    for (const doc of config.projectDocuments) {
      expect(existsSync(join(ROOT, doc)), doc).toBe(true);
      reached.add(doc.replace('docs/guides/', ''));
      for (const [name, child] of Object.entries(frontMatterChildren(join(ROOT, doc)))) {
        expect(existsSync(join(GUIDES, child)), `${doc}: child "${name}" -> ${child}`).toBe(true);
        reached.add(child);
      }
    }
    expect([...reached].sort()).toEqual(guideFiles);
    for (const required of [
      'getting-started.md',
      'indices.md',
      'command-line.md',
      'measurement.md',
      'regression.md',
      'importance.md',
      'segmentation.md',
      'monitoring.md',
      'charts.md',
      'io.md',
    ]) {
      expect(guideFiles, required).toContain(required);
    }
  });

  it('relative links between guides point at files that exist', () => {
    for (const f of guideFiles) {
      const text = readFileSync(join(GUIDES, f), 'utf8').replace(/```[\s\S]*?```/g, '');
      for (const m of text.matchAll(/\]\(([^)#\s]+\.md)(#[^)]*)?\)/g)) {
        expect(existsSync(join(GUIDES, m[1]!)), `${f} links to ${m[1]}`).toBe(true);
      }
    }
  });

  it('the guide on importance says which method to use when, and how to read the quadrants', () => {
    const importance = readFileSync(join(GUIDES, 'importance.md'), 'utf8');
    expect(importance).toContain('## Which method when');
    for (const q of ['concentrate here', 'keep up the good work', 'low priority', 'possible overkill']) expect(importance).toContain(q);
    expect(readFileSync(join(GUIDES, 'charts.md'), 'utf8')).toContain('## Reading the importance-performance map');
  });

  it('typedoc converts the project with no errors or warnings (no broken {@link}, no unreadable document)', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typedoc', 'bin', 'typedoc'), '--emit', 'none'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    const output = `${r.stdout}${r.stderr}`;
    expect(r.status, output).toBe(0);
    expect(output).not.toMatch(/\[(warning|error)\]/);
  }, 120_000);
});

describe('guide examples run and their // => values hold', () => {
  it('every `// =>` in the guides is in a runnable snippet of a guide that is run here', () => {
    const stray: string[] = [];
    for (const file of guideFiles.map((f) => `docs/guides/${f}`)) {
      const checked = (CHECKED_MARKDOWN as readonly string[]).includes(file) ? markdownSnippets(file) : [];
      for (const l of uncheckedArrowLines(readFileSync(join(ROOT, file), 'utf8'), checked)) stray.push(`${file}:${l}`);
    }
    expect(stray, 'add the guide to CHECKED_MARKDOWN in test/docs/examples.ts, or make the fence runnable').toEqual([]);
  });

  for (const guide of CHECKED_MARKDOWN.filter((f) => f.startsWith('docs/guides/'))) {
    const snippets = markdownSnippets(guide);
    it(`${guide} has runnable examples`, () => {
      expect(snippets.length).toBeGreaterThan(1);
    });
    for (const s of snippets) {
      it(`${s.name} (${s.example}, line ${s.line})`, async () => {
        await import(/* @vite-ignore */ materialize(s));
      });
    }
  }
});
