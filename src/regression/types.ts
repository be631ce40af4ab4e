/**
 * Public option and result types of the regression module.
 *
 * @module regression/types
 */
import type { StatisticsSource } from '../summary/matrixInput.js';
import type { DesignSummary, SurveyDesign } from '../survey/design.js';
import type { CovarianceMissingPolicy, EstimateFields, Interval, MissingPolicy, MissingReport, Warning } from '../types.js';

/**
 * Heteroskedasticity-consistent covariance types, as R sandwich `vcovHC`: HC0-HC3 (White 1980;
 * MacKinnon & White 1985) and the leverage-adjusted HC4 (Cribari-Neto 2004), HC4m (Cribari-Neto
 * & da Silva 2011) and HC5 (Cribari-Neto, Souza & Vasconcellos 2007).
 */
export type RobustType = 'HC0' | 'HC1' | 'HC2' | 'HC3' | 'HC4' | 'HC4m' | 'HC5';

/** Options of {@link ols}. */
export interface OlsOptions {
  /** Numeric outcome column (e.g. `"recommend"`). */
  readonly outcome: string;
  /** Numeric predictor columns, at least one. */
  readonly predictors: readonly string[];
  /** Column of sampling weights (>= 0): weighted least squares as R `lm(weights = )`. Rows only. */
  readonly weights?: string;
  /**
   * A complex sample design of column names (`{ weights, strata?, clusters?, fpc?, lonelyPsu? }`):
   * the coefficients of the fit weighted by `design.weights`, standard errors by linearization as
   * R `survey::svyglm` (gaussian), t on the design degrees of freedom `degf + 1 - k`. Rows only;
   * not with `weights` (`INVALID_OPTION`), `robust` or `missing: 'pairwise' | 'fiml'`.
   */
  readonly design?: SurveyDesign<string>;
  /**
   * Heteroskedasticity-robust standard errors (rows only): `'HC0' | 'HC1' | 'HC2' | 'HC3'`, the
   * leverage-adjusted `'HC4' | 'HC4m' | 'HC5'` (for samples with high-leverage cases), or `true`
   * for HC3 (R sandwich's default). Default `false`: classical standard errors.
   */
  readonly robust?: RobustType | boolean;
  /** Confidence level of the coefficient intervals, in (0, 1). Default 0.95. */
  readonly confidenceLevel?: number;
  /**
   * `'omit'` (default) drops incomplete rows listwise and reports them; `'fail'` throws;
   * `'pairwise'` fits the pairwise covariance matrix; `'fiml'` is full-information maximum
   * likelihood (lavaan `sem(missing = "ml", fixed.x = FALSE)`): see
   * docs/guides/missing-data.md. Rows only; not with `weights`, `robust` or `residuals`.
   */
  readonly missing?: CovarianceMissingPolicy;
  /** Numbers that code a missing answer (e.g. `[-99]`). */
  readonly missingCodes?: readonly number[];
  /** Include `residuals`, `fittedValues` and `rowIndex` in the result (rows only). Default false. */
  readonly residuals?: boolean;
  /**
   * Rank tolerance (default 1e-7, as R's `lm`): a predictor whose part not explained by the
   * earlier terms is below `tolerance` times the largest pivot is reported as collinear.
   */
  readonly tolerance?: number;
}

/** One row of a coefficient table: the estimate with its t interval (`intervalMethod: 't'`). */
export interface Coefficient extends EstimateFields {
  /** Predictor name, or `"(Intercept)"`. */
  readonly term: string;
  /** `estimate / standardError` (under `missing: 'fiml'` a z statistic, referred to the normal, as lavaan). */
  readonly tStatistic: number;
  /** Two-sided p-value from Student's t on `dfResidual` degrees of freedom (the normal under `missing: 'fiml'`). */
  readonly pValue: number;
  /** `estimate -/+ t * SE` (R `confint.lm`); `estimate -/+ z * SE` under `missing: 'fiml'`. */
  readonly confidenceInterval: Interval;
  /** `'t'`, or `'wald'` (normal) under `missing: 'fiml'`. */
  readonly intervalMethod: 't' | 'wald';
  /**
   * Standardized (beta) coefficient `estimate * sd(x) / sd(y)` (weighted SDs for weighted fits);
   * `null` for the intercept.
   */
  readonly standardizedEstimate: number | null;
}

