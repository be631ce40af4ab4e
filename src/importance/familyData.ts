/**
 * Reads rows for importance by players: the outcome coded for its family, driver sets, always-in
 * covariates and dummy-coded categorical drivers, into one design matrix.
 *
 * @internal
 */
import { InputError, InsufficientDataError } from '../errors.js';
import { checkOption, isMissing, readColumns, requireRows } from '../internal/validate.js';
import { isMatrixInput } from '../summary/matrixInput.js';
import type { MissingPolicy, MissingReport, Row } from '../types.js';

/** Outcome family of an importance analysis. */
export type ImportanceFamily = 'gaussian' | 'binomial' | 'ordinal';

/** Pseudo-R2 decomposed for a binomial or ordinal outcome (Azen & Traxel 2009). */
export type PseudoRSquared = 'mcfadden' | 'cox-snell' | 'nagelkerke' | 'estrella';

export const FAMILIES: readonly ImportanceFamily[] = ['gaussian', 'binomial', 'ordinal'];
export const PSEUDO_R_SQUARED: readonly PseudoRSquared[] = ['mcfadden', 'cox-snell', 'nagelkerke', 'estrella'];

/** The options that shape the players of an importance analysis (every family). */
export interface PlayerOptions {
  /**
   * Outcome family (default `'gaussian'`: R2 of linear models). `'binomial'`: a 0/1 outcome, logistic
   * subset models; `'ordinal'`: a numeric outcome with 3 or more ordered values, proportional-odds
   * cumulative-logit subset models (R `ordinal::clm`).
   */
  readonly family?: ImportanceFamily;
  /** Binomial and ordinal: the pseudo-R2 decomposed (default `'mcfadden'`). */
  readonly pseudoRSquared?: PseudoRSquared;
  /**
   * Driver sets, each one player: `{ service: ['sat1', 'sat2'] }` (R relaimpo `groups`,
   * dominanceanalysis `terms`). Members must be listed in `predictors`; a column in at most one set.
   */
  readonly sets?: Readonly<Record<string, readonly string[]>>;
  /**
   * Covariates in every submodel (R relaimpo `always`, dominanceanalysis `constants`), not among
   * `predictors`; their own share is reported apart and the players split the rest.
   */
  readonly always?: readonly string[];
  /**
   * Columns (text or integer) to dummy-code, predictors or always-in: one dummy per level but the
   * reference (the first sorted level), all dummies of a column one player.
   */
  readonly categorical?: readonly string[];
}

/** How a categorical column was coded. */
export interface CategoricalCoding {
  /** The level every dummy is compared with (the first sorted level). */
  readonly reference: string | number;
  /** Every level found in the cases used, sorted. */
  readonly levels: readonly (string | number)[];
  /** Design column names, `column=level`, one per non-reference level. */
  readonly dummies: readonly string[];
}

/** Rows read into players. */
export interface PlayerData {
  readonly family: ImportanceFamily;
  readonly outcome: string;
  /** Player names: set names, and the other predictors by column name. */
  readonly players: readonly string[];
  /** Source columns of each player. */
  readonly playerColumns: Readonly<Record<string, readonly string[]>>;
  /** Design column names (numeric columns by name, dummies as `column=level`). */
  readonly designNames: readonly string[];
  /** Design column indices of each player, in player order. */
  readonly playerDesign: readonly (readonly number[])[];
  /** Design column indices of the always-in covariates. */
  readonly alwaysDesign: readonly number[];
  readonly always: readonly string[];
  /** Raw design columns (complete cases). */
  readonly columns: readonly Float64Array[];
  /** Outcome values (complete cases). */
  readonly y: Float64Array;
  /** Sorted distinct outcome values (binomial: [0, 1]; ordinal: the categories). */
  readonly levels: readonly number[];
  readonly weights: Float64Array | undefined;
  readonly n: number;
  readonly weightSum: number;
  readonly missing: MissingReport;
  readonly categorical: Readonly<Record<string, CategoricalCoding>>;
}

