/// <reference types="node" />
/**
 * The columnar reader in a worker thread: the file is tokenized and typed in
 * `columnChunkWorker.js` while the calling thread runs the analysis on the chunks already read,
 * so reading and computing overlap on two cores. The chunks, their order, their `firstRow` and
 * `lines`, every progress event and every error (class, code, message, location) are those of
 * {@link readColumnChunks} in the calling thread: the worker runs that very function and sends
 * what it yields, the typed arrays moved (transferred), not copied.
 *
 * Memory: at most {@link WINDOW} chunks are ahead of the consumer (the worker waits for an
 * acknowledgement), so a slow analysis does not let the read pile up. A category's levels cross
 * once: each chunk carries only the levels new since the last one, and the levels list the
 * consumer sees grows as `readColumnChunks`'s does (a level's code never changes).
 *
 * The worker is the built `columnChunkWorker.js` next to this module (dist/); where it is not
 * there (the TypeScript sources run directly) or worker threads are unavailable, the caller
 * reads in its own thread.
 * @internal
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InputError, InsufficientDataError, LoyaltyError, NumericalError } from '../errors.js';
import { type ChunkScoring, chunkScorer } from '../analysis/stream/chunkScorer.js';
import type { ColumnChunk, ColumnChunkOptions } from './columnChunks.js';
import type { DataSource, ReadProgress } from './types.js';

/** Chunks the worker may be ahead of the consumer. */
export const WINDOW = 2;

/** A chunk as it crosses: its categories carry the levels new since the previous chunk. */
export interface ChunkMessage {
  readonly type: 'chunk';
  readonly length: number;
  readonly firstRow: number;
  readonly lines: Int32Array;
  readonly numbers: Record<string, Float64Array>;
  readonly categories: Record<string, { readonly codes: Int32Array; readonly newLevels: (string | number)[] }>;
}

/** An error as it crosses: enough to rebuild the same class, code, message and location. */
export interface ErrorMessage {
  readonly type: 'error';
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly location?: Record<string, unknown>;
  /** A system error's own fields (`code`, `errno`, `syscall`, `path`). */
  readonly fields?: Record<string, unknown>;
}

export type WorkerMessage =
  | ChunkMessage
  | ErrorMessage
  | { readonly type: 'progress'; readonly progress: ReadProgress }
  | { readonly type: 'end' };

/** What the worker is given for each file (its 'start' message). */
export interface WorkerInput {
  readonly source: string;
  readonly options: Omit<ColumnChunkOptions, 'onProgress'>;
  readonly progress: boolean;
  /** Score the drivers in the worker too (the chunks arrive with the scores). */
  readonly scoring?: ChunkScoring;
}

/** The error as a message (the worker's side). */
export function errorMessage(e: unknown): ErrorMessage {
  if (e instanceof LoyaltyError) return { type: 'error', name: e.name, message: e.message, code: e.code, location: { ...e.location } };
  if (e instanceof Error) {
    const fields: Record<string, unknown> = {};
    for (const key of ['code', 'errno', 'syscall', 'path'] as const) {
      const v = (e as unknown as Record<string, unknown>)[key];
      if (v !== undefined) fields[key] = v;
    }
    return { type: 'error', name: e.name, message: e.message, fields };
  }
  return { type: 'error', name: 'Error', message: String(e) };
}

/** The same error again (the consumer's side). */
export function revive(m: ErrorMessage): Error {
  const location = (m.location ?? {}) as ConstructorParameters<typeof LoyaltyError>[2];
  switch (m.name) {
    case 'InputError':
      return new InputError(m.code as InputError['code'], m.message, location);
    case 'InsufficientDataError':
      return new InsufficientDataError(m.code as InsufficientDataError['code'], m.message, location);
    case 'NumericalError':
      return new NumericalError(m.code as NumericalError['code'], m.message, location);
    case 'LoyaltyError':
      return new LoyaltyError(m.code as LoyaltyError['code'], m.message, location);
    default: {
      const e = new Error(m.message);
      e.name = m.name;
      return Object.assign(e, m.fields ?? {});
    }
  }
}

/** The built worker next to this module (looked up once), or undefined when there is none (sources run directly). */
let located: { url: URL | undefined } | undefined;
function workerFile(): URL | undefined {
  if (located === undefined) {
    const url = new URL('./columnChunkWorker.js', import.meta.url);
    let found = false;
    try {
      found = url.protocol === 'file:' && existsSync(fileURLToPath(url));
    } catch {
      found = false;
    }
    located = { url: found ? url : undefined };
  }
  return located.url;
}

