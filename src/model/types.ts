/**
 * The model file: one JSON document that says once what the columns of a survey mean (the
 * driver scales and their items, the outcomes, the NPS and CSAT questions, the measures used
 * for segmentation, the weight, wave and id columns and the missing-value codes), so library
 * calls and the command-line tool do not have to repeat it.
 *
 * Two shapes: {@link LoyaltyModelFile} is what a user writes (shorthands allowed);
 * {@link LoyaltyModel} is what {@link validateModel} returns (every shorthand expanded, every
 * default filled in), and what functions that take a model accept.
 *
 * @module model
 */
import type { ScaleDefinition } from '../measurement/types.js';

/** A column's declared type: numbers (answers, amounts, flags) or text (ids, regions, channels). */
export type ColumnType = 'number' | 'string';

/**
 * What one column holds. A numeric column's cells must parse as numbers (a declared range is
 * checked when the data are read); `missingCodes` add to the model's global codes.
 */
export interface ColumnDeclaration {
  readonly type?: ColumnType;
  /** Lowest valid value. */
  readonly min?: number;
  /** Highest valid value. */
  readonly max?: number;
  /** Whether only whole numbers are valid. */
  readonly integer?: boolean;
  /** Numbers that code a missing answer in this column, e.g. `[-99, 99]`. */
  readonly missingCodes?: readonly number[];
  /** Question wording or a human label, for reports. */
  readonly label?: string;
}

/** A column declaration after validation: the type is always set. */
export interface NormalizedColumnDeclaration extends ColumnDeclaration {
  readonly type: ColumnType;
}

/**
 * A per-respondent measure, as segmentation takes it: a column name (or the name of a scale in
 * the model, or `"loyaltyIndex"` for the per-respondent Customer Loyalty Index), `{ column }`,
 * the mean of several columns, or a ratio of two (share of wallet).
 */
export type ModelMeasure =
  | string
  | { readonly column: string }
  | { readonly mean: readonly string[]; readonly minimumAnswered?: number }
  | { readonly ratio: readonly [string, string] };

/**
 * An outcome of the driver models: `continuous` (OLS), `binary` 0/1 (logistic regression;
 * importance of a pseudo-R2, family binomial) or `ordinal` (ordered integer codes with at least 3
 * levels, such as the 0-10 recommend answer or a 1-5 rating: proportional-odds regression;
 * importance of a pseudo-R2, family ordinal).
 */
export interface OutcomeDeclaration {
  readonly column: string;
  readonly kind?: OutcomeKind;
}

/** The kinds of outcome a model file declares. */
export type OutcomeKind = 'continuous' | 'binary' | 'ordinal';

/** The 0-10 likelihood-to-recommend question and the NPS cut points. */
export interface RecommendDeclaration {
  readonly column: string;
  /** Lowest promoter answer (default 9). */
  readonly promoterMin?: number;
  /** Highest detractor answer (default 6). */
  readonly detractorMax?: number;
}

/** The satisfaction question used for CSAT and the lowest answer counted as satisfied. */
export interface CsatDeclaration {
  readonly column: string;
  /** Lowest "satisfied" answer (default 4: top-2-box on 1-5). */
  readonly satisfiedMin?: number;
}

/** The Customer Loyalty Index items (recommend, repurchase, upsell/cross-sell) and convention. */
export interface LoyaltyIndexDeclaration {
  readonly items: readonly string[];
  /** `'mean'` (mean of item means rescaled to 0-100, default) or `'net'` (mean of net scores). */
  readonly method?: 'mean' | 'net';
  /** Item range (default 0-10). */
  readonly min?: number;
  readonly max?: number;
}

/**
 * How driver scores are made from the items (the options of `scaleScores`): the mean (default)
 * or prorated sum of the answered items, the fewest answered items for a score (default: all),
 * and optional 0-100 rescaling.
 */
export interface ScoringDeclaration {
  readonly statistic?: 'mean' | 'sum';
  /** A number for every scale, or per scale name. */
  readonly minimumAnswered?: number | Readonly<Record<string, number>>;
  readonly rescale?: 'none' | '0-100';
}

/** Dick & Basu segmentation: which attitude and behaviour measures, where to cut, what to profile. */
export interface SegmentationDeclaration {
  readonly attitude: ModelMeasure;
  readonly behaviour: ModelMeasure;
  /** A number, or `'median'` (default). */
  readonly attitudeCut?: number | 'median';
  readonly behaviourCut?: number | 'median';
  /** 0/1 lock-in column (switching costs, contract), to show spurious loyalty apart. */
  readonly lockIn?: string;
  /** Revenue column for segment revenue and its share. */
  readonly revenue?: string;
  /** Further columns to profile segments on (categorical or numeric). */
  readonly profile?: readonly string[];
}

