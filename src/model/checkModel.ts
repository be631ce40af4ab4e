import { checkColumns, checkCsat, checkLoyaltyIndex, checkRecommend, checkScale, checkSegmentation } from './checkSections.js';
import { checkOptions } from '../internal/options.js';
import { CHECK_MODEL_KEYS } from './problems.js';
import { checkScoring } from './checkScoring.js';
import { checkDesign, checkMissing, checkRaking } from './checkSurvey.js';
import { checkPaths } from './checkPaths.js';
import { keyPath, ProblemCollector, show, suggestion } from './problems.js';
import type { CheckModelOptions, LoyaltyModel, ModelProblem, ModelScale, OutcomeDeclaration, OutcomeKind } from './types.js';

const TOP_LEVEL_KEYS = [
  '$schema',
  'version',
  'description',
  'id',
  'weight',
  'wave',
  'missingCodes',
  'columns',
  'scales',
  'scoring',
  'drivers',
  'outcomes',
  'recommend',
  'csat',
  'loyaltyIndex',
  'retained',
  'segmentation',
  'missing',
  'design',
  'raking',
  'paths',
] as const;

/** Result of {@link checkModel}: the validated model (null when there are errors) and every problem found. */
export interface ModelCheck {
  /** The validated, normalized model; `null` when `errors` is not empty. */
  readonly model: LoyaltyModel | null;
  readonly errors: readonly ModelProblem[];
  readonly warnings: readonly ModelProblem[];
}

function outcomes(
  c: ProblemCollector,
  path: string,
  value: unknown,
  scales: ReadonlySet<string>,
): Required<OutcomeDeclaration>[] | undefined {
  if (!Array.isArray(value)) {
    c.error(path, `expected a list of outcome columns (names, or { column, kind }), got ${show(value)}`);
    return undefined;
  }
  const out: Required<OutcomeDeclaration>[] = [];
  const before = c.errorCount;
  value.forEach((entry: unknown, i) => {
    const p = `${path}[${i}]`;
    let name: unknown = entry;
    let kind: unknown = 'continuous';
    if (entry !== null && typeof entry === 'object' && !Array.isArray(entry)) {
      const o = entry as Record<string, unknown>;
      c.unknownKeys(p, o, ['column', 'kind']);
      name = o['column'];
      kind = o['kind'] ?? 'continuous';
      if (kind !== 'continuous' && kind !== 'binary' && kind !== 'ordinal')
        c.error(`${p}.kind`, `expected "continuous", "binary" or "ordinal", got ${show(kind)}`);
    }
    const column = typeof name === 'string' && scales.has(name) ? name : c.column(typeof entry === 'string' ? p : `${p}.column`, name);
    if (column === undefined) return;
    if (out.some((o) => o.column === column)) c.error(p, `outcome "${column}" is listed twice`, 'INVALID_OPTION', column);
    out.push({ column, kind: kind as OutcomeKind });
  });
  return c.errorCount > before ? undefined : out;
}

/** Columns the model uses as numbers, with the path that uses them (for type conflicts). */
function numericUses(model: Omit<LoyaltyModel, 'columns' | 'version'>): [string, string][] {
  const uses: [string, string][] = [];
  for (const [name, scale] of Object.entries(model.scales))
    scale.items.forEach((item, i) => uses.push([item, `model.scales.${name}.items[${i}]`]));
  model.outcomes.forEach((o, i) => uses.push([o.column, `model.outcomes[${i}]`]));
  if (model.weight !== undefined) uses.push([model.weight, 'model.weight']);
  if (model.recommend) uses.push([model.recommend.column, 'model.recommend']);
  if (model.csat) uses.push([model.csat.column, 'model.csat']);
  if (model.retained !== undefined) uses.push([model.retained, 'model.retained']);
  model.loyaltyIndex?.items.forEach((item, i) => uses.push([item, `model.loyaltyIndex.items[${i}]`]));
  const s = model.segmentation;
  if (s?.lockIn !== undefined) uses.push([s.lockIn, 'model.segmentation.lockIn']);
  if (s?.revenue !== undefined) uses.push([s.revenue, 'model.segmentation.revenue']);
  if (model.design?.fpc !== undefined) uses.push([model.design.fpc, 'model.design.fpc']);
  for (const [name, k] of Object.entries(model.paths?.constructs ?? {}))
    k.items.forEach((item, i) => uses.push([item, `model.paths.constructs.${name}.items[${i}]`]));
  return uses;
}

