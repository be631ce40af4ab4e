import { SparkSQL } from 'dt-sql-parser';
import NSP from 'node-sql-parser';
import { sufficientStatisticsSql } from './src/index.ts';
const plan = { variables: ['x', 'y', 'score'], scales: { score: { items: ['a', 'b'], reverse: ['b'], min: 1, max: 5 } }, weights: 'w', groupBy: ['wave', 'region'], missingCodes: [-99] };
const spark = sufficientStatisticsSql(plan, { dialect: 'spark', source: 'db.survey' });
const s = new SparkSQL();
console.log('spark errors', s.validate(spark));
const bq = sufficientStatisticsSql(plan, { dialect: 'bigquery', source: '`project.dataset.survey`' });
const p = new NSP.Parser();
try { p.astify(bq, { database: 'bigquery' }); console.log('bq ok'); } catch (e) { console.log('bq err', String(e).slice(0, 500)); }
const bad = new SparkSQL().validate('SELECT FROM WHERE x');
console.log('bad', bad.length);
try { p.astify('SELECT FROM WHERE', { database: 'bigquery' }); } catch (e) { console.log('bq bad detected'); }
try { p.astify(bq, { database: 'bigquery' }); } catch (e: any) { console.log(e.location, bq.split('\n')[e.location.start.line - 1]); }
for (const q of ['SELECT CAST(`a` AS FLOAT64) AS c0 FROM t', 'WITH x AS (SELECT a FROM t) SELECT x.* FROM x', 'SELECT SUM(CASE WHEN a IS NULL THEN 1 ELSE 0 END) AS n FROM t', 'SELECT a FROM t JOIN u ON t.a IS NOT DISTINCT FROM u.a', 'SELECT m.*, c.d FROM m LEFT JOIN c ON m.g IS NOT DISTINCT FROM c.g ORDER BY m.g']) {
  try { p.astify(q, { database: 'bigquery' }); console.log('ok', q); } catch (e: any) { console.log('FAIL', q, String(e).slice(0, 200)); }
}
