/**
 * The shape every report section builder returns, and what it receives.
 * @internal
 */
import type { Analysis } from '../analysis/analyze.js';
import type { Ref } from './markup.js';

/** One `<section>` of the report. */
export interface ReportSection {
  /** Anchor id (`#indices`). */
  readonly id: string;
  /** Heading text (plain). */
  readonly title: string;
  /** One plain-language sentence read from the numbers (HTML). */
  readonly reading: string;
  /** Tables, figures and notes (HTML). */
  readonly body: string;
}

/** What a section builder receives. */
export interface SectionContext {
  readonly analysis: Analysis;
  /** The analysis as the root of every number's path. */
  readonly root: Ref;
  /** The chart of this key as a `<figure>`, or `''` when it was not rendered. */
  readonly figure: (key: string) => string;
}
