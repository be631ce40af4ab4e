/**
 * Reading the variables of a segment profile: numeric measures (any {@link MeasureSpec}) and
 * categorical columns, with the automatic typing of bare column names.
 * @internal
 */
import { InputError } from '../errors.js';
import { isMissing, requireColumn } from '../internal/validate.js';
import type { Row } from '../types.js';
import { resolveMeasure, type MeasureDefinition, type MeasureSpec } from './resolveMeasure.js';

/** A profile variable: a measure, with its type forced if need be. */
export type ProfileVariable = Exclude<MeasureSpec, string> & {
  /** `'numeric'`: means, ANOVA and Kruskal-Wallis; `'categorical'`: shares and chi-square (a column only). */
  readonly type?: 'numeric' | 'categorical';
};

export interface ReadVariable {
  readonly name: string;
  readonly type: 'numeric' | 'categorical';
  readonly definition: MeasureDefinition;
  /** Numeric values (numeric variables) or category labels (categorical), `null` if missing. */
  readonly values: readonly (number | string | null)[];
}

function categoryLabel(v: unknown, column: string, row: number): string | null {
  if (isMissing(v)) return null;
  if (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) return String(v);
  throw new InputError('NOT_NUMERIC', `column "${column}", row ${row}: expected a category (string, number or boolean), got ${typeof v}`, {
    argument: 'rows',
    column,
    row,
    expected: 'a string, number or boolean',
  });
}

/** Numbers other than 0/1 make a bare column numeric; strings, booleans or only 0/1 make it categorical. */
function inferType(rows: readonly Row[], column: string, codes: readonly number[] | undefined): 'numeric' | 'categorical' {
  let numeric = false;
  for (const r of rows) {
    const v = r[column];
    if (isMissing(v) || (typeof v === 'number' && codes !== undefined && codes.includes(v))) continue;
    if (typeof v === 'string' || typeof v === 'boolean') return 'categorical';
    if (typeof v === 'number' && v !== 0 && v !== 1) numeric = true;
  }
  return numeric ? 'numeric' : 'categorical';
}

export function readVariable(rows: readonly Row[], variable: string | ProfileVariable, argument: string): ReadVariable {
  if (typeof variable !== 'string' && (variable === null || typeof variable !== 'object' || Array.isArray(variable))) {
    throw new InputError('INVALID_OPTION', `${argument}: expected a column name or a measure object`, {
      argument,
      expected: 'a column name or a measure',
    });
  }
  const spec = typeof variable === 'string' ? { column: variable } : variable;
  let type = typeof variable === 'string' ? undefined : variable.type;
  if (type !== undefined && type !== 'numeric' && type !== 'categorical') {
    throw new InputError('INVALID_OPTION', `${argument}.type: expected "numeric" or "categorical", got ${JSON.stringify(type)}`, {
      argument: `${argument}.type`,
      expected: '"numeric" | "categorical"',
    });
  }
  if ('column' in spec && typeof spec.column === 'string') {
    requireColumn(rows, spec.column, argument);
    type ??= inferType(rows, spec.column, spec.missingCodes);
    if (type === 'categorical') {
      const column = spec.column;
      const codes = spec.missingCodes;
      const values = rows.map((r, i) => {
        const v = r[column];
        if (typeof v === 'number' && codes !== undefined && codes.includes(v)) return null;
        return categoryLabel(v, column, i);
      });
      return { name: spec.name ?? column, type, definition: { kind: 'column', column }, values };
    }
  } else if (type === 'categorical') {
    throw new InputError('INVALID_OPTION', `${argument}: a categorical variable must be a column ({ column, type: 'categorical' })`, {
      argument,
      expected: 'a column for a categorical variable',
    });
  }
  const m = resolveMeasure(rows, spec as MeasureSpec, { argument });
  return { name: m.name, type: 'numeric', definition: m.definition, values: m.values };
}
