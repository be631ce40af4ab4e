/**
 * Checks of the individual sections of a model file (columns, scales, measures, indices,
 * segmentation). Each returns the normalized section, or undefined after recording problems.
 * @internal
 */
import { keyPath, show, suggestion, type ProblemCollector } from './problems.js';
import type {
  CsatDeclaration,
  LoyaltyIndexDeclaration,
  ModelMeasure,
  ModelScale,
  NormalizedColumnDeclaration,
  RecommendDeclaration,
  SegmentationDeclaration,
} from './types.js';

const COLUMN_KEYS = ['type', 'min', 'max', 'integer', 'missingCodes', 'label'] as const;
const SCALE_KEYS = ['items', 'reverse', 'min', 'max', 'integer'] as const;

function range(
  c: ProblemCollector,
  path: string,
  o: Record<string, unknown>,
): { min?: number; max?: number; integer?: boolean } | undefined {
  const out: { min?: number; max?: number; integer?: boolean } = {};
  let ok = true;
  for (const key of ['min', 'max'] as const) {
    if (o[key] === undefined) continue;
    const v = c.finite(`${path}.${key}`, o[key]);
    if (v === undefined) ok = false;
    else out[key] = v;
  }
  if (o['integer'] !== undefined) {
    if (typeof o['integer'] !== 'boolean') {
      c.error(`${path}.integer`, `expected true or false, got ${show(o['integer'])}`);
      ok = false;
    } else out.integer = o['integer'];
  }
  if (ok && out.min !== undefined && out.max !== undefined && !(out.min < out.max)) {
    c.error(`${path}.min`, `min (${out.min}) must be below max (${out.max})`);
    ok = false;
  }
  return ok ? out : undefined;
}

/** `columns`: per-column type, range, missing codes and label. */
export function checkColumns(c: ProblemCollector, path: string, value: unknown): Record<string, NormalizedColumnDeclaration> | undefined {
  const o = c.object(
    path,
    value,
    'an object mapping column names to "number", "string" or { type, min, max, integer, missingCodes, label }',
  );
  if (o === undefined) return undefined;
  const out: Record<string, NormalizedColumnDeclaration> = {};
  let ok = true;
  for (const [name, declaration] of Object.entries(o)) {
    const p = keyPath(path, name);
    if (!c.hasColumn(name)) {
      c.error(p, `"${name}" is not a column of the data${suggestion(name, c.columns ?? [])}`, 'COLUMN_NOT_FOUND', name);
      ok = false;
      continue;
    }
    if (declaration === 'number' || declaration === 'string') {
      out[name] = { type: declaration };
      continue;
    }
    const d = c.object(p, declaration, '"number", "string" or { type, min, max, integer, missingCodes, label }');
    if (d === undefined) {
      ok = false;
      continue;
    }
    const before = c.errorCount;
    c.unknownKeys(p, d, COLUMN_KEYS);
    const type =
      d['type'] ??
      (d['min'] !== undefined || d['max'] !== undefined || d['integer'] !== undefined || d['missingCodes'] !== undefined
        ? 'number'
        : undefined);
    if (type !== 'number' && type !== 'string') c.error(`${p}.type`, `expected "number" or "string", got ${show(d['type'])}`);
    const r = range(c, p, d);
    const codes = d['missingCodes'] === undefined ? undefined : c.numberList(`${p}.missingCodes`, d['missingCodes']);
    if (d['label'] !== undefined && typeof d['label'] !== 'string') c.error(`${p}.label`, `expected text, got ${show(d['label'])}`);
    if (type === 'string' && (r?.min !== undefined || r?.max !== undefined || r?.integer !== undefined || codes !== undefined)) {
      c.error(p, 'a "string" column cannot have min, max, integer or missingCodes');
    }
    if (c.errorCount > before) {
      ok = false;
      continue;
    }
    out[name] = {
      type: type as 'number' | 'string',
      ...r,
      ...(codes === undefined ? {} : { missingCodes: codes }),
      ...(typeof d['label'] === 'string' ? { label: d['label'] } : {}),
    };
  }
  return ok ? out : undefined;
}

