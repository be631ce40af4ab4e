// The main entry point stays browser-safe: nothing reachable from src/index.ts imports a Node
// built-in, csv-parse or danfojs, or uses Node globals. io and dataframe are their own entry
// points in package.json and tsup, and dataframe never imports danfojs statically.
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');

/** Every source file reachable from `entry` through relative imports, with the bare specifiers each imports. */
function importGraph(entry: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const visit = (file: string): void => {
    if (graph.has(file)) return;
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    const bare: string[] = [];
    graph.set(file, bare);
    // Static imports and re-exports (type-only ones vanish at runtime but are checked too), and dynamic imports of literals.
    const re =
      /(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const spec = (m[1] ?? m[2] ?? m[3])!;
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
      else bare.push(spec);
    }
  };
  visit(join(ROOT, entry));
  return graph;
}

const NODE = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

describe('entry points', () => {
  it('src/index.ts reaches no Node built-in, csv-parse, danfojs, io or dataframe module', () => {
    const graph = importGraph('src/index.ts');
    expect(graph.size).toBeGreaterThan(30); // the scan really follows the graph
    const offenders: string[] = [];
    for (const [file, specs] of graph) {
      const rel = file.slice(ROOT.length + 1);
      if (/^src\/(io|dataframe|cli)\//.test(rel)) offenders.push(`${rel} (Node-only module reached)`);
      for (const s of specs)
        if (NODE.has(s) || NODE.has(s.split('/')[0]!) || s.startsWith('csv-parse') || s.startsWith('danfojs'))
          offenders.push(`${rel} imports ${s}`);
      const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      if (/\bBuffer\.|\bprocess\.|\brequire\(|__dirname|reference types="node"/.test(code)) offenders.push(`${rel} uses a Node global`);
    }
    expect(offenders).toEqual([]);
  });

  it('the scan finds what io imports (so it would find it in the main entry)', () => {
    const specs = [...importGraph('src/io/index.ts').values()].flat();
    expect(specs).toContain('node:fs');
    expect(specs).toContain('csv-parse');
  });

  it('the model module is part of the main entry point', () => {
    expect([...importGraph('src/index.ts').keys()].some((f) => f.endsWith(join('src', 'model', 'validateModel.ts')))).toBe(true);
  });

  it('dataframe never imports danfojs statically', () => {
    for (const [file, specs] of importGraph('src/dataframe/index.ts')) {
      expect(
        specs.filter((s) => s.startsWith('danfojs')),
        file,
      ).toEqual([]);
      expect(
        specs.filter((s) => NODE.has(s)),
        file,
      ).toEqual([]);
    }
  });

  it('io and dataframe are entry points of the package and of the build', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      exports: Record<string, { default: string }>;
      peerDependenciesMeta: Record<string, { optional: boolean }>;
    };
    const tsup = readFileSync(join(ROOT, 'tsup.config.ts'), 'utf8');
    for (const name of ['io', 'dataframe']) {
      expect(pkg.exports[`./${name}`]?.default).toBe(`./dist/${name}.js`); // ESM-only (CONTRIBUTING.md, Package shape)
      expect(tsup).toContain(`${name}: 'src/${name}/index.ts'`);
      expect(existsSync(join(ROOT, 'src', name, 'index.ts'))).toBe(true);
    }
    expect(pkg.peerDependenciesMeta['danfojs-node']?.optional).toBe(true);
  });
});
