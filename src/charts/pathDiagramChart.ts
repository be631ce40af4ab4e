import { optionKeys } from '../internal/options.js';
import { checkNumberOption } from '../internal/validate.js';
import type { PlsPathModelResult } from '../pls/types.js';
import {
  PALETTE,
  formatNumber,
  frame,
  listText,
  readChartOptions,
  readLabels,
  requireResult,
  theme,
  type ChartOptions,
  type ChartSpec,
} from './chartBase.js';
import { estimateTextWidth } from './textWidth.js';

/** Options of {@link pathDiagramChart}. */
export interface PathDiagramChartOptions extends ChartOptions {
  /** Display names of the constructs. */
  readonly labels?: Readonly<Record<string, string>>;
  /** Decimals of the path coefficients and R² (default 2). */
  readonly digits?: number;
}

/** One structural path of {@link pathDiagramChart}. */
export interface PathDiagramDatum {
  readonly from: string;
  readonly to: string;
  readonly fromLabel: string;
  readonly toLabel: string;
  /** Standardized path coefficient. */
  readonly estimate: number;
  /** Bootstrap interval of the path, null without a bootstrap. */
  readonly lower: number | null;
  readonly upper: number | null;
  /** Whether the interval excludes 0; null without a bootstrap. */
  readonly significant: boolean | null;
}

const BOX_HEIGHT = 44;
const DUMMY_HEIGHT = 14;
const GAP = 22;
const LABEL_SIZE = 12;
const SMALL = 11;

interface Slot {
  readonly kind: 'construct' | 'dummy';
  /** Construct index, or the edge index of a dummy. */
  readonly id: number;
  y: number;
}

/** The keys of {@link PathDiagramChartOptions} beyond the common chart options. */
const OWN_KEYS = optionKeys<Omit<PathDiagramChartOptions, keyof ChartOptions>>({ labels: true, digits: true });

/**
 * A path diagram of a PLS path model: the constructs as boxes laid out left to right by path
 * order (a construct one column after its furthest predecessor), reflective constructs
 * rounded (common factors) and composites square, R² inside every endogenous construct, and an
 * arrow per path with its coefficient. When the model was bootstrapped, a path whose interval
 * excludes 0 is drawn solid and dark with a `*` after its coefficient, the others dashed and
 * grey (the text alternative says which and at what level).
 *
 * Method: a layered (Sugiyama-style) drawing: columns by the longest chain of paths into each
 * construct; a path that spans several columns passes through a waypoint in each, so it runs
 * between the boxes rather than through them; the order within a column by the mean position of
 * the neighbours (four sweeps); arrows leave a box on its right side and enter on the left,
 * spread when several meet, drawn as monotone curves through their waypoints. Every number is
 * the {@link loyalty-drivers!plsPathModel} result's (`paths`, `constructs[].rSquared`,
 * `bootstrap.paths`).
 *
 * @param result - A {@link loyalty-drivers!plsPathModel} result.
 * @param options - `labels`, `digits` (default 2), and the common `width`, `height` (default
 *   from the layout), `title`, `subtitle`, `description`.
 * @returns A Vega-Lite v6 spec; `data.values` holds one {@link PathDiagramDatum} per path.
 * @throws InputError `INVALID_OPTION` (not a plsPathModel result, bad options).
 *
 * @example
 * ```ts
 * import { plsPathModel } from 'loyalty-drivers';
 * import { pathDiagramChart } from 'loyalty-drivers/charts';
 * const rows = [
 *   { q1: 3, q2: 4, s1: 3, s2: 3 }, { q1: 5, q2: 4, s1: 5, s2: 4 }, { q1: 2, q2: 1, s1: 1, s2: 2 },
 *   { q1: 4, q2: 5, s1: 4, s2: 5 }, { q1: 1, q2: 2, s1: 2, s2: 1 }, { q1: 4, q2: 3, s1: 5, s2: 4 },
 * ];
 * const model = plsPathModel(rows, { constructs: { quality: ['q1', 'q2'], satisfaction: ['s1', 's2'] }, paths: [['quality', 'satisfaction']] });
 * const spec = pathDiagramChart(model);
 * spec.data.values[0]?.estimate.toFixed(3); // => '0.951'
 * spec.data.values[0]?.significant; // => null
 * ```
 */