/** How the driver models treat missing answers (`model.missing`). */
export type ModelMissingPolicy = 'omit' | 'pairwise' | 'fiml';

/** The survey design of a model file (`model.design`); its weights are `model.weight`. */
export interface DesignDeclaration {
  /** Stratum column. */
  readonly strata?: string;
  /** First-stage cluster (PSU) column, nested in strata. */
  readonly clusters?: string;
  /** Finite population correction column: PSUs in the stratum (> 1) or the sampling fraction (<= 1). */
  readonly fpc?: string;
  /** Rule for a stratum with one PSU (R `survey.lonely.psu`); default `'fail'`. */
  readonly lonelyPsu?: 'fail' | 'remove' | 'adjust' | 'certainty' | 'average';
}

/** Raking of the weights to population margins before the analysis (`model.raking`). */
export interface RakingDeclaration {
  /** For each raking column, the population share (or total) of each of its levels. */
  readonly margins: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Bounds on `raked / starting weight`, e.g. `[0.3, 3]`. */
  readonly bounds?: readonly [number, number];
  readonly maxIterations?: number;
  readonly tolerance?: number;
}

/**
 * One construct of the path model, as written in `paths.constructs`: its estimation (`mode`
 * `"A"` or `"B"`, `type` `"composite"` or `"reflective"`), and for a construct that is not a
 * scale of the model its `items`; `min` and `max` give (or override) the item range for the
 * importance-performance map.
 */
export interface PathConstructDeclaration {
  readonly items?: readonly string[];
  /** Reverse-worded items of a construct with its own items (a scale's come from the scale). */
  readonly reverse?: readonly string[];
  readonly mode?: 'A' | 'B';
  readonly type?: 'composite' | 'reflective';
  readonly min?: number;
  readonly max?: number;
}

/** One relationship of `paths.relationships`: every `from` construct has a path to every `to` construct (as seminr's `paths(from, to)`). */
export interface PathRelationshipDeclaration {
  readonly from: string | readonly string[];
  readonly to: string | readonly string[];
}

/**
 * The loyalty driver model as a PLS path model (`model.paths`): the structural relationships
 * between constructs, which are the model's scales (their items), constructs declared with
 * their own items, or single data columns; the IPMA `target`; the inner weighting `scheme`.
 */
export interface PathsDeclaration {
  readonly relationships: readonly PathRelationshipDeclaration[];
  readonly constructs?: Readonly<Record<string, PathConstructDeclaration>>;
  /** The construct whose drivers the importance-performance map ranks (an endogenous construct, e.g. loyalty). */
  readonly target?: string;
  /** Inner weighting scheme (default `"path"`). */
  readonly scheme?: 'path' | 'factorial' | 'centroid';
  /** Bootstrap intervals of the path model when a bootstrap runs: `"percentile"` (default) or `"bca"`. */
  readonly intervalMethod?: 'percentile' | 'bca';
}

/** A construct of a validated `paths` section: items resolved, defaults filled in. */
export interface ModelPathConstruct {
  readonly items: readonly string[];
  readonly mode: 'A' | 'B';
  readonly type: 'composite' | 'reflective';
  /** Reverse-worded items (from the scale), recoded `min + max - x` before estimation. */
  readonly reverse: readonly string[];
  readonly min?: number;
  readonly max?: number;
}

/** A validated `paths` section: constructs in order of first appearance, one `{ from, to }` per path. */
export interface ModelPaths {
  readonly constructs: Readonly<Record<string, ModelPathConstruct>>;
  readonly relationships: readonly { readonly from: string; readonly to: string }[];
  readonly target?: string;
  readonly scheme: 'path' | 'factorial' | 'centroid';
  readonly intervalMethod: 'percentile' | 'bca';
}

