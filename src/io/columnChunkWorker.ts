/// <reference types="node" />
/**
 * The worker thread of {@link readColumnChunksInWorker} (built to dist/columnChunkWorker.js):
 * runs `readColumnChunks` on the file it is given and posts each chunk (its typed arrays
 * transferred), each progress event and the end or the error, keeping at most `WINDOW` chunks
 * ahead of the consumer's acknowledgements.
 * @internal
 */
import { parentPort } from 'node:worker_threads';
import { chunkScorer } from '../analysis/stream/chunkScorer.js';
import { readColumnChunks } from './columnChunks.js';
import type { ReadProgress } from './types.js';
import { type ChunkMessage, errorMessage, WINDOW, type WorkerInput, type WorkerMessage } from './workerColumnChunks.js';

/** Reads one file for the consumer, keeping at most WINDOW chunks ahead of its acknowledgements. */
async function run(port: NonNullable<typeof parentPort>, input: WorkerInput, credits: { n: number; wake?: () => void }): Promise<void> {
  const send = (m: WorkerMessage, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);
  const source = input.source.startsWith('file:') ? new URL(input.source) : input.source;
  const sent = new Map<string, number>();
  const scorer = input.scoring === undefined ? undefined : chunkScorer(input.scoring.model, input.scoring.missingCodes);
  try {
    const options = {
      ...input.options,
      ...(input.progress ? { onProgress: (progress: ReadProgress) => send({ type: 'progress', progress }) } : {}),
    };
    for await (const raw of readColumnChunks(source, options)) {
      const chunk = scorer === undefined ? raw : scorer.score(raw);
      while (credits.n <= 0) await new Promise<void>((resolve) => (credits.wake = resolve));
      credits.n--;
      const buffers = new Set<ArrayBuffer>([chunk.lines.buffer as ArrayBuffer]);
      for (const x of Object.values(chunk.numbers)) buffers.add(x.buffer as ArrayBuffer);
      const categories: ChunkMessage['categories'] = {};
      for (const [name, c] of Object.entries(chunk.categories)) {
        const from = sent.get(name) ?? 0;
        sent.set(name, c.levels.length);
        categories[name] = { codes: c.codes, newLevels: c.levels.slice(from) };
        buffers.add(c.codes.buffer as ArrayBuffer);
      }
      send(
        { type: 'chunk', length: chunk.length, firstRow: chunk.firstRow, lines: chunk.lines, numbers: { ...chunk.numbers }, categories },
        [...buffers],
      );
    }
    send({ type: 'end' });
  } catch (e) {
    send(errorMessage(e));
  }
}

// One file at a time, as the consumer asks ('start'); 'ack' frees a place in the window. The
// thread then waits for the next file (the consumer keeps it idle for its next pass).
if (parentPort) {
  const port = parentPort;
  let credits: { n: number; wake?: () => void } = { n: WINDOW };
  port.on('message', (m: 'ack' | { type: 'start'; input: WorkerInput }) => {
    if (m === 'ack') {
      credits.n++;
      credits.wake?.();
      credits.wake = undefined;
    } else {
      credits = { n: WINDOW };
      void run(port, m.input, credits);
    }
  });
}
