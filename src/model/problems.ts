/**
 * Internal helpers of the model checker: a problem collector and the checks of single values
 * (column references, number lists, unknown keys with "did you mean" suggestions).
 * @internal
 */
import type { CheckModelOptions, ModelProblem } from './types.js';
import { optionKeys } from '../internal/options.js';

import { suggestion } from '../internal/suggest.js';

export { suggestion };

/** The keys of {@link CheckModelOptions}. */
export const CHECK_MODEL_KEYS = optionKeys<CheckModelOptions>({ columns: true, argument: true });

/** Short JSON rendering of a bad value for messages. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  if (text === undefined) return typeof value;
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Whether `value` is a plain (non-array, non-null) object. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** JSON-path segment for a key: `.name` for identifiers, `["odd key"]` otherwise. */
export function keyPath(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** Collects problems and checks single values against the data's columns. */
export class ProblemCollector {
  readonly problems: ModelProblem[] = [];
  private readonly columnSet: ReadonlySet<string> | undefined;

  constructor(readonly columns: readonly string[] | undefined) {
    this.columnSet = columns === undefined ? undefined : new Set(columns);
  }

  error(path: string, message: string, code: ModelProblem['code'] = 'INVALID_OPTION', column?: string): void {
    this.problems.push({ path, code, severity: 'error', message: `${path}: ${message}`, ...(column === undefined ? {} : { column }) });
  }

  warn(path: string, message: string, column?: string): void {
    this.problems.push({
      path,
      code: 'INVALID_OPTION',
      severity: 'warning',
      message: `${path}: ${message}`,
      ...(column === undefined ? {} : { column }),
    });
  }

  get errorCount(): number {
    return this.problems.filter((p) => p.severity === 'error').length;
  }

  /** Whether the data has this column (always true when no columns were given). */
  hasColumn(name: string): boolean {
    return this.columnSet === undefined || this.columnSet.has(name);
  }

  /** A column name: a non-empty string that, when the data's columns are known, is one of them. */
  column(path: string, value: unknown, exclude: readonly string[] = []): string | undefined {
    if (typeof value !== 'string' || value.trim().length === 0) {
      this.error(path, `expected a column name (a non-empty string), got ${show(value)}`);
      return undefined;
    }
    if (!this.hasColumn(value)) {
      const candidates = (this.columns ?? []).filter((c) => !exclude.includes(c));
      this.error(path, `"${value}" is not a column of the data${suggestion(value, candidates)}`, 'COLUMN_NOT_FOUND', value);
      return undefined;
    }
    return value;
  }

  /** A list of distinct column names (at least `minimum`). */
  columnList(path: string, value: unknown, minimum: number): string[] | undefined {
    if (!Array.isArray(value)) {
      this.error(path, `expected a list of column names, got ${show(value)}`);
      return undefined;
    }
    if (value.length < minimum) {
      this.error(path, `expected at least ${minimum} column name${minimum === 1 ? '' : 's'}, got ${value.length}`);
      return undefined;
    }
    const out: string[] = [];
    const seen = new Set<string>();
    let ok = true;
    value.forEach((v: unknown, i) => {
      const name = this.column(
        `${path}[${i}]`,
        v,
        value.filter((x): x is string => typeof x === 'string' && x !== v),
      );
      if (name === undefined) {
        ok = false;
        return;
      }
      if (seen.has(name)) {
        this.error(`${path}[${i}]`, `"${name}" is listed twice`, 'INVALID_OPTION', name);
        ok = false;
      }
      seen.add(name);
      out.push(name);
    });
    return ok ? out : undefined;
  }

  /** A finite number, or undefined (with a problem) when absent is not allowed. */
  finite(path: string, value: unknown): number | undefined {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.error(path, `expected a finite number, got ${show(value)}`);
      return undefined;
    }
    return value;
  }

  /** A list of finite numbers (missing-value codes). */
  numberList(path: string, value: unknown): number[] | undefined {
    if (!Array.isArray(value)) {
      this.error(path, `expected a list of numbers, e.g. [-99], got ${show(value)}`);
      return undefined;
    }
    let ok = true;
    value.forEach((v: unknown, i) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        this.error(`${path}[${i}]`, `expected a finite number, got ${show(v)}`);
        ok = false;
      }
    });
    return ok ? [...(value as number[])] : undefined;
  }

  /** Reports keys of `object` that are not in `allowed`, suggesting the closest allowed key. */
  unknownKeys(path: string, object: Record<string, unknown>, allowed: readonly string[]): void {
    for (const key of Object.keys(object)) {
      if (!allowed.includes(key)) {
        this.error(keyPath(path, key), `unknown key${suggestion(key, allowed)}; expected one of ${allowed.join(', ')}`);
      }
    }
  }

  /** A plain object, or a problem. */
  object(path: string, value: unknown, expected: string): Record<string, unknown> | undefined {
    if (!isPlainObject(value)) {
      this.error(path, `expected ${expected}, got ${show(value)}`);
      return undefined;
    }
    return value;
  }
}