/**
 * One idle worker kept for the next read (a second pass reuses the first's thread instead of
 * starting one, about 70 ms), unreferenced so that it never keeps the process alive.
 */
let idle: Worker | undefined;

function park(worker: Worker): void {
  worker.removeAllListeners();
  worker.unref();
  // An idle worker that fails or exits is simply forgotten (the next read starts another).
  worker.on('error', () => undefined);
  worker.once('exit', () => {
    if (idle === worker) idle = undefined;
  });
  if (idle === undefined) idle = worker;
  else void worker.terminate();
}

function takeWorker(): Worker {
  const worker = idle ?? new Worker(workerFile()!);
  idle = undefined;
  worker.removeAllListeners();
  worker.ref();
  return worker;
}

/**
 * Starts the reading worker ahead of the first read (its modules load while the caller does
 * other work: the tool calls it when its input is a file). Does nothing where there is no worker.
 */
export function prewarmColumnWorker(): void {
  if (idle === undefined && workerFile() !== undefined) park(new Worker(workerFile()!));
}

/** Whether {@link readColumnChunksInWorker} can read `source` (a file path or URL, with the worker built). */
export function canReadInWorker(source: DataSource): source is string | URL {
  return (typeof source === 'string' || source instanceof URL) && workerFile() !== undefined;
}

/**
 * {@link readColumnChunks} of a file in a worker thread: the same chunks, progress and errors;
 * with `scoring`, each chunk with its driver scores added by `chunkScorer` in the worker (the
 * scorer's errors arrive after the chunks before theirs, as when it runs here). Call only when
 * {@link canReadInWorker} says so.
 */
export async function* readColumnChunksInWorker(
  source: string | URL,
  options: ColumnChunkOptions,
  scoring?: ChunkScoring,
): AsyncGenerator<ColumnChunk, void, undefined> {
  const { onProgress, ...rest } = options;
  const input: WorkerInput = {
    source: typeof source === 'string' ? source : source.href,
    options: { ...rest, worker: false },
    progress: onProgress !== undefined,
    ...(scoring === undefined ? {} : { scoring }),
  };
  const worker = takeWorker();
  worker.postMessage({ type: 'start', input });
  const queue: (WorkerMessage | { type: 'crash'; error: Error } | { type: 'exit'; code: number })[] = [];
  let wake: (() => void) | undefined;
  const push = (m: (typeof queue)[number]): void => {
    queue.push(m);
    wake?.();
    wake = undefined;
  };
  worker.on('message', (m: WorkerMessage) => push(m));
  worker.on('error', (error: Error) => push({ type: 'crash', error }));
  worker.on('exit', (code: number) => push({ type: 'exit', code }));
  const levels = new Map<string, (string | number)[]>();
  let ended = false;
  try {
    for (;;) {
      while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const m = queue.shift()!;
      if (m.type === 'progress') onProgress?.(m.progress);
      else if (m.type === 'error') throw revive(m);
      else if (m.type === 'crash') throw m.error;
      else if (m.type === 'exit') throw new Error(`the column reader's worker stopped (exit code ${m.code}) before the end of the file`);
      else if (m.type === 'end') {
        ended = true;
        return;
      } else {
        const categories: Record<string, { codes: Int32Array; levels: readonly (string | number)[] }> = {};
        for (const [name, c] of Object.entries(m.categories)) {
          let list = levels.get(name);
          if (list === undefined) levels.set(name, (list = []));
          for (const level of c.newLevels) list.push(level);
          categories[name] = { codes: c.codes, levels: list };
        }
        yield { length: m.length, firstRow: m.firstRow, lines: m.lines, numbers: m.numbers, categories };
        worker.postMessage('ack');
      }
    }
  } finally {
    // A worker that finished its file waits for the next; one stopped midway is ended.
    if (ended) park(worker);
    else await worker.terminate();
  }
}

/**
 * Chunks of a file with the drivers scored: in a worker thread where one can read it (reading,
 * typing and scoring there), else read and scored in this thread. The same chunks either way.
 */
export async function* readScoredColumnChunks(
  source: DataSource,
  options: ColumnChunkOptions,
  scoring: ChunkScoring,
  read: (source: DataSource, options: ColumnChunkOptions) => AsyncIterable<ColumnChunk>,
): AsyncGenerator<ColumnChunk, void, undefined> {
  if (options.worker === true && canReadInWorker(source)) {
    yield* readColumnChunksInWorker(source, options, scoring);
    return;
  }
  const scorer = chunkScorer(scoring.model, scoring.missingCodes);
  for await (const chunk of read(source, { ...options, worker: false })) yield scorer.score(chunk);
}