interface ReadOptions extends PlayerOptions {
  readonly outcome: string;
  readonly predictors: readonly string[];
  readonly weights?: string;
  readonly missing?: MissingPolicy;
  readonly missingCodes?: readonly number[];
}

function stringList(value: unknown, argument: string): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v.length === 0)) {
    throw new InputError('INVALID_OPTION', `${argument}: expected an array of column names`, {
      argument,
      expected: 'an array of column names',
    });
  }
  return [...(value as string[])];
}

/** Compares levels: numbers numerically, text by code units (a stable order on every machine). */
function compareLevels(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** Validates the player options and reads the rows (complete cases on every column used). */
export function readPlayerData(data: unknown, options: ReadOptions): PlayerData {
  const family = checkOption('options.family', options.family ?? 'gaussian', FAMILIES);
  const outcome = options.outcome;
  if (typeof outcome !== 'string' || outcome.length === 0) {
    throw new InputError('INVALID_OPTION', `options.outcome: expected a column name, got ${JSON.stringify(outcome ?? null)}`, {
      argument: 'options.outcome',
      expected: 'a column name',
    });
  }
  const predictors = stringList(options.predictors, 'options.predictors');
  const always = options.always === undefined ? [] : stringList(options.always, 'options.always');
  const categorical = options.categorical === undefined ? [] : stringList(options.categorical, 'options.categorical');
  const all = [...predictors, ...always];
  const seen = new Set<string>();
  for (const v of all) {
    if (seen.has(v)) {
      const inAlways = always.includes(v) && predictors.includes(v);
      throw new InputError(
        'INVALID_OPTION',
        inAlways
          ? `options.always: "${v}" is also a predictor; an always-in covariate is in every submodel and is not decomposed`
          : `options.predictors: "${v}" is listed twice`,
        { argument: inAlways ? 'options.always' : 'options.predictors', column: v, expected: 'distinct columns' },
      );
    }
    seen.add(v);
  }
  if (seen.has(outcome)) {
    throw new InputError(
      'INVALID_OPTION',
      `options.predictors: the outcome "${outcome}" cannot also be a predictor or always-in covariate`,
      {
        argument: 'options.predictors',
        column: outcome,
        expected: 'columns other than the outcome',
      },
    );
  }
  for (const c of categorical) {
    if (!seen.has(c)) {
      throw new InputError('INVALID_OPTION', `options.categorical: "${c}" is not among the predictors or always-in covariates`, {
        argument: 'options.categorical',
        column: c,
        expected: 'a column of predictors or always',
      });
    }
  }
  // Players: a set at the place of its first member, other predictors alone.
  const setOf = new Map<string, string>();
  const sets = options.sets ?? {};
  if (sets === null || typeof sets !== 'object' || Array.isArray(sets)) {
    throw new InputError('INVALID_OPTION', 'options.sets: expected an object such as { service: ["sat1", "sat2"] }', {
      argument: 'options.sets',
      expected: 'an object of column arrays',
    });
  }
  for (const [name, members] of Object.entries(sets)) {
    const cols = stringList(members, `options.sets.${name}`);
    if (cols.length === 0) {
      throw new InputError('INVALID_OPTION', `options.sets.${name}: a set needs at least one column`, {
        argument: `options.sets.${name}`,
        expected: 'a non-empty array of predictors',
      });
    }
    if (predictors.includes(name) && !(cols.length === 1 && cols[0] === name)) {
      throw new InputError('INVALID_OPTION', `options.sets: the set name "${name}" is also a predictor column; name the set differently`, {
        argument: 'options.sets',
        column: name,
        expected: 'set names distinct from predictor columns',
      });
    }
    for (const c of cols) {
      if (!predictors.includes(c)) {
        throw new InputError('INVALID_OPTION', `options.sets.${name}: "${c}" is not among options.predictors`, {
          argument: `options.sets.${name}`,
          column: c,
          expected: 'columns listed in options.predictors',
        });
      }
      if (setOf.has(c)) {
        throw new InputError('INVALID_OPTION', `options.sets.${name}: "${c}" is already in set "${setOf.get(c)}"`, {
          argument: `options.sets.${name}`,
          column: c,
          expected: 'each column in at most one set',
        });
      }
      setOf.set(c, name);
    }
  }
  const players: string[] = [];
  const playerColumns: Record<string, string[]> = {};
  for (const c of predictors) {
    const name = setOf.get(c) ?? c;
    if (!playerColumns[name]) {
      players.push(name);
      playerColumns[name] = [];
    }
    playerColumns[name]!.push(c);
  }
  if (players.length < 2) {
    throw new InputError(
      'INVALID_OPTION',
      `options.predictors: expected at least 2 players (predictors or sets), got ${players.length}; with one there is nothing to decompose`,
      { argument: 'options.predictors', value: players.length, expected: 'at least 2 players' },
    );
  }
  if (isMatrixInput(data)) {
    throw new InputError(
      'INVALID_OPTION',
      'data: a binomial or ordinal family, sets, always-in or categorical drivers need rows (every subset model is fitted to the cases), not a summary matrix',
      { argument: 'data', expected: 'rows' },
    );
  }
  // Categorical columns become level codes so the numeric reader handles missingness.
  const rows = requireRows(data);
  const codes = new Map<string, (string | number)[]>();
  let read: readonly Row[] = rows;
  if (categorical.length > 0) {
    for (const c of categorical) {
      const found = new Set<string | number>();
      let kind: string | undefined;
      rows.forEach((r, i) => {
        const v = (r as Record<string, unknown>)[c];
        if (isMissing(v) || (typeof v === 'number' && options.missingCodes?.includes(v))) return;
        if (!(typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v)))) {
          throw new InputError(
            'NOT_NUMERIC',
            `column "${c}", row ${i}: a categorical column takes text or integers, got ${JSON.stringify(v)}`,
            {
              argument: 'options.categorical',
              column: c,
              row: i,
              expected: 'text or an integer',
            },
          );
        }
        if (kind !== undefined && kind !== typeof v) {
          throw new InputError('NOT_NUMERIC', `column "${c}", row ${i}: mixes text and numbers; a categorical column takes one kind`, {
            argument: 'options.categorical',
            column: c,
            row: i,
            expected: `${kind} like the other rows`,
          });
        }
        kind = typeof v;
        found.add(v as string | number);
      });
      codes.set(c, [...found].sort(compareLevels));
    }
    read = rows.map((r) => {
      const copy: Record<string, unknown> = { ...(r as Record<string, unknown>) };
      for (const c of categorical) {
        const v = copy[c];
        const at = codes.get(c)!.indexOf(v as string | number);
        copy[c] = at < 0 ? null : at;
      }
      return copy as Row;
    });
  }
  const sourceColumns = [...predictors, ...always];
  const sample = readColumns(
    read,
    [...sourceColumns, outcome].map((column) => ({ column, ...(categorical.includes(column) ? { missingCodes: [] } : {}) })),
    {
      weights: options.weights,
      missing: options.missing,
      missingCodes: options.missingCodes,
      minimum: 1,
    },
  );
  const y = sample.columns[sourceColumns.length]!;
  const n = y.length;
  const w = sample.weights;
  let weightSum = 0;
  let positive = 0;
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i]! : 1;
    weightSum += wi;
    if (wi > 0) positive++;
  }
  // The outcome's categories.
  const distinct = [...new Set(Array.from(y))].sort((a, b) => a - b);
  let levels: number[] = distinct;
  if (family === 'binomial') {
    const bad = Array.from(y).findIndex((v) => v !== 0 && v !== 1);
    if (bad >= 0) {
      throw new InputError(
        'OUT_OF_RANGE',
        `column "${outcome}", row ${sample.index[bad]}: a binomial outcome takes 0 or 1, got ${y[bad]}`,
        {
          argument: 'options.outcome',
          column: outcome,
          row: sample.index[bad],
          value: y[bad],
          expected: '0 or 1',
        },
      );
    }
    if (distinct.length < 2) {
      throw new InsufficientDataError(
        'ZERO_VARIANCE',
        `column "${outcome}": every case used has the value ${distinct[0]}; a binomial outcome needs both 0 and 1`,
        {
          argument: 'options.outcome',
          column: outcome,
          expected: 'both 0 and 1',
        },
      );
    }
    levels = [0, 1];
  } else if (family === 'ordinal' && distinct.length < 3) {
    throw new InputError(
      'INVALID_OPTION',
      `column "${outcome}": an ordinal outcome needs at least 3 distinct values, found ${distinct.length} (${distinct.join(', ')}); use family: 'binomial' for two`,
      { argument: 'options.outcome', column: outcome, expected: 'at least 3 distinct values' },
    );
  }
  // Design: numeric columns as they are, categorical ones as dummies of their levels present.
  const designNames: string[] = [];
  const columns: Float64Array[] = [];
  const designOf = new Map<string, number[]>();
  const coding: Record<string, CategoricalCoding> = {};
  sourceColumns.forEach((c, j) => {
    const col = sample.columns[j]!;
    const at: number[] = [];
    if (categorical.includes(c)) {
      const all = codes.get(c)!;
      const present = [...new Set(Array.from(col))].sort((a, b) => a - b);
      const lv = present.map((k) => all[k]!);
      if (lv.length < 2) {
        throw new InsufficientDataError(
          'ZERO_VARIANCE',
          `column "${c}": one level (${JSON.stringify(lv[0])}) among the cases used; a categorical driver needs two`,
          {
            argument: 'options.categorical',
            column: c,
            expected: 'at least 2 levels',
          },
        );
      }
      const dummies: string[] = [];
      for (let l = 1; l < present.length; l++) {
        const code = present[l]!;
        const d = new Float64Array(n);
        for (let i = 0; i < n; i++) d[i] = col[i] === code ? 1 : 0;
        const name = `${c}=${String(lv[l])}`;
        at.push(columns.length);
        columns.push(d);
        designNames.push(name);
        dummies.push(name);
      }
      coding[c] = { reference: lv[0]!, levels: lv, dummies };
    } else {
      at.push(columns.length);
      columns.push(col);
      designNames.push(c);
    }
    designOf.set(c, at);
  });
  const m = columns.length;
  const minimum = m + (family === 'ordinal' ? levels.length : 2);
  if (positive < minimum) {
    throw new InsufficientDataError(
      'TOO_FEW_CASES',
      `rows: ${positive} complete cases with a positive weight for ${m} design columns; need at least ${minimum}`,
      { argument: 'rows', value: positive, expected: `at least ${minimum} complete cases` },
    );
  }
  // Constant design columns make every model containing them singular: name them.
  columns.forEach((col, j) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < n; i++) {
      if (w && !(w[i]! > 0)) continue;
      lo = Math.min(lo, col[i]!);
      hi = Math.max(hi, col[i]!);
    }
    if (!(hi > lo)) {
      throw new InsufficientDataError('ZERO_VARIANCE', `column "${designNames[j]}" is constant (${lo}) in the cases used`, {
        argument: 'options.predictors',
        column: designNames[j],
        expected: 'a column that varies',
      });
    }
  });
  return {
    family,
    outcome,
    players,
    playerColumns,
    designNames,
    playerDesign: players.map((p) => playerColumns[p]!.flatMap((c) => designOf.get(c)!)),
    alwaysDesign: always.flatMap((c) => designOf.get(c)!),
    always,
    columns,
    y,
    levels,
    weights: w,
    n: positive,
    weightSum,
    missing: sample.missing,
    categorical: coding,
  };
}