/** Result of {@link ols}: a readonly plain object (JSON round-trips). */
export interface OlsResult {
  /** `'ols'`, or `'wls'` with sampling weights. */
  readonly method: 'ols' | 'wls';
  /** `'householder-qr'` for rows; `'cholesky-sscp'` for summary input (see the TSDoc of `ols`). */
  readonly algorithm: 'householder-qr' | 'cholesky-sscp' | 'fiml-em';
  /** What the fit was computed from. */
  readonly source: StatisticsSource;
  /**
   * `'classical'`, the robust type used for every standard error, t, p, interval and the F test,
   * `'observed-information'` (FIML, `missing: 'fiml'`), or `'design'` (linearization under
   * `design`, as `svyglm`).
   */
  readonly standardErrorType: 'classical' | RobustType | 'observed-information' | 'design';
  readonly outcome: string;
  readonly predictors: readonly string[];
  /** Cases in the fit (with weights: cases with a positive weight, as R's `lm` counts them). */
  readonly n: number;
  /** Sum of the weights (equals `n` unweighted). */
  readonly weightSum: number;
  /** Model degrees of freedom (number of predictors). */
  readonly dfModel: number;
  /** `n - p - 1`; under a design `degf + 1 - k` (R `svyglm`), used by t, p and the intervals. */
  readonly dfResidual: number;
  readonly rSquared: number;
  readonly adjustedRSquared: number;
  /** Residual standard error `sqrt(RSS / dfResidual)` (weighted RSS for WLS). */
  readonly sigma: number;
  /** F test of all slopes = 0: classical, or a Wald F with the robust covariance when robust. */
  readonly fStatistic: number;
  readonly fPValue: number;
  /** Intercept first (when there is one), then the predictors in the order given. */
  readonly coefficients: readonly Coefficient[];
  /** Variance inflation factor per predictor (weighted design for WLS; 1 with one predictor). */
  readonly vif: Readonly<Record<string, number>>;
  /** Options used, defaults filled in. */
  readonly options: {
    readonly weights: string | null;
    readonly robust: RobustType | false;
    readonly confidenceLevel: number;
    readonly tolerance: number;
    readonly residuals: boolean;
    /** The design's columns, when one was given. */
    readonly design?: SurveyDesign<string>;
  };
  readonly missing: MissingReport;
  /** Empty so far: a fit that cannot be trusted throws instead (rank deficiency). */
  readonly warnings: readonly Warning[];
  /**
   * The design of a design-based fit (strata and PSUs the fit's cases fall in, the design degrees
   * of freedom, fpc, lonely-PSU rule; `designEffect` null); `null` without a design.
   */
  readonly design?: DesignSummary | null;
  /** Residuals `y - fitted` of the cases used (on request). */
  readonly residuals?: readonly number[];
  /** Fitted values of the cases used (on request). */
  readonly fittedValues?: readonly number[];
  /** Zero-based position in the input rows of each case used (on request). */
  readonly rowIndex?: readonly number[];
  /** Under `missing: 'fiml'`: the ML residual variance with its standard error, and the log-likelihood. */
  readonly fiml?: {
    readonly residualVariance: { readonly estimate: number; readonly standardError: number };
    readonly logLikelihood: number;
  };
}

/** Options of {@link logisticRegression}. */
export interface LogisticOptions {
  /** Outcome column coded 0/1 (e.g. `"retained"`). */
  readonly outcome: string;
  readonly predictors: readonly string[];
  /** Prior weights column (>= 0), as R `glm(weights = )`. */
  readonly weights?: string;
  /**
   * A complex sample design of column names (`{ weights, strata?, clusters?, fpc?, lonelyPsu? }`):
   * the fit weighted by `design.weights`, standard errors by linearization as R
   * `survey::svyglm(family = quasibinomial())`, t tests and intervals on `degf + 1 - k` degrees of
   * freedom. Not with `weights` (`INVALID_OPTION`).
   */
  readonly design?: SurveyDesign<string>;
  readonly confidenceLevel?: number;
  readonly missing?: MissingPolicy;
  readonly missingCodes?: readonly number[];
  /** Convergence tolerance on the relative deviance change (default 1e-8, R `glm.control`). */
  readonly convergenceTolerance?: number;
  /** Maximum IRLS iterations (default 25, R `glm.control`). */
  readonly maxIterations?: number;
  /** Rank tolerance for collinear predictors (default 1e-7). */
  readonly tolerance?: number;
  /** Include `fittedProbabilities` and `rowIndex` in the result. Default false. */
  readonly fitted?: boolean;
}

