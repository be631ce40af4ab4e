/**
 * Extracts runnable TypeScript snippets from TSDoc `@example` blocks and README code fences,
 * rewrites imports of the package to the source tree, and turns `expr; // => expected` lines
 * into checks. Used by examples.test.ts and readme.test.ts.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = join(ROOT, 'test', '.snippets');

export interface Snippet {
  readonly source: string;
  readonly name: string;
  readonly code: string;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Every ```ts block inside an `@example` of an exported declaration under src/. */
export function tsdocSnippets(): Snippet[] {
  const out: Snippet[] = [];
  for (const file of walk(join(ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8');
    const re = /@example\s*\n((?:\s*\*.*\n)+?)\s*\*\//g;
    let m: RegExpExecArray | null;
    let i = 0;
    while ((m = re.exec(text))) {
      const body = m[1]!.split('\n').map((l) => l.replace(/^\s*\* ?/, '')).join('\n');
      const fence = /```(?:ts|typescript)\n([\s\S]*?)```/.exec(body);
      if (!fence) continue;
      out.push({ source: relative(ROOT, file), name: `${relative(ROOT, file).replace(/[/.]/g, '_')}_${i++}`, code: fence[1]! });
    }
  }
  return out;
}

/** ```ts fences of a markdown file that import the package (the runnable ones). */
export function markdownSnippets(file: string): Snippet[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const out: Snippet[] = [];
  const re = /```(?:ts|typescript)\n([\s\S]*?)```/g;
  let m: RegExpExecArray | null;
  let i = 0;
  while ((m = re.exec(text))) {
    if (!/from 'loyalty-drivers/.test(m[1]!)) continue;
    out.push({ source: file, name: `${file.replace(/[/.]/g, '_')}_${i++}`, code: m[1]! });
  }
  return out;
}

const ENTRY: Record<string, string> = {
  'loyalty-drivers': 'src/index.ts',
  'loyalty-drivers/io': 'src/io/index.ts',
  'loyalty-drivers/dataframe': 'src/dataframe/index.ts',
  'loyalty-drivers/charts': 'src/charts/index.ts',
  'loyalty-drivers/report': 'src/report/index.ts',
};

/** Writes the snippet as a module under test/.snippets and returns its path. */
export function materialize(s: Snippet): string {
  mkdirSync(OUT, { recursive: true });
  let code = s.code.replace(/from '(loyalty-drivers(?:\/\w+)?)'/g, (_, spec: string) => {
    const target = ENTRY[spec];
    if (!target) throw new Error(`${s.source}: unknown import ${spec}`);
    return `from '${relative(OUT, join(ROOT, target)).replace(/\.ts$/, '.js')}'`;
  });
  // `expr; // => expected` on one line becomes a checked expression.
  code = code
    .split('\n')
    .map((line) => {
      const m = /^(\s*)(?!const |let |var |import |await import|if |\} )([^/].*?);\s*\/\/ => (.+)$/.exec(line);
      if (!m) return line;
      // console.log(a, b); // => x y  checks the logged values themselves.
      const log = /^console\.log\((.*)\)$/.exec(m[2]!);
      const expr = log ? `[${log[1]}]` : m[2]!;
      return `${m[1]}__check(${expr}, ${JSON.stringify(m[3])}, ${JSON.stringify(s.source)}, ${log ? 'true' : 'false'});`;
    })
    .join('\n');
  const file = join(OUT, `${s.name}.ts`);
  writeFileSync(file, `import { check as __check } from '../docs/check.js';\n${code}\nexport {};\n`);
  return file;
}
