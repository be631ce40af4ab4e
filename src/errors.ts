/**
 * Typed errors. Every error the library throws on purpose is a {@link LoyaltyError}
 * with a stable, public `code`; catch by class or switch on `code`.
 *
 * @module errors
 */

/** Where in the input the problem is: all fields optional, all JSON-serialisable. */
export interface ErrorLocation {
  /** The function argument or option at fault, e.g. `"values"` or `"options.weights"`. */
  readonly argument?: string;
  /** The data column at fault. */
  readonly column?: string;
  /** Zero-based index of the row or element at fault. */
  readonly row?: number;
  /** The offending value, when it is printable. */
  readonly value?: string | number | boolean | null;
  /** What was expected instead, in words. */
  readonly expected?: string;
  /** The file at fault, for errors raised while reading one (`loyalty-drivers/io`). */
  readonly file?: string;
  /** The 1-based line of the file at fault. */
  readonly line?: number;
}

/**
 * Codes of {@link InputError}: the caller passed something the function cannot use, or called a
 * function whose optional peer dependency is not installed (`MISSING_DEPENDENCY`: the message
 * names the package and the install command).
 */
export type InputErrorCode =
  | 'EMPTY_INPUT'
  | 'MALFORMED_INPUT'
  | 'COLUMN_NOT_FOUND'
  | 'NOT_NUMERIC'
  | 'OUT_OF_RANGE'
  | 'MISSING_VALUE'
  | 'LENGTH_MISMATCH'
  | 'INVALID_OPTION'
  | 'LIMIT_EXCEEDED'
  | 'MISSING_DEPENDENCY';

/** Codes of {@link InsufficientDataError}: the input is well-formed but cannot support the statistic. */
export type InsufficientDataErrorCode = 'TOO_FEW_CASES' | 'ZERO_VARIANCE';

/** Codes of {@link NumericalError}: the computation itself cannot proceed. */
export type NumericalErrorCode = 'RANK_DEFICIENT' | 'NOT_POSITIVE_DEFINITE' | 'NO_CONVERGENCE' | 'SEPARATION';

/** Every public error code. */
export type LoyaltyErrorCode = InputErrorCode | InsufficientDataErrorCode | NumericalErrorCode;

/**
 * Base class of every error the library throws on purpose.
 *
 * @example
 * ```ts
 * import { nps, LoyaltyError } from 'loyalty-drivers';
 * try {
 *   nps([11]);
 * } catch (e) {
 *   console.log(e instanceof LoyaltyError, (e as LoyaltyError).code); // => true 'OUT_OF_RANGE'
 * }
 * ```
 */
export class LoyaltyError extends Error {
  /** Stable machine-readable code; part of the public API. */
  readonly code: LoyaltyErrorCode;
  /** Where the problem is (argument, column, row, value, expectation). */
  readonly location: ErrorLocation;

  constructor(code: LoyaltyErrorCode, message: string, location: ErrorLocation = {}) {
    super(message);
    this.name = 'LoyaltyError';
    this.code = code;
    this.location = location;
  }

  /** A plain object for logs and JSON APIs: `{ name, code, message, ...location }`. */
  toJSON(): { name: string; code: LoyaltyErrorCode; message: string } & ErrorLocation {
    return { name: this.name, code: this.code, message: this.message, ...this.location };
  }
}

/**
 * The input is malformed: empty, a missing column, a non-number, a value outside its scale,
 * a bad option.
 *
 * @example
 * ```ts
 * import { nps, InputError } from 'loyalty-drivers';
 * try {
 *   nps([10, -99]);
 * } catch (e) {
 *   console.log(e instanceof InputError, (e as InputError).location.row); // => true 1
 * }
 * ```
 */
export class InputError extends LoyaltyError {
  declare readonly code: InputErrorCode;
  constructor(code: InputErrorCode, message: string, location: ErrorLocation = {}) {
    super(code, message, location);
    this.name = 'InputError';
  }
}

/**
 * The input is well-formed but too thin for the statistic: too few complete cases, an item with
 * zero variance.
 *
 * @example
 * ```ts
 * import { nps, InsufficientDataError } from 'loyalty-drivers';
 * try {
 *   nps([null, null]);
 * } catch (e) {
 *   console.log(e instanceof InsufficientDataError); // => true
 * }
 * ```
 */
export class InsufficientDataError extends LoyaltyError {
  declare readonly code: InsufficientDataErrorCode;
  constructor(code: InsufficientDataErrorCode, message: string, location: ErrorLocation = {}) {
    super(code, message, location);
    this.name = 'InsufficientDataError';
  }
}

/**
 * The computation cannot proceed: collinear predictors, a matrix that is not positive definite,
 * an iteration that did not converge, complete separation in a logistic model.
 *
 * @example
 * ```ts
 * import { NumericalError } from 'loyalty-drivers';
 * const e = new NumericalError('RANK_DEFICIENT', 'x2 is a linear combination of x1', { column: 'x2' });
 * console.log(e.code); // => 'RANK_DEFICIENT'
 * ```
 */
export class NumericalError extends LoyaltyError {
  declare readonly code: NumericalErrorCode;
  constructor(code: NumericalErrorCode, message: string, location: ErrorLocation = {}) {
    super(code, message, location);
    this.name = 'NumericalError';
  }
}