/**
 * One row of a logistic coefficient table: Wald z inference (`intervalMethod: 'wald'`), or t on
 * the design degrees of freedom under a survey design (`'t'`, as `summary.svyglm`).
 */
export interface LogisticCoefficient extends EstimateFields {
  readonly term: string;
  /** Log-odds coefficient. */
  readonly estimate: number;
  /** `estimate / standardError` (referred to t on `dfResidual` under a design). */
  readonly zStatistic: number;
  /** Two-sided p-value from the standard normal (Student t on `dfResidual` under a design). */
  readonly pValue: number;
  /** Wald interval `estimate -/+ z * SE` (R `confint.default`); `-/+ t * SE` under a design (`confint.svyglm`). */
  readonly confidenceInterval: Interval;
  readonly intervalMethod: 'wald' | 't';
  /** `exp(estimate)`. */
  readonly oddsRatio: number;
  /** `exp` of the interval ends. */
  readonly oddsRatioInterval: Interval;
  /** Log-odds change per standard deviation of the predictor (`estimate * sd(x)`); `null` for the intercept. */
  readonly standardizedEstimate: number | null;
}

/** Result of {@link logisticRegression}. */
export interface LogisticResult {
  readonly method: 'logistic';
  readonly algorithm: 'irls-householder-qr';
  readonly outcome: string;
  readonly predictors: readonly string[];
  readonly n: number;
  /** Sum of the weights of the cases used (under a design, of the design's weights as given). */
  readonly weightSum: number;
  /** `n - p - 1`; under a design `degf + 1 - k` (R `svyglm`). */
  readonly dfResidual: number;
  readonly dfNull: number;
  readonly coefficients: readonly LogisticCoefficient[];
  /**
   * Covariance matrix of the coefficients, rows and columns in the order of `coefficients` (R
   * `vcov(glm)`: `(X'WX)^-1` at the working weights of the last IRLS step; under a design, the
   * linearized covariance, R `vcov(svyglm)`).
   */
  readonly covariance: readonly (readonly number[])[];
  readonly deviance: number;
  readonly nullDeviance: number;
  /** `-deviance / 2` (the saturated model of 0/1 data has log-likelihood 0). */
  readonly logLikelihood: number;
  /** `deviance + 2 (predictors + 1)`. */
  readonly aic: number;
  /** McFadden's pseudo R-squared `1 - deviance / nullDeviance`. */
  readonly mcFaddenRSquared: number;
  /**
   * Likelihood-ratio test of all slopes = 0; `null` under a design (a pseudo-likelihood has no
   * chi-square reference: see `designWaldTest`).
   */
  readonly likelihoodRatio: { readonly chiSquare: number; readonly df: number; readonly pValue: number } | null;
  /**
   * Under a design: the design-based Wald F of all slopes = 0 on (p, `dfResidual`) (R
   * `regTermTest(method = "Wald")`); `null` otherwise.
   */
  readonly designWaldTest?: {
    readonly fStatistic: number;
    readonly df: number;
    readonly dfResidual: number;
    readonly pValue: number;
  } | null;
  /** The design of a design-based fit (see {@link OlsResult}); `null` without one. */
  readonly design?: DesignSummary | null;
  readonly convergence: {
    readonly converged: boolean;
    readonly iterations: number;
    readonly tolerance: number;
    readonly criterion: 'relative deviance change |D - D_old| / (|D| + 0.1)';
    readonly finalChange: number;
  };
  readonly options: {
    readonly weights: string | null;
    /** The design's columns, when one was given. */
    readonly design?: SurveyDesign<string>;
    readonly confidenceLevel: number;
    readonly convergenceTolerance: number;
    readonly maxIterations: number;
    readonly tolerance: number;
    readonly fitted: boolean;
  };
  readonly missing: MissingReport;
  /** Empty so far: separation and non-convergence throw instead. */
  readonly warnings: readonly Warning[];
  readonly fittedProbabilities?: readonly number[];
  readonly rowIndex?: readonly number[];
}