/** A model file as written by a user. Every key is optional except what an analysis needs. */
export interface LoyaltyModelFile {
  /** Ignored: lets editors find a JSON schema. */
  readonly $schema?: string;
  /** Model-file format version; only 1 exists. */
  readonly version?: 1;
  /** Free text shown in reports. */
  readonly description?: string;
  /** Respondent or customer id column (read as text, so leading zeros survive). */
  readonly id?: string;
  /** Sampling-weight column (numbers >= 0). */
  readonly weight?: string;
  /** Wave column (before/after a campaign). */
  readonly wave?: string;
  /** Numbers that code a missing answer in every numeric column, e.g. `[-99]`. */
  readonly missingCodes?: readonly number[];
  /** Per-column declarations: `"string"`, `"number"`, or a {@link ColumnDeclaration}. */
  readonly columns?: Readonly<Record<string, ColumnType | ColumnDeclaration>>;
  /** Driver scales keyed by driver name: a list of items or a full definition. */
  readonly scales?: Readonly<Record<string, readonly string[] | ScaleDefinition>>;
  /** How driver scores are computed from the items. */
  readonly scoring?: ScoringDeclaration;
  /** Which scales enter the driver models, in order (default: every scale). */
  readonly drivers?: readonly string[];
  /** Outcome columns: names (continuous) or {@link OutcomeDeclaration}s. */
  readonly outcomes?: readonly (string | OutcomeDeclaration)[];
  /** Likelihood-to-recommend column (NPS). */
  readonly recommend?: string | RecommendDeclaration;
  /** Satisfaction column (CSAT). */
  readonly csat?: string | CsatDeclaration;
  /** Customer Loyalty Index items, as a list or a {@link LoyaltyIndexDeclaration}. */
  readonly loyaltyIndex?: readonly string[] | LoyaltyIndexDeclaration;
  /** 0/1 retained column (retention, churn). */
  readonly retained?: string;
  /** Attitude x behaviour segmentation. */
  readonly segmentation?: SegmentationDeclaration;
  /**
   * Missing answers in the driver models (reliability, HTMT, correlations, regression, importance,
   * dominance): `"omit"` (default, listwise), `"pairwise"` or `"fiml"` (unweighted only).
   */
  readonly missing?: ModelMissingPolicy;
  /** Survey design (strata, clusters, fpc) for the indices and the segment profiles; needs `weight`. */
  readonly design?: DesignDeclaration;
  /** Rake the weights (`weight`, or 1) to population margins before analysing. */
  readonly raking?: RakingDeclaration;
  /** The driver model as a PLS path model (constructs, relationships, IPMA target). */
  readonly paths?: PathsDeclaration;
}

/** A scale after validation: always the full form, with `reverse` listed (possibly empty). */
export interface ModelScale extends ScaleDefinition {
  readonly reverse: readonly string[];
}

/**
 * A validated model: shorthands expanded and defaults filled in. Produced by
 * {@link validateModel}; plain JSON.
 */
export interface LoyaltyModel {
  readonly version: 1;
  readonly description?: string;
  readonly id?: string;
  readonly weight?: string;
  readonly wave?: string;
  readonly missingCodes: readonly number[];
  readonly columns: Readonly<Record<string, NormalizedColumnDeclaration>>;
  readonly scales: Readonly<Record<string, ModelScale>>;
  readonly scoring: Required<ScoringDeclaration>;
  readonly drivers: readonly string[];
  readonly outcomes: readonly Required<OutcomeDeclaration>[];
  readonly recommend?: Required<RecommendDeclaration>;
  readonly csat?: Required<CsatDeclaration>;
  readonly loyaltyIndex?: Required<LoyaltyIndexDeclaration>;
  readonly retained?: string;
  readonly segmentation?: SegmentationDeclaration;
  readonly missing?: ModelMissingPolicy;
  readonly design?: DesignDeclaration;
  readonly raking?: RakingDeclaration;
  readonly paths?: ModelPaths;
}

/** One problem found in a model file, with the JSON path of the key at fault. */
export interface ModelProblem {
  /** JSON path of the bad key, e.g. `model.scales.trust.items[2]`. */
  readonly path: string;
  /** The error code {@link validateModel} throws for it. */
  readonly code: 'INVALID_OPTION' | 'COLUMN_NOT_FOUND';
  /** `'error'` stops validation; `'warning'` is reported but allowed. */
  readonly severity: 'error' | 'warning';
  /** Full message, starting with the path. */
  readonly message: string;
  /** The column named, when the problem is about a column. */
  readonly column?: string;
}

/** Options of {@link checkModel} and {@link validateModel}. */
export interface CheckModelOptions {
  /** The data's column names: every column the model names must be one of them. */
  readonly columns?: readonly string[];
  /** Prefix of paths in messages (default `"model"`). */
  readonly argument?: string;
}
