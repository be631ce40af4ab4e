/**
 * Internal: turns the dependent columns found by the QR into a `RANK_DEFICIENT` error that names
 * the predictors involved and the linear relation between them.
 *
 * @module regression/rankError
 * @internal
 */
import { NumericalError } from '../errors.js';
import { dependence, type QrFactorization } from '../internal/qr.js';

function fmt(x: number): string {
  return Number(x.toPrecision(6)).toString();
}

/**
 * @param terms - column names of the design, `"(Intercept)"` first.
 * @param scales - power-of-two scale of each design column; `means` of the predictors.
 */
export function rankDeficiencyError(
  qr: QrFactorization,
  terms: readonly string[],
  scales: readonly number[],
  means: readonly number[],
  tolerance: number,
): NumericalError {
  const n = qr.rows;
  const involved = new Set<string>();
  const parts: string[] = [];
  // Norm of each accepted column's centred, scaled values: sum of squares of its R column.
  const colNorm = (c: number): number => {
    let s = 0;
    for (let i = 0; i <= qr.position[c]!; i++) s += qr.factors[c * n + i]! ** 2;
    return Math.sqrt(s);
  };
  for (const k of qr.dependent) {
    const name = terms[k]!;
    involved.add(name);
    const dep = dependence(qr, k);
    let head = 0;
    for (let i = 0; i < qr.before[k]!; i++) head += qr.factors[k * n + i]! ** 2;
    head = Math.sqrt(head);
    // The design's columns have uncentred norm in [1, 2): a centred column far below that is a
    // (nearly) constant predictor, collinear with the intercept.
    if (head <= tolerance) {
      involved.add('(Intercept)');
      parts.push(`"${name}" is (nearly) constant: its variation is below ${tolerance} of its size, so it is collinear with the intercept`);
      continue;
    }
    const sk = scales[k]!;
    const mk = means[k - 1]!;
    let constant = mk;
    const terms2: string[] = [];
    dep.columns.forEach((c, i) => {
      const ci = dep.coefficients[i]!;
      if (c === 0) {
        constant += (ci * scales[0]!) / sk;
        return;
      }
      if (!(Math.abs(ci) * colNorm(c) > 1e-8 * head)) return;
      const b = (ci * scales[c]!) / sk;
      constant -= b * means[c - 1]!;
      involved.add(terms[c]!);
      terms2.push(`${fmt(b)} * "${terms[c]}"`);
    });
    const relation = `${terms2.join(' + ') || '0'}${Math.abs(constant) > 0 ? ` + ${fmt(constant)}` : ''}`.replace(/\+ -/g, '- ');
    parts.push(`"${name}" = ${relation} (up to a relative ${dep.residualRatio.toExponential(1)})`);
  }
  const names = [...involved];
  const predictors = names.filter((t) => t !== '(Intercept)');
  return new NumericalError(
    'RANK_DEFICIENT',
    `predictors are linearly dependent (rank tolerance ${tolerance}): ${parts.join('; ')}. ${predictors.length === 1 ? `Remove ${predictors[0]}` : `Remove or combine one of ${predictors.join(', ')}`}`,
    {
      argument: 'options.predictors',
      column: terms[qr.dependent[0]!],
      value: names.join(', '),
      expected: 'linearly independent predictors',
    },
  );
}