/**
 * Checks a model file and lists every problem at once, each with the JSON path of the bad key
 * (`model.scales.trust.items[2]: "tru4" is not a column of the data (did you mean "tru3"?)`).
 * Use it to show a user all the mistakes in a file; {@link validateModel} throws the first.
 *
 * Checks: known keys (typos get a suggestion), column names against the data's columns (when
 * given), scales (items distinct, reverse items among the items, min < max, min and max present
 * when items are reversed), drivers among the scales, outcomes, NPS cut points (integers 0-10,
 * detractorMax < promoterMin), measures that resolve to a column, a scale or the loyalty index,
 * and no column both declared `"string"` and used as a number. Warnings (allowed): a single-item
 * scale, an item shared by two scales, a scale named like a data column.
 *
 * @param model - The parsed JSON of a model file.
 * @param options - `columns`: the data's column names, to check every reference.
 * @returns `{ model, errors, warnings }`; `model` is null when there are errors.
 *
 * @example
 * ```ts
 * import { checkModel } from 'loyalty-drivers';
 * const check = checkModel({ scales: { trust: ['tru1', 'tru2', 'tru4'] } }, { columns: ['tru1', 'tru2', 'tru3'] });
 * check.model === null; // => true
 * check.errors[0]?.message; // => 'model.scales.trust[2]: "tru4" is not a column of the data (did you mean "tru3"?)'
 * ```
 */
