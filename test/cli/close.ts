// Deep comparison of two JSON values with numbers equal to a relative tolerance: the streaming
// path (column chunks, per-section accumulators) equals the rows path to rounding, and rounding
// both to a fixed number of digits can still flip a digit on a boundary.

/** Every difference beyond `rel` relative (numbers below 1e-11 in both count as zero), as `path: a vs b`. */
export function numericDifferences(a: unknown, b: unknown, rel = 1e-10, path = '$', out: string[] = []): string[] {
  if (typeof a === 'number' && typeof b === 'number') {
    const tiny = Math.abs(a) < 1e-11 && Math.abs(b) < 1e-11;
    if (a !== b && !tiny && !(Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b)))) out.push(`${path}: ${a} vs ${b}`);
    return out;
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    if (a !== b) out.push(`${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
    return out;
  }
  if (Array.isArray(a) !== Array.isArray(b)) {
    out.push(`${path}: array vs object`);
    return out;
  }
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = (a as Record<string, unknown>)[k];
    const y = (b as Record<string, unknown>)[k];
    if (x === undefined && y === undefined) continue;
    if (x === undefined || y === undefined)
      out.push(`${path}.${k}: ${x === undefined ? 'missing' : 'present'} vs ${y === undefined ? 'missing' : 'present'}`);
    else numericDifferences(x, y, rel, `${path}.${k}`, out);
  }
  return out;
}
