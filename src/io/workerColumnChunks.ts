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

/** What the worker is started with. */
export interface WorkerInput {
  readonly source: string;
  readonly options: Omit<ColumnChunkOptions, 'onProgress'>;
  readonly progress: boolean;
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

/** The built worker next to this module, or undefined when there is none (sources run directly). */
function workerFile(): URL | undefined {
  const url = new URL('./columnChunkWorker.js', import.meta.url);
  try {
    return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Whether {@link readColumnChunksInWorker} can read `source` (a file path or URL, with the worker built). */
export function canReadInWorker(source: DataSource): source is string | URL {
  return (typeof source === 'string' || source instanceof URL) && workerFile() !== undefined;
}

/**
 * {@link readColumnChunks} of a file in a worker thread: the same chunks, progress and errors.
 * Call only when {@link canReadInWorker} says so.
 */
export async function* readColumnChunksInWorker(
  source: string | URL,
  options: ColumnChunkOptions,
): AsyncGenerator<ColumnChunk, void, undefined> {
  const { onProgress, ...rest } = options;
  const input: WorkerInput = {
    source: typeof source === 'string' ? source : source.href,
    options: rest,
    progress: onProgress !== undefined,
  };
  const worker = new Worker(workerFile()!, { workerData: input });
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
    if (!ended) await worker.terminate();
    else worker.unref();
  }
}