export function pathDiagramChart(result: PlsPathModelResult, options: PathDiagramChartOptions = {}): ChartSpec<PathDiagramDatum> {
  const common = readChartOptions(options, OWN_KEYS);
  const r = requireResult<PlsPathModelResult>(result, 'pls-path-model', 'result', 'plsPathModel()');
  const label = readLabels(options.labels, 'options.labels');
  const digits = options.digits === undefined ? 2 : checkNumberOption('options.digits', options.digits, { min: 0, max: 6, integer: true });
  const names = r.constructNames;
  const m = names.length;
  const index = new Map(names.map((n, i) => [n, i]));
  const edges = r.paths.map((p) => [index.get(p.from)!, index.get(p.to)!] as const);
  const boot = r.bootstrap;
  const values: PathDiagramDatum[] = r.paths.map((p, k) => {
    const b = boot?.paths[k];
    const lower = b ? b.confidenceInterval[0] : null;
    const upper = b ? b.confidenceInterval[1] : null;
    return {
      from: p.from,
      to: p.to,
      fromLabel: label(p.from),
      toLabel: label(p.to),
      estimate: p.estimate,
      lower,
      upper,
      significant: lower === null || upper === null ? null : lower > 0 || upper < 0,
    };
  });

  // Columns: the longest chain of paths into each construct (the model is recursive).
  const depth = new Array<number>(m).fill(0);
  for (let pass = 0; pass < m; pass++) for (const [f, t] of edges) depth[t] = Math.max(depth[t]!, depth[f]! + 1);
  const columns = Math.max(...depth) + 1;
  const layers: Slot[][] = Array.from({ length: columns }, () => []);
  names.forEach((_, j) => layers[depth[j]!]!.push({ kind: 'construct', id: j, y: 0 }));
  edges.forEach(([f, t], k) => {
    for (let c = depth[f]! + 1; c < depth[t]!; c++) layers[c]!.push({ kind: 'dummy', id: k, y: 0 });
  });
  const heightOf = (s: Slot) => (s.kind === 'construct' ? BOX_HEIGHT : DUMMY_HEIGHT);
  const place = (layer: Slot[]) => {
    const total = layer.reduce((a, s) => a + heightOf(s), 0) + GAP * (layer.length - 1);
    let y = -total / 2;
    for (const s of layer) {
      s.y = y + heightOf(s) / 2;
      y += heightOf(s) + GAP;
    }
  };
  layers.forEach(place);
  // Each path is a chain of slots, one per column it spans; neighbours are consecutive in a chain.
  const keyOf = (s: Slot, c: number) => (s.kind === 'construct' ? `c${s.id}` : `d${s.id}:${c}`);
  const slotAt = new Map<string, Slot>();
  layers.forEach((layer, c) => {
    for (const s of layer) slotAt.set(keyOf(s, c), s);
  });
  const adjacent = new Map<string, string[]>();
  const link = (a: string, b: string) => {
    adjacent.set(a, [...(adjacent.get(a) ?? []), b]);
    adjacent.set(b, [...(adjacent.get(b) ?? []), a]);
  };
  edges.forEach(([f, t], k) => {
    const chain = [`c${f}`];
    for (let c = depth[f]! + 1; c < depth[t]!; c++) chain.push(`d${k}:${c}`);
    chain.push(`c${t}`);
    for (let i = 1; i < chain.length; i++) link(chain[i - 1]!, chain[i]!);
  });
  const neighbours = (c: number, s: Slot, dir: -1 | 1): number[] => {
    const other = new Set((layers[c + dir] ?? []).map((o) => keyOf(o, c + dir)));
    return (adjacent.get(keyOf(s, c)) ?? []).filter((key) => other.has(key)).map((key) => slotAt.get(key)!.y);
  };
  for (let sweep = 0; sweep < 4; sweep++) {
    const dir: -1 | 1 = sweep % 2 === 0 ? -1 : 1;
    const order = dir === -1 ? layers.map((_, c) => c) : layers.map((_, c) => columns - 1 - c);
    for (const c of order) {
      const layer = layers[c]!;
      const centre = new Map(
        layer.map((s, i) => {
          const ys = neighbours(c, s, dir);
          return [s, (ys.length === 0 ? s.y : ys.reduce((a, b) => a + b, 0) / ys.length) + i * 1e-6] as const;
        }),
      );
      layer.sort((a, b) => centre.get(a)! - centre.get(b)!);
      place(layer);
    }
  }

  const digitsText = (x: number) => formatNumber(x, digits);
  const boxWidth =
    Math.max(...names.map((n) => estimateTextWidth(label(n), LABEL_SIZE, true)), estimateTextWidth(`R² = ${digitsText(0.5)}`, SMALL)) + 20;
  const columnGap = Math.max(90, estimateTextWidth(`${digitsText(-0.5)}*`, SMALL) + 50);
  const layoutWidth = columns * boxWidth + (columns - 1) * columnGap;
  const tops = layers.map((l) => Math.min(...l.map((s) => s.y - heightOf(s) / 2)));
  const bottoms = layers.map((l) => Math.max(...l.map((s) => s.y + heightOf(s) / 2)));
  const top = Math.min(...tops);
  const layoutHeight = Math.max(...bottoms) - top;
  const width = common.width ?? Math.round(layoutWidth);
  const height = common.height ?? Math.round(layoutHeight + 8);
  // The layout scales into the plot; boxes keep their size.
  const sx = columns === 1 ? 0 : (width - boxWidth) / (layoutWidth - boxWidth);
  const sy = layoutHeight <= BOX_HEIGHT ? 1 : (height - BOX_HEIGHT) / (layoutHeight - BOX_HEIGHT);
  const cx = (c: number) => boxWidth / 2 + c * (boxWidth + columnGap) * sx;
  const cy = (y: number) => BOX_HEIGHT / 2 + (y - top - BOX_HEIGHT / 2) * sy;
  const slotOf = (j: number) => layers[depth[j]!]!.find((s) => s.kind === 'construct' && s.id === j)!;

  const boxes = names.map((n, j) => {
    const x = cx(depth[j]!);
    const y = cy(slotOf(j).y);
    const r2 = r.constructs[n]!.rSquared;
    return {
      construct: n,
      label: label(n),
      reflective: r.constructs[n]!.type === 'reflective',
      x: x - boxWidth / 2,
      x2: x + boxWidth / 2,
      y: y - BOX_HEIGHT / 2,
      y2: y + BOX_HEIGHT / 2,
      cx: x,
      nameY: r2 === null ? y : y - 7,
      r2Y: y + 9,
      r2: r2 === null ? '' : `R² = ${digitsText(r2)}`,
    };
  });
  // Arrow ends, spread along a box side when several paths meet there.
  const spread = (j: number, k: number, side: 'out' | 'in'): number => {
    const list = edges.map((e, i) => [e, i] as const).filter(([e]) => (side === 'out' ? e[0] === j : e[1] === j));
    list.sort((a, b) => {
      const other = (e: readonly [number, number]) => cy(slotOf(side === 'out' ? e[1] : e[0]).y);
      return other(a[0]) - other(b[0]);
    });
    const pos = list.findIndex(([, i]) => i === k);
    const step = Math.min(8, (BOX_HEIGHT - 12) / Math.max(1, list.length - 1));
    return cy(slotOf(j).y) + (pos - (list.length - 1) / 2) * step;
  };
  const points: { edge: number; step: number; x: number; y: number; significant: string }[] = [];
  const heads: { x: number; y: number; significant: string }[] = [];
  const labelsData: { text: string; x: number; y: number; x1: number; x2: number; y1: number; y2: number; significant: string }[] = [];
  const status = (d: PathDiagramDatum) => (d.significant === null ? 'not tested' : d.significant ? 'significant' : 'not significant');
  edges.forEach(([f, t], k) => {
    const s = status(values[k]!);
    const x0 = cx(depth[f]!) + boxWidth / 2;
    const y0 = spread(f, k, 'out');
    const x1 = cx(depth[t]!) - boxWidth / 2 - 6;
    const y1 = spread(t, k, 'in');
    const way = layers
      .slice(depth[f]! + 1, depth[t]!)
      .map((layer, i) => ({ x: cx(depth[f]! + 1 + i), y: cy(layer.find((q) => q.kind === 'dummy' && q.id === k)!.y) }));
    const chain = [{ x: x0, y: y0 }, { x: x0 + 12, y: y0 }, ...way, { x: x1 - 12, y: y1 }, { x: x1, y: y1 }];
    chain.forEach((p, step) => points.push({ edge: k, step, x: p.x, y: p.y, significant: s }));
    heads.push({ x: x1 + 1, y: y1, significant: s });
    // The coefficient: at the first waypoint of a long path, else midway.
    const at = way[0] ?? { x: (x0 + x1) / 2, y: (y0 + y1) / 2 };
    const text = `${digitsText(values[k]!.estimate)}${values[k]!.significant ? '*' : ''}`;
    const w = estimateTextWidth(text, SMALL) + 6;
    labelsData.push({ text, x: at.x, y: at.y, x1: at.x - w / 2, x2: at.x + w / 2, y1: at.y - 8, y2: at.y + 8, significant: s });
  });

  const x = { type: 'quantitative', scale: { domain: [0, width], nice: false, zero: false }, axis: null };
  const y = { type: 'quantitative', scale: { domain: [0, height], nice: false, zero: false, reverse: true }, axis: null };
  const statuses = ['significant', 'not significant', 'not tested'];
  const colour = {
    field: 'significant',
    type: 'nominal',
    scale: { domain: statuses, range: [PALETTE.ink, PALETTE.grey, PALETTE.muted] },
    legend: null,
  };
  const layer: unknown[] = [
    {
      data: { values: points },
      mark: { type: 'line', interpolate: 'monotone', strokeWidth: 1.5 },
      encoding: {
        x: { ...x, field: 'x' },
        y: { ...y, field: 'y' },
        detail: { field: 'edge', type: 'nominal' },
        order: { field: 'step', type: 'quantitative' },
        color: colour,
        strokeDash: {
          field: 'significant',
          type: 'nominal',
          scale: {
            domain: statuses,
            range: [
              [1, 0],
              [5, 4],
              [1, 0],
            ],
          },
          legend: null,
        },
      },
    },
    {
      data: { values: heads },
      mark: { type: 'point', shape: 'triangle-right', filled: true, size: 60, opacity: 1, aria: false },
      encoding: { x: { ...x, field: 'x' }, y: { ...y, field: 'y' }, color: colour },
    },
    {
      data: { values: labelsData },
      mark: { type: 'rect', color: '#ffffff', opacity: 0.9, aria: false },
      encoding: { x: { ...x, field: 'x1' }, x2: { field: 'x2' }, y: { ...y, field: 'y1' }, y2: { field: 'y2' } },
    },
    {
      data: { values: labelsData },
      mark: { type: 'text', fontSize: SMALL, baseline: 'middle' },
      encoding: { x: { ...x, field: 'x' }, y: { ...y, field: 'y' }, text: { field: 'text', type: 'nominal' }, color: colour },
    },
  ];
  for (const reflective of [false, true]) {
    const group = boxes.filter((b) => b.reflective === reflective);
    if (group.length === 0) continue;
    layer.push({
      data: { values: group },
      mark: { type: 'rect', fill: '#f4f7fb', stroke: PALETTE.blue, strokeWidth: 1.5, cornerRadius: reflective ? BOX_HEIGHT / 2 : 3 },
      encoding: { x: { ...x, field: 'x' }, x2: { field: 'x2' }, y: { ...y, field: 'y' }, y2: { field: 'y2' } },
    });
  }
  layer.push(
    {
      data: { values: boxes },
      mark: { type: 'text', fontSize: LABEL_SIZE, fontWeight: 'bold', baseline: 'middle', color: PALETTE.ink },
      encoding: { x: { ...x, field: 'cx' }, y: { ...y, field: 'nameY' }, text: { field: 'label', type: 'nominal' } },
    },
    {
      data: { values: boxes.filter((b) => b.r2 !== '') },
      mark: { type: 'text', fontSize: SMALL, baseline: 'middle', color: PALETTE.muted },
      encoding: { x: { ...x, field: 'cx' }, y: { ...y, field: 'r2Y' }, text: { field: 'r2', type: 'nominal' } },
    },
  );

  const level = boot ? `${Number((100 * boot.confidenceLevel).toFixed(4))}%` : '';
  const pathText = values.map(
    (d) =>
      `${d.fromLabel} to ${d.toLabel} ${digitsText(d.estimate)}${d.significant === null ? '' : d.significant ? ' (significant)' : ' (not significant)'}`,
  );
  const r2Text = names
    .filter((n) => r.constructs[n]!.rSquared !== null)
    .map((n) => `${label(n)} ${digitsText(r.constructs[n]!.rSquared!)}`);
  const testText = boot
    ? ` Significance: the ${level} bootstrap interval (${boot.replicates} replicates) excludes 0; significant paths are solid and marked *, the others dashed.`
    : ' No bootstrap, so no significance is shown.';
  const description = `Path diagram of ${m} constructs and ${values.length} paths (standardized coefficients), left to right in path order: ${listText(pathText)}. R²: ${listText(r2Text)}.${testText}`;
  const subtitle = `n = ${formatNumber(r.n)}; standardized paths${boot ? `; * ${level} bootstrap interval excludes 0` : ''}`;
  const spec = {
    ...frame(common, { chart: 'path-diagram', title: 'Path model', subtitle, description, width, height }),
    data: { values },
    layer,
    config: { ...theme(), view: { stroke: null } },
  };
  return spec as ChartSpec<PathDiagramDatum>;
}