/** One driver scale: a list of items or `{ items, reverse?, min?, max?, integer? }`. */
export function checkScale(c: ProblemCollector, path: string, value: unknown): ModelScale | undefined {
  if (Array.isArray(value)) {
    const items = c.columnList(path, value, 1);
    if (items?.length === 1) c.warn(path, 'a single-item scale has no reliability, validity or factor model (those need at least 2 items)');
    return items === undefined ? undefined : { items, reverse: [] };
  }
  const o = c.object(path, value, 'a list of item columns or { items, reverse?, min?, max?, integer? }');
  if (o === undefined) return undefined;
  const before = c.errorCount;
  c.unknownKeys(path, o, SCALE_KEYS);
  const items =
    o['items'] === undefined
      ? (c.error(`${path}.items`, "missing: list the scale's item columns"), undefined)
      : c.columnList(`${path}.items`, o['items'], 1);
  const r = range(c, path, o);
  let reverse: string[] = [];
  if (o['reverse'] !== undefined) {
    if (!Array.isArray(o['reverse'])) c.error(`${path}.reverse`, `expected a list of item columns, got ${show(o['reverse'])}`);
    else {
      reverse = [];
      o['reverse'].forEach((v: unknown, i) => {
        if (items !== undefined && (typeof v !== 'string' || !items.includes(v))) {
          c.error(
            `${path}.reverse[${i}]`,
            `${show(v)} is not one of the scale's items (${items.join(', ')})`,
            'INVALID_OPTION',
            typeof v === 'string' ? v : undefined,
          );
        } else if (typeof v === 'string') reverse.push(v);
      });
      if (reverse.length > 0 && (r?.min === undefined || r?.max === undefined)) {
        c.error(path, `reverse-worded items are recoded as min + max - x, so the scale needs min and max (e.g. "min": 1, "max": 7)`);
      }
    }
  }
  if (c.errorCount > before || items === undefined) return undefined;
  if (items.length === 1)
    c.warn(`${path}.items`, 'a single-item scale has no reliability, validity or factor model (those need at least 2 items)');
  return { items, reverse, ...r };
}

/** Names that a measure string may refer to besides data columns. */
export interface MeasureContext {
  readonly scales: ReadonlySet<string>;
  readonly hasLoyaltyIndex: boolean;
}

