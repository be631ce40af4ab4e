/**
 * Every `loyalty-drivers` command shown in the README and the command-line and report guides runs
 * as written in `examples/data/` and exits 0 (issue: "the README's `regress ... --predictors
 * sat,trust` example fails on the bundled data, and the `crm.csv` it names is not shipped").
 *
 * The commands run in-process (test/cli/run.ts). File arguments are resolved against
 * `examples/data/` (where the docs say to run them), then the repository root (for the commands
 * written from a clone's root, `examples/data/loyalty-survey.csv`). `-o file` writes into a
 * temporary directory, and the file must exist and be non-empty afterwards. `cat f | ...` feeds
 * the file on standard input. The one liberty: `--bootstrap 1000` runs 100 replicates, so the
 * suite stays fast; the bootstrap code paths are the same.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run.js';

const root = resolve(import.meta.dirname, '../..');
const dataDir = join(root, 'examples/data');
const docs = ['README.md', 'docs/guides/command-line.md', 'docs/guides/report.md'];
const out = mkdtempSync(join(tmpdir(), 'ld-doc-commands-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** The shell lines of the ```sh blocks of a Markdown file, continuations joined, comments dropped. */
function shellLines(markdown: string): string[] {
  const lines: string[] = [];
  for (const block of markdown.matchAll(/```sh\n([\s\S]*?)```/g)) {
    const joined = block[1]!.replace(/\\\n\s*/g, ' ');
    for (const raw of joined.split('\n')) {
      const line = raw.replace(/\s+#.*$/, '').trim();
      if (line && !line.startsWith('#')) lines.push(line);
    }
  }
  return lines;
}

/** Splits a command line into words, honouring double quotes (all the docs use). */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

function resolveFile(word: string): string {
  for (const dir of [dataDir, root]) {
    const p = join(dir, word);
    if (/\.(csv|tsv|json|ndjson)$/.test(word) && existsSync(p)) return p;
  }
  return word;
}

interface Command {
  readonly line: string;
  readonly args: string[];
  readonly stdin?: string;
  readonly outputs: string[];
}

function parse(line: string): Command | null {
  let rest = line;
  let stdin: string | undefined;
  const piped = /^cat (\S+) \| (.*)$/.exec(line);
  if (piped) {
    stdin = readFileSync(resolveFile(piped[1]!), 'utf8');
    rest = piped[2]!;
  }
  const w = words(rest);
  if (w[0] === 'npx') w.shift();
  if (w[0] !== 'loyalty-drivers') return null;
  const args: string[] = [];
  const outputs: string[] = [];
  for (let i = 1; i < w.length; i++) {
    const word = w[i]!;
    if ((word === '-o' || word === '--output') && i + 1 < w.length) {
      const target = join(out, `${outputs.length}-${w[++i]!}`);
      outputs.push(target);
      args.push(word, target);
    } else if (word === '--bootstrap' && w[i + 1] === '1000') {
      args.push(word, '100');
      i++;
    } else {
      args.push(resolveFile(word));
    }
  }
  return { line, args, stdin, outputs };
}

describe('the commands the docs show run on the bundled data', () => {
  for (const doc of docs) {
    const commands = shellLines(readFileSync(join(root, doc), 'utf8'))
      .map(parse)
      .filter((c): c is Command => c !== null);
    it(`${doc} shows commands`, () => {
      expect(commands.length).toBeGreaterThan(0);
    });
    for (const c of commands) {
      it(`${doc}: ${c.line}`, async () => {
        const r = await runCli(c.args, c.stdin);
        expect(
          r.stderr.split('\n').filter((l) => /error|usage/i.test(l)),
          r.stderr,
        ).toEqual([]);
        expect(r.code, r.stderr).toBe(0);
        if (c.outputs.length === 0) expect(r.stdout.length).toBeGreaterThan(0);
        for (const f of c.outputs) expect(statSync(f).size, f).toBeGreaterThan(0);
      }, 60_000);
    }
  }
});
