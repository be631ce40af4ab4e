/**
 * Extracts runnable TypeScript snippets from TSDoc `@example` blocks and markdown code fences,
 * rewrites imports of the package to the source tree, and turns every `// =>` line into a check
 * (the forms accepted, and what they mean, are in check.ts). A `// =>` the checker cannot read
 * makes `materialize` throw, naming the file, the example and the line. Used by
 * examples.test.ts, readme.test.ts and site.test.ts.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { type CheckSite, ExpectedSyntaxError, parseExpected } from './check.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = join(ROOT, 'test', '.snippets');

/** The markdown files whose runnable snippets a test runs (README: readme.test.ts; guides: site.test.ts). */
export const CHECKED_MARKDOWN = [
  'README.md',
  'docs/guides/getting-started.md',
  'docs/guides/indices.md',
  'docs/guides/survey-designs.md',
  'docs/guides/sql.md',
] as const;

export interface Snippet {
  /** The file, relative to the repository. */
  readonly source: string;
  /** A file name for the materialized module (unique). */
  readonly name: string;
  /** What the example documents: the export after the TSDoc, or the markdown section. */
  readonly example: string;
  /** 1-based line of the file where `code` starts. */
  readonly line: number;
  readonly code: string;
}

/** A `// =>` line that no check reads: an error in a document. */
export class ExampleSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExampleSyntaxError';
  }
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });
}

export function sourceFiles(): string[] {
  return walk(join(ROOT, 'src')).sort();
}

const lineAt = (text: string, index: number): number => text.slice(0, index).split('\n').length;

/** Every ```ts fence inside an `@example` of a TSDoc comment in `file` (absolute, or relative to the repository). */
export function tsdocSnippetsOf(file: string, text?: string): Snippet[] {
  const source = relative(ROOT, resolve(ROOT, file));
  text ??= readFileSync(join(ROOT, source), 'utf8');
  const out: Snippet[] = [];
  const comments = /\/\*\*[\s\S]*?\*\//g;
  let c: RegExpExecArray | null;
  let i = 0;
  while ((c = comments.exec(text))) {
    const start = c.index;
    const lines = c[0]
      .replace(/\s*\*\/$/, '')
      .split('\n')
      .map((l, k) => (k === 0 ? l.replace(/^\/\*\* ?/, '') : l.replace(/^\s*\* ?/, '')));
    const after = text.slice(start + c[0].length);
    const decl = /^\s*export\s+(?:declare\s+)?(?:async\s+)?(?:function\*?|class|const|let|interface|type|enum)\s+([\w$]+)/.exec(after);
    const name = decl ? decl[1]! : `TSDoc at line ${lineAt(text, start)}`;
    let inExample = false;
    for (let k = 0; k < lines.length; k++) {
      if (/^@\w+/.test(lines[k]!)) inExample = lines[k]!.startsWith('@example');
      if (!inExample || !/^```(?:ts|typescript)\s*$/.test(lines[k]!)) continue;
      const end = lines.findIndex((l, j) => j > k && /^```\s*$/.test(l));
      if (end < 0) continue;
      out.push({
        source,
        example: name,
        line: lineAt(text, start) + k + 1,
        code: lines.slice(k + 1, end).join('\n'),
        name: `${source.replace(/[/.]/g, '_')}_${i++}`,
      });
      k = end;
    }
  }
  return out;
}

/** Every ```ts fence inside an `@example` of a TSDoc comment under src/. */
export function tsdocSnippets(): Snippet[] {
  return sourceFiles().flatMap((f) => tsdocSnippetsOf(f));
}

