// The public API report: one api/<entry>.api.md per entry point, made by api-extractor from the
// built declarations (run `npm run build` first). `node scripts/api-report.mjs` fails when the
// API differs from the checked-in report (CI); `--update` rewrites the reports (commit them, so
// every change to the public API shows in review).
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const update = process.argv.includes('--update');
const entries = { 'loyalty-drivers': 'index', 'loyalty-drivers-io': 'io', 'loyalty-drivers-charts': 'charts', 'loyalty-drivers-dataframe': 'dataframe', 'loyalty-drivers-report': 'report', 'loyalty-drivers-sql': 'sql' };
let failed = false;
for (const [report, entry] of Object.entries(entries)) {
  const config = ExtractorConfig.prepare({
    configObject: {
      projectFolder: root,
      mainEntryPointFilePath: join(root, 'dist', `${entry}.d.ts`),
      compiler: { overrideTsconfig: { compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2022'], types: ['node'], strict: true, skipLibCheck: true }, include: [`dist/${entry}.d.ts`] } },
      apiReport: { enabled: true, reportFolder: join(root, 'api'), reportTempFolder: join(root, 'node_modules', '.api-report'), reportFileName: `${report}.api.md` },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      messages: {
        compilerMessageReporting: { default: { logLevel: 'warning' } },
        extractorMessageReporting: { default: { logLevel: 'none' } },
        tsdocMessageReporting: { default: { logLevel: 'none' } },
      },
    },
    configObjectFullPath: join(root, 'api', 'api-extractor.json'),
    packageJsonFullPath: join(root, 'package.json'),
  });
  const result = Extractor.invoke(config, { localBuild: update, showVerboseMessages: false, messageCallback: (m) => { if (m.logLevel === 'warning' || m.logLevel === 'error') console.error(m.formatMessageWithLocation(root)); m.handled = true; } });
  if (!result.succeeded || (!update && result.apiReportChanged)) {
    failed = true;
    console.error(`api/${report}.api.md: the public API of ${entry} differs from the checked-in report; run \`npm run api -- --update\` and commit the report`);
  }
}
if (failed) process.exit(1);
console.log(update ? 'API reports written to api/' : 'API reports match api/');
