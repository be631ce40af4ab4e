/**
 * Fast construction of many row objects with the same columns.
 *
 * Adding more than about 16 properties to `{}` one by one with computed keys (`row[name] = v`)
 * makes V8 switch the object to slow "dictionary" properties: rows of a 27-column survey then
 * cost several times the memory and time. Cloning a prepared template keeps every row on one
 * fast hidden class: the template is made by `JSON.parse` (which builds fast objects) and its
 * fields are generalised once to hold any value, so later stores never change the shape.
 * @internal
 */

/** Returns a function that makes a new row object with `columns` as own properties, all null. */
export function rowFactory(columns: readonly string[]): () => Record<string, unknown> {
  const template = JSON.parse(JSON.stringify(Object.fromEntries(columns.map((c) => [c, null])))) as Record<string, unknown>;
  for (const c of columns) {
    template[c] = 0.5;
    template[c] = '';
    template[c] = null;
  }
  return () => ({ ...template });
}