/** A segmentation measure: a column, scale or `"loyaltyIndex"`, or `{ column }`, `{ mean }`, `{ ratio }`. */
export function checkMeasure(c: ProblemCollector, path: string, value: unknown, context: MeasureContext): ModelMeasure | undefined {
  if (typeof value === 'string') {
    if (value === 'loyaltyIndex') {
      if (!context.hasLoyaltyIndex)
        c.error(
          path,
          '"loyaltyIndex" needs the model\'s loyaltyIndex items (e.g. "loyaltyIndex": ["recommend", "repurchase_intent", "upsell_intent"])',
        );
      return context.hasLoyaltyIndex ? value : undefined;
    }
    if (context.scales.has(value)) return value;
    if (!c.hasColumn(value)) {
      const names = [...(c.columns ?? []), ...context.scales, 'loyaltyIndex'];
      c.error(
        path,
        `"${value}" is neither a column of the data nor a scale of the model${suggestion(value, names)}`,
        'COLUMN_NOT_FOUND',
        value,
      );
      return undefined;
    }
    return c.column(path, value);
  }
  const o = c.object(
    path,
    value,
    'a column or scale name, "loyaltyIndex", { column }, { mean: [...] } or { ratio: [numerator, denominator] }',
  );
  if (o === undefined) return undefined;
  const forms = ['column', 'mean', 'ratio'].filter((k) => o[k] !== undefined);
  if (forms.length !== 1) {
    c.error(path, `expected exactly one of "column", "mean" or "ratio", got ${forms.length === 0 ? 'none' : forms.join(' and ')}`);
    return undefined;
  }
  const before = c.errorCount;
  if (forms[0] === 'column') {
    c.unknownKeys(path, o, ['column']);
    const column = c.column(`${path}.column`, o['column']);
    return c.errorCount > before || column === undefined ? undefined : { column };
  }
  if (forms[0] === 'mean') {
    c.unknownKeys(path, o, ['mean', 'minimumAnswered']);
    const mean = c.columnList(`${path}.mean`, o['mean'], 1);
    const m = o['minimumAnswered'];
    if (m !== undefined && (typeof m !== 'number' || !Number.isInteger(m) || m < 1 || (mean !== undefined && m > mean.length))) {
      c.error(
        `${path}.minimumAnswered`,
        `expected an integer from 1 to the number of columns${mean === undefined ? '' : ` (${mean.length})`}, got ${show(m)}`,
      );
    }
    return c.errorCount > before || mean === undefined ? undefined : { mean, ...(m === undefined ? {} : { minimumAnswered: m as number }) };
  }
  c.unknownKeys(path, o, ['ratio']);
  const ratio = o['ratio'];
  if (!Array.isArray(ratio) || ratio.length !== 2) {
    c.error(`${path}.ratio`, `expected [numerator, denominator] column names, got ${show(ratio)}`);
    return undefined;
  }
  const numerator = c.column(`${path}.ratio[0]`, ratio[0]);
  const denominator = c.column(`${path}.ratio[1]`, ratio[1]);
  return c.errorCount > before || numerator === undefined || denominator === undefined ? undefined : { ratio: [numerator, denominator] };
}

function scalePoint(c: ProblemCollector, path: string, value: unknown, min: number, max: number): number | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    c.error(path, `expected an integer from ${min} to ${max}, got ${show(value)}`);
    return undefined;
  }
  return value;
}

/** `recommend`: a column, or `{ column, promoterMin?, detractorMax? }` (defaults 9 and 6). */
export function checkRecommend(c: ProblemCollector, path: string, value: unknown): Required<RecommendDeclaration> | undefined {
  if (typeof value === 'string') {
    const column = c.column(path, value);
    return column === undefined ? undefined : { column, promoterMin: 9, detractorMax: 6 };
  }
  const o = c.object(path, value, 'a column name or { column, promoterMin?, detractorMax? }');
  if (o === undefined) return undefined;
  const before = c.errorCount;
  c.unknownKeys(path, o, ['column', 'promoterMin', 'detractorMax']);
  const column = c.column(`${path}.column`, o['column']);
  const promoterMin = o['promoterMin'] === undefined ? 9 : scalePoint(c, `${path}.promoterMin`, o['promoterMin'], 0, 10);
  const detractorMax = o['detractorMax'] === undefined ? 6 : scalePoint(c, `${path}.detractorMax`, o['detractorMax'], 0, 10);
  if (promoterMin !== undefined && detractorMax !== undefined && !(detractorMax < promoterMin)) {
    c.error(`${path}.detractorMax`, `detractorMax (${detractorMax}) must be below promoterMin (${promoterMin})`);
  }
  return c.errorCount > before || column === undefined ? undefined : { column, promoterMin: promoterMin!, detractorMax: detractorMax! };
}

