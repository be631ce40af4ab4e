/**
 * The number and table layout shared by the regression text formats (`formatOls`,
 * `formatLogisticRegression`, `formatOrdinalRegression`), in R's `summary` style.
 * @internal
 */

/** `digits` decimals between 1e-4 and 1e6, else two-digit e-notation; `0` as is. */
export function num(x: number, digits = 4): string {
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a >= 1e-4 && a < 1e6 ? x.toFixed(digits) : x.toExponential(2);
}

/** A p-value as R prints it: `<2e-16`, e-notation below 1e-4, else four decimals. */
export function pValue(p: number): string {
  return p < 2.2e-16 ? '<2e-16' : p < 1e-4 ? p.toExponential(2) : p.toFixed(4);
}

/** Header and body as aligned lines: first column left-aligned, the others right. */
export function tableLines(header: readonly string[], body: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, j) => Math.max(h.length, ...body.map((r) => r[j]!.length)));
  const line = (r: readonly string[]): string => r.map((c, j) => (j === 0 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join('  ');
  return [line(header), ...body.map(line)];
}
