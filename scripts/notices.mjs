// Writes dist/THIRD-PARTY-NOTICES.md (run by `npm run build`, after tsup): the licences and
// notices of the third-party code bundled into dist, that is the @stdlib modules reached from
// src/internal/distributions.ts (Apache-2.0, with Boost, FreeBSD/SunPro and Cephes notices in
// their sources) and src/internal/erfc.ts (a port of @stdlib's erfc). tsup strips their licence
// comments from the bundle (legalComments: 'none') so that a downstream bundle stays small; this
// file is where they are kept. Every distinct LICENSE and NOTICE text is included once, with the
// packages it covers, then every distinct "## Notice" section of the bundled source files.
import { build } from 'esbuild';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const result = await build({
  entryPoints: [join(root, 'src/internal/distributions.ts')],
  bundle: true, write: false, metafile: true, format: 'esm', platform: 'neutral', mainFields: ['main'], logLevel: 'silent',
  plugins: [{ name: 'stub-debug', setup(b) { b.onResolve({ filter: /^debug$/ }, () => ({ path: 'debug', external: true })); } }],
});
const inputs = Object.keys(result.metafile.inputs);
const packages = new Map(); // dir -> { name, version, license }
const fileNotices = new Map(); // text -> files
for (const input of inputs) {
  const m = /^(.*node_modules\/(@stdlib\/[^/]+))\//.exec(input);
  if (m === null) continue;
  const dir = join(root, m[1]);
  if (!packages.has(dir)) {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    packages.set(dir, { name: pkg.name, version: pkg.version, license: pkg.license });
  }
  const text = readFileSync(join(root, input), 'utf8');
  const notice = /## Notice\s*\n([\s\S]*?)\*\//.exec(text);
  if (notice !== null) {
    const body = notice[1].split('\n').map((l) => l.replace(/^\s*\* ?/, '')).join('\n').trim();
    fileNotices.set(body, [...(fileNotices.get(body) ?? []), m[2]]);
  }
}
const erfc = readFileSync(join(root, 'src/internal/erfc.ts'), 'utf8');
const erfcNotice = /## Notice\s*\n([\s\S]*?)\*\s*@internal/.exec(erfc);
if (erfcNotice !== null) {
  const body = erfcNotice[1].split('\n').map((l) => l.replace(/^\s*\* ?/, '')).join('\n').trim();
  fileNotices.set(body, [...(fileNotices.get(body) ?? []), 'src/internal/erfc.ts (from @stdlib/math-base-special-erfc)']);
}
const texts = (file) => {
  const byText = new Map();
  for (const [dir, pkg] of packages) {
    const path = join(dir, file);
    if (!existsSync(path)) continue;
    const text = readFileSync(path, 'utf8').trim();
    byText.set(text, [...(byText.get(text) ?? []), `${pkg.name}@${pkg.version}`]);
  }
  return byText;
};
const sorted = [...packages.values()].sort((a, b) => a.name.localeCompare(b.name));
const out = [
  '# Third-party notices',
  '',
  'loyalty-drivers is MIT-licensed (LICENSE). Its dist/ bundles code from the following packages of',
  'stdlib (https://github.com/stdlib-js/stdlib), licensed under the Apache License 2.0, and, in',
  'dist code built from src/internal/erfc.ts, a modified port of @stdlib/math-base-special-erfc',
  '(changes: TypeScript, Math.exp, a DataView for the low-word operation).',
  '',
  ...sorted.map((p) => `- ${p.name}@${p.version} (${p.license})`),
  '',
  '## NOTICE files',
  '',
  ...[...texts('NOTICE')].flatMap(([text, pkgs]) => [`From ${pkgs.length} package(s) (${pkgs.slice(0, 3).join(', ')}${pkgs.length > 3 ? ', ...' : ''}):`, '', '```text', text, '```', '']),
  '## Notices in the bundled source files',
  '',
  ...[...fileNotices].flatMap(([text, files]) => [`In ${[...new Set(files)].join(', ')}:`, '', text, '']),
  '## Licences',
  '',
  ...[...texts('LICENSE')].flatMap(([text, pkgs]) => [`The licence of ${pkgs.length} package(s) (${pkgs.join(', ')}):`, '', '```text', text, '```', '']),
];
writeFileSync(join(root, 'dist/THIRD-PARTY-NOTICES.md'), `${out.join('\n')}\n`);
console.log(`dist/THIRD-PARTY-NOTICES.md: ${packages.size} bundled @stdlib packages, ${fileNotices.size} source notices`);