/** ```ts fences of a markdown file that import the package (the runnable ones). */
export function markdownSnippets(file: string, text = readFileSync(join(ROOT, file), 'utf8')): Snippet[] {
  const out: Snippet[] = [];
  const re = /```(?:ts|typescript)\n([\s\S]*?)```/g;
  let m: RegExpExecArray | null;
  let i = 0;
  while ((m = re.exec(text))) {
    if (!/from 'loyalty-drivers/.test(m[1]!)) continue;
    const before = text.slice(0, m.index).replace(/```[\s\S]*?```/g, '');
    const heading = [...before.matchAll(/^#+\s+(.+)$/gm)].at(-1)?.[1] ?? 'top';
    out.push({
      source: file,
      example: `section "${heading}"`,
      line: lineAt(text, m.index) + 1,
      code: m[1]!,
      name: `${file.replace(/[/.]/g, '_')}_${i++}`,
    });
  }
  return out;
}

/** Lines of `text` (1-based) that hold a `// =>` (also `//=>`). */
export function arrowLines(text: string): number[] {
  return text.split('\n').flatMap((l, i) => (/\/\/\s*=>/.test(l) ? [i + 1] : []));
}

/** Lines of a file's `text` with a `// =>` outside every one of its `snippets` (so never checked). */
export function uncheckedArrowLines(text: string, snippets: readonly Snippet[]): number[] {
  const covered = new Set(snippets.flatMap((s) => arrowLines(s.code).map((l) => s.line + l - 1)));
  return arrowLines(text).filter((l) => !covered.has(l));
}

const ENTRY: Record<string, string> = {
  'loyalty-drivers': 'src/index.ts',
  'loyalty-drivers/io': 'src/io/index.ts',
  'loyalty-drivers/dataframe': 'src/dataframe/index.ts',
  'loyalty-drivers/charts': 'src/charts/index.ts',
  'loyalty-drivers/report': 'src/report/index.ts',
  'loyalty-drivers/sql': 'src/sql/index.ts',
};

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Every statement of `file`, at any depth (blocks, try/catch, loops, function bodies), and every comment. */
function survey(file: ts.SourceFile): { statements: ts.Statement[]; comments: ts.CommentRange[] } {
  const statements: ts.Statement[] = [];
  const comments = new Map<number, ts.CommentRange>();
  const text = file.getFullText();
  const visit = (node: ts.Node): void => {
    if (ts.isStatement(node) && !ts.isBlock(node)) statements.push(node);
    for (const r of [
      ...(ts.getLeadingCommentRanges(text, node.getFullStart()) ?? []),
      ...(ts.getTrailingCommentRanges(text, node.end) ?? []),
    ]) {
      comments.set(r.pos, r);
    }
    for (const child of node.getChildren(file)) visit(child);
  };
  visit(file);
  return { statements, comments: [...comments.values()].sort((a, b) => a.pos - b.pos) };
}

const size = (st: ts.Statement, file: ts.SourceFile): number => st.end - st.getStart(file);

/**
 * Finds every `// =>` comment of the snippet and the statement it checks, and returns the code
 * with each one turned into a call of the checker, plus the sites. Throws ExampleSyntaxError
 * for a `// =>` that cannot be checked (see check.ts for the rules).
 */
export function instrument(s: Snippet): { code: string; sites: CheckSite[] } {
  const file = ts.createSourceFile(`${s.name}.ts`, s.code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const lines = s.code.split('\n');
  const lineOf = (pos: number): number => file.getLineAndCharacterOfPosition(pos).line; // 0-based
  const where = (k: number): string => `${s.source}:${s.line + k} (example of ${s.example})`;
  const fail = (k: number, why: string): never => {
    throw new ExampleSyntaxError(`${where(k)}: ${why}\n  ${lines[k]?.trim() ?? ''}`);
  };
  const diagnostics = (file as unknown as { parseDiagnostics?: ts.Diagnostic[] }).parseDiagnostics ?? [];
  if (diagnostics.length > 0) {
    const d = diagnostics[0]!;
    fail(lineOf(d.start ?? 0), `the example does not parse: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
  }
  const { statements, comments } = survey(file);
  const edits: Edit[] = [];
  const sites: CheckSite[] = [];
  const claimed = new Set<ts.Statement>();
  for (const c of comments) {
    const body = s.code.slice(c.pos, c.end);
    if (!/^\/[/*]\s*=>/.test(body)) continue;
    const k = lineOf(c.pos);
    if (c.kind !== ts.SyntaxKind.SingleLineCommentTrivia || !/^\/\/ => \S/.test(body))
      fail(k, 'write "// => value": a line comment, one space on each side of "=>"');
    const expectedText = body.slice('// => '.length).trim();
    const standalone = lines[k]!.slice(0, c.pos - file.getLineStarts()[k]!).trim() === '';
    // The statement checked: the one ending last on this line before the comment (the
    // innermost of those), or, for a `// =>` alone on its line, on the line before.
    let target = k;
    if (standalone) {
      target = k - 1;
      while (target >= 0 && lines[target]!.trim() === '') target--;
      if (target < 0 || /^\s*\/\//.test(lines[target]!))
        fail(k, '"// =>" alone on a line must follow the statement it checks, not a comment or another "// =>"');
    }
    const statement = statements
      .filter((st) => lineOf(st.end) === target && st.end <= c.pos)
      .sort((a, b) => b.end - a.end || size(a, file) - size(b, file))[0];
    if (!statement) fail(k, `"// =>" must ${standalone ? 'follow' : 'end'} a statement, and line ${s.line + target} ends none`);
    if (claimed.has(statement!)) fail(k, 'a second "// =>" for one statement');
    claimed.add(statement!);
    let count = 1;
    let logged = false;
    if (ts.isExpressionStatement(statement!)) {
      const e = statement!.expression;
      if (ts.isCallExpression(e) && e.expression.getText(file) === 'console.log') {
        if (e.arguments.length === 0 || e.arguments.some((a) => ts.isSpreadElement(a)))
          fail(k, 'console.log with "// =>" needs its values as arguments (no spread)');
        count = e.arguments.length;
        logged = true;
        edits.push({
          start: e.getStart(file),
          end: e.end,
          text: `__check(${sites.length}, [${e.arguments.map((a) => a.getText(file)).join(', ')}])`,
        });
      } else {
        edits.push({ start: e.getStart(file), end: e.end, text: `__check(${sites.length}, (${e.getText(file)}))` });
      }
    } else if (ts.isVariableStatement(statement!)) {
      const decls = statement!.declarationList.declarations;
      if (decls.length !== 1 || !ts.isIdentifier(decls[0]!.name) || !decls[0]!.initializer)
        fail(k, '"// =>" after a declaration needs exactly one `const name = value`');
      edits.push({ start: statement!.end, end: statement!.end, text: ` __check(${sites.length}, ${decls[0]!.name.getText(file)});` });
    } else {
      const kind = ts.SyntaxKind[statement!.kind].replace(/(?<=[a-z])(?=[A-Z])/g, ' ').toLowerCase();
      fail(k, `"// =>" must follow an expression statement or \`const name = value\`, not ${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`);
    }
    try {
      parseExpected(expectedText, count);
    } catch (err) {
      if (err instanceof ExpectedSyntaxError) fail(k, `cannot read the expected value "${expectedText}": ${err.message}`);
      throw err;
    }
    sites.push({ where: where(k), text: expectedText, count, logged });
  }
  let code = s.code;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) code = code.slice(0, e.start) + e.text + code.slice(e.end);
  return { code, sites };
}

/** Writes the snippet as a module under test/.snippets and returns its path. */
export function materialize(s: Snippet): string {
  mkdirSync(OUT, { recursive: true });
  const { code: instrumented, sites } = instrument(s);
  const code = instrumented.replace(/from '(loyalty-drivers(?:\/\w+)?)'/g, (_, spec: string) => {
    const target = ENTRY[spec];
    if (!target) throw new ExampleSyntaxError(`${s.source}:${s.line} (example of ${s.example}): unknown import ${spec}`);
    return `from '${relative(OUT, join(ROOT, target)).replace(/\.ts$/, '.js')}'`;
  });
  const file = join(OUT, `${s.name}.ts`);
  // Line 1 holds the checker, so the example's own lines keep their numbers + 1.
  writeFileSync(
    file,
    `import { checker as __checker } from '../docs/check.js'; const __check = __checker(${JSON.stringify(sites)});\n${code}\n__check.done();\nexport {};\n`,
  );
  return file;
}