export function checkModel(model: unknown, options: CheckModelOptions = {}): ModelCheck {
  checkOptions(options, CHECK_MODEL_KEYS);
  const columns = options.columns === undefined ? undefined : [...options.columns];
  const c = new ProblemCollector(columns);
  const root = options.argument ?? 'model';
  const problems = (): ModelCheck => {
    const all =
      root === 'model' ? c.problems : c.problems.map((p) => ({ ...p, path: root + p.path.slice(5), message: root + p.message.slice(5) }));
    return { model: null, errors: all.filter((p) => p.severity === 'error'), warnings: all.filter((p) => p.severity === 'warning') };
  };
  const o = c.object('model', model, 'an object (the parsed model file)');
  if (o === undefined) return problems();
  c.unknownKeys('model', o, TOP_LEVEL_KEYS);
  if (o['version'] !== undefined && o['version'] !== 1)
    c.error('model.version', `expected 1 (the only model-file version), got ${show(o['version'])}`);
  if (o['description'] !== undefined && typeof o['description'] !== 'string')
    c.error('model.description', `expected text, got ${show(o['description'])}`);
  if (o['$schema'] !== undefined && typeof o['$schema'] !== 'string') c.error('model.$schema', `expected text, got ${show(o['$schema'])}`);
  const single = (key: 'id' | 'weight' | 'wave' | 'retained'): string | undefined =>
    o[key] === undefined ? undefined : c.column(`model.${key}`, o[key]);
  const id = single('id');
  const weight = single('weight');
  const wave = single('wave');
  const retained = single('retained');
  const missingCodes = o['missingCodes'] === undefined ? [] : c.numberList('model.missingCodes', o['missingCodes']);
  const declared = o['columns'] === undefined ? {} : checkColumns(c, 'model.columns', o['columns']);

  const scales: Record<string, ModelScale> = {};
  if (o['scales'] !== undefined) {
    const s = c.object(
      'model.scales',
      o['scales'],
      'an object mapping each driver name to its items, e.g. { "trust": ["tru1", "tru2", "tru3"] }',
    );
    for (const [name, definition] of Object.entries(s ?? {})) {
      const scale = checkScale(c, keyPath('model.scales', name), definition);
      if (scale !== undefined) scales[name] = scale;
      if (columns !== undefined && columns.includes(name)) {
        c.warn(
          keyPath('model.scales', name),
          `the scale's score is named like the data column "${name}"; the score is used wherever "${name}" is a driver`,
          name,
        );
      }
    }
  }
  const scaleNames = new Set(Object.keys(scales));
  const owner = new Map<string, string>();
  for (const [name, scale] of Object.entries(scales)) {
    for (const item of scale.items) {
      const other = owner.get(item);
      if (other !== undefined) c.warn(keyPath('model.scales', name), `item "${item}" is also an item of scale "${other}"`, item);
      else owner.set(item, name);
    }
  }

  const scoring = checkScoring(c, 'model.scoring', o['scoring'], scales);
  let drivers: string[] = Object.keys(scales);
  if (o['drivers'] !== undefined) {
    const d = o['drivers'];
    if (!Array.isArray(d)) c.error('model.drivers', `expected a list of scale names, got ${show(d)}`);
    else {
      drivers = [];
      d.forEach((name: unknown, i) => {
        if (typeof name !== 'string' || !scaleNames.has(name)) {
          const hint = typeof name === 'string' ? suggestion(name, scaleNames) : '';
          c.error(
            `model.drivers[${i}]`,
            `${show(name)} is not a scale of the model${hint}; scales: ${[...scaleNames].join(', ') || '(none)'}`,
          );
        } else if (drivers.includes(name)) c.error(`model.drivers[${i}]`, `"${name}" is listed twice`);
        else drivers.push(name);
      });
    }
  }
  const outcomeList = o['outcomes'] === undefined ? [] : outcomes(c, 'model.outcomes', o['outcomes'], scaleNames);
  const recommend = o['recommend'] === undefined ? undefined : checkRecommend(c, 'model.recommend', o['recommend']);
  const csat = o['csat'] === undefined ? undefined : checkCsat(c, 'model.csat', o['csat']);
  const loyaltyIndex = o['loyaltyIndex'] === undefined ? undefined : checkLoyaltyIndex(c, 'model.loyaltyIndex', o['loyaltyIndex']);
  const segmentation =
    o['segmentation'] === undefined
      ? undefined
      : checkSegmentation(c, 'model.segmentation', o['segmentation'], {
          scales: scaleNames,
          hasLoyaltyIndex: o['loyaltyIndex'] !== undefined,
        });
  const missing = o['missing'] === undefined ? undefined : checkMissing(c, 'model.missing', o['missing'], weight !== undefined);
  const design = o['design'] === undefined ? undefined : checkDesign(c, 'model.design', o['design'], weight !== undefined);
  const raking = o['raking'] === undefined ? undefined : checkRaking(c, 'model.raking', o['raking']);
  const paths = o['paths'] === undefined ? undefined : checkPaths(c, 'model.paths', o['paths'], scales, declared ?? {});
  outcomeList?.forEach((outcome, i) => {
    if (drivers.includes(outcome.column))
      c.error(`model.outcomes[${i}]`, `"${outcome.column}" is a driver; an outcome cannot also be a driver`);
  });

  if (c.errorCount > 0) return problems();
  const body = {
    ...(typeof o['description'] === 'string' ? { description: o['description'] } : {}),
    ...(id === undefined ? {} : { id }),
    ...(weight === undefined ? {} : { weight }),
    ...(wave === undefined ? {} : { wave }),
    missingCodes: missingCodes!,
    scales,
    scoring: scoring!,
    drivers,
    outcomes: outcomeList!,
    ...(recommend === undefined ? {} : { recommend }),
    ...(csat === undefined ? {} : { csat }),
    ...(loyaltyIndex === undefined ? {} : { loyaltyIndex }),
    ...(retained === undefined ? {} : { retained }),
    ...(segmentation === undefined ? {} : { segmentation }),
    ...(missing === undefined ? {} : { missing }),
    ...(design === undefined ? {} : { design }),
    ...(raking === undefined ? {} : { raking }),
    ...(paths === undefined ? {} : { paths }),
  };
  for (const [column, path] of numericUses(body)) {
    if (declared![column]?.type === 'string') {
      c.error(
        keyPath('model.columns', column),
        `"${column}" is declared "string" but ${path} uses it as a number`,
        'INVALID_OPTION',
        column,
      );
    }
  }
  if (id !== undefined && declared![id]?.type === 'number') {
    c.warn(keyPath('model.columns', id), `the id column "${id}" is declared "number"; leading zeros in ids will be lost`, id);
  }
  if (c.errorCount > 0) return problems();
  const result = problems();
  return { ...result, model: { version: 1, ...body, columns: declared! } as LoyaltyModel };
}
