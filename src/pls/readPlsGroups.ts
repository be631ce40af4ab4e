import { InputError, InsufficientDataError } from '../errors.js';
import { isMissing, requireColumn, requireRows } from '../internal/validate.js';
import { readItems } from '../measurement/readItems.js';
import type { NormalizedScale } from '../measurement/types.js';
import type { MissingReport, Row } from '../types.js';
import type { PathModelSpec } from './specifyPathModel.js';

/** Complete cases of a grouped path model, split by group. @internal */
export interface PlsGroupData {
  /** Group labels, sorted (numerically when every label is a number). */
  readonly labels: readonly string[];
  /** `members[g]`: positions in `columns` of the cases of group g. */
  readonly members: readonly Int32Array[];
  /** Complete-case item columns (all groups), variable by variable in construct order. */
  readonly columns: readonly Float64Array[];
  /** Positions in the input rows of the cases in `columns`. */
  readonly index: Int32Array;
  readonly offsets: readonly number[];
  readonly missing: MissingReport;
}

/** The group label of each row, from a column name or an array aligned with the rows; null when missing. */
function readLabels(rows: readonly Row[], groups: unknown): (string | null)[] {
  const label = (v: unknown, where: string): string | null => {
    if (isMissing(v)) return null;
    if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean') return String(v);
    throw new InputError('NOT_NUMERIC', `${where}: expected a group label (string or number), got ${Object.prototype.toString.call(v)}`, {
      argument: 'options.groups',
      expected: 'a string or number label',
    });
  };
  if (typeof groups === 'string') {
    requireColumn(rows, groups, 'options.groups');
    return rows.map((r, i) => label(r[groups], `rows[${i}].${groups}`));
  }
  if (Array.isArray(groups)) {
    if (groups.length !== rows.length) {
      throw new InputError('INVALID_OPTION', `options.groups: ${groups.length} labels for ${rows.length} rows`, {
        argument: 'options.groups',
        expected: 'one label per row',
      });
    }
    return groups.map((v, i) => label(v, `options.groups[${i}]`));
  }
  throw new InputError('INVALID_OPTION', 'options.groups: expected a column name or an array of group labels aligned with the rows', {
    argument: 'options.groups',
    expected: 'a column name or an array',
  });
}

/**
 * Reads the items of a path model and the group of every row: listwise deletion over the items
 * and the group (`'fail'` throws at the first missing cell or label), at least two groups, each
 * with enough complete cases for the model.
 * @internal
 */
export function readPlsGroups(
  data: unknown,
  spec: PathModelSpec,
  groups: unknown,
  missing: 'omit' | 'fail',
  missingCodes: readonly number[] | undefined,
): PlsGroupData {
  const rows = requireRows(data, 'rows');
  const labels = readLabels(rows, groups);
  if (missing === 'fail') {
    const at = labels.indexOf(null);
    if (at >= 0) {
      throw new InputError('MISSING_VALUE', `options.groups: row ${at} has no group`, {
        argument: 'options.groups',
        row: at,
        expected: 'a group label on every row (or missing: "omit")',
      });
    }
  }
  const scales: NormalizedScale[] = spec.names.map((name, j) => ({
    name,
    items: spec.items[j]!,
    reversed: spec.items[j]!.map(() => false),
    min: undefined,
    max: undefined,
    integer: false,
  }));
  const items = readItems(rows, scales, { argument: 'rows', missing, missingCodes, minimum: 2 });
  const keep: number[] = [];
  items.index!.forEach((row, i) => {
    if (labels[row] !== null) keep.push(i);
  });
  const noGroup = items.index!.length - keep.length;
  const columns = items.columns!.map((col) => Float64Array.from(keep, (i) => col[i]!));
  const index = Int32Array.from(keep, (i) => items.index![i]!);
  const caseLabels = Array.from(index, (row) => labels[row]!);
  const distinct = [...new Set(caseLabels)];
  const numeric = distinct.every((l) => l.trim() !== '' && Number.isFinite(Number(l)));
  distinct.sort(numeric ? (a, b) => Number(a) - Number(b) : (a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (distinct.length < 2) {
    throw new InsufficientDataError(
      'TOO_FEW_CASES',
      `options.groups: ${distinct.length} group(s) among the complete cases; a comparison needs two or more`,
      {
        argument: 'options.groups',
        expected: 'at least two groups',
      },
    );
  }
  const position = new Map(distinct.map((l, g) => [l, g]));
  const lists: number[][] = distinct.map(() => []);
  caseLabels.forEach((l, i) => lists[position.get(l)!]!.push(i));
  const minimum = Math.max(...spec.predecessors.map((p) => p.length)) + 2;
  lists.forEach((list, g) => {
    if (list.length < minimum) {
      throw new InsufficientDataError(
        'TOO_FEW_CASES',
        `options.groups: group "${distinct[g]}" has ${list.length} complete cases; the model needs at least ${minimum}`,
        {
          argument: 'options.groups',
          expected: `at least ${minimum} complete cases per group`,
        },
      );
    }
  });
  const byColumn: Record<string, number> = { ...items.missing.byColumn };
  if (noGroup > 0 && typeof groups === 'string') byColumn[groups] = (byColumn[groups] ?? 0) + noGroup;
  return {
    labels: distinct,
    members: lists.map((l) => Int32Array.from(l)),
    columns,
    index,
    offsets: items.offsets,
    missing: {
      ...items.missing,
      rowsUsed: index.length,
      rowsDropped: items.missing.rowsDropped + noGroup,
      byColumn,
    },
  };
}