/** `csat`: a column, or `{ column, satisfiedMin? }` (default 4). */
export function checkCsat(c: ProblemCollector, path: string, value: unknown): Required<CsatDeclaration> | undefined {
  if (typeof value === 'string') {
    const column = c.column(path, value);
    return column === undefined ? undefined : { column, satisfiedMin: 4 };
  }
  const o = c.object(path, value, 'a column name or { column, satisfiedMin? }');
  if (o === undefined) return undefined;
  const before = c.errorCount;
  c.unknownKeys(path, o, ['column', 'satisfiedMin']);
  const column = c.column(`${path}.column`, o['column']);
  const satisfiedMin = o['satisfiedMin'] === undefined ? 4 : c.finite(`${path}.satisfiedMin`, o['satisfiedMin']);
  return c.errorCount > before || column === undefined || satisfiedMin === undefined ? undefined : { column, satisfiedMin };
}

/** `loyaltyIndex`: a list of items or `{ items, method?, min?, max? }` (defaults 'mean', 0, 10). */
export function checkLoyaltyIndex(c: ProblemCollector, path: string, value: unknown): Required<LoyaltyIndexDeclaration> | undefined {
  if (Array.isArray(value)) {
    const items = c.columnList(path, value, 2);
    return items === undefined ? undefined : { items, method: 'mean', min: 0, max: 10 };
  }
  const o = c.object(path, value, 'a list of item columns or { items, method?, min?, max? }');
  if (o === undefined) return undefined;
  const before = c.errorCount;
  c.unknownKeys(path, o, ['items', 'method', 'min', 'max']);
  const items = c.columnList(`${path}.items`, o['items'], 2);
  const method = o['method'] ?? 'mean';
  if (method !== 'mean' && method !== 'net') c.error(`${path}.method`, `expected "mean" or "net", got ${show(method)}`);
  const r = range(c, path, { min: o['min'] ?? 0, max: o['max'] ?? 10 });
  return c.errorCount > before || items === undefined || r === undefined
    ? undefined
    : { items, method: method as 'mean' | 'net', min: r.min!, max: r.max! };
}

/** `segmentation`: attitude and behaviour measures, cuts, lock-in, revenue and profile columns. */
export function checkSegmentation(
  c: ProblemCollector,
  path: string,
  value: unknown,
  context: MeasureContext,
): SegmentationDeclaration | undefined {
  const o = c.object(path, value, 'an object { attitude, behaviour, attitudeCut?, behaviourCut?, lockIn?, revenue?, profile? }');
  if (o === undefined) return undefined;
  const before = c.errorCount;
  c.unknownKeys(path, o, ['attitude', 'behaviour', 'attitudeCut', 'behaviourCut', 'lockIn', 'revenue', 'profile']);
  const measures: Partial<Record<'attitude' | 'behaviour', ModelMeasure>> = {};
  for (const key of ['attitude', 'behaviour'] as const) {
    if (o[key] === undefined)
      c.error(`${path}.${key}`, `missing: the ${key} measure (a column, a scale, "loyaltyIndex", { mean: [...] } or { ratio: [...] })`);
    else measures[key] = checkMeasure(c, `${path}.${key}`, o[key], context);
  }
  const cuts: Partial<Record<'attitudeCut' | 'behaviourCut', number | 'median'>> = {};
  for (const key of ['attitudeCut', 'behaviourCut'] as const) {
    const v = o[key];
    if (v === undefined) continue;
    if (v === 'median' || (typeof v === 'number' && Number.isFinite(v))) cuts[key] = v;
    else c.error(`${path}.${key}`, `expected a number or "median", got ${show(v)}`);
  }
  const lockIn = o['lockIn'] === undefined ? undefined : c.column(`${path}.lockIn`, o['lockIn']);
  const revenue = o['revenue'] === undefined ? undefined : c.column(`${path}.revenue`, o['revenue']);
  const profile = o['profile'] === undefined ? undefined : c.columnList(`${path}.profile`, o['profile'], 1);
  if (c.errorCount > before) return undefined;
  return {
    attitude: measures.attitude!,
    behaviour: measures.behaviour!,
    ...cuts,
    ...(lockIn === undefined ? {} : { lockIn }),
    ...(revenue === undefined ? {} : { revenue }),
    ...(profile === undefined ? {} : { profile }),
  };
}
