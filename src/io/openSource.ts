/// <reference types="node" />
/**
 * Opens a {@link DataSource}: a path or `file:` URL becomes a file stream (with its size, for
 * progress), anything else is taken as an (async) iterable of chunks.
 * @internal
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors.js';
import type { DataFormat, DataSource } from './types.js';

/** An opened source. */
export interface OpenedSource {
  readonly chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;
  /** Name for messages. */
  readonly file: string;
  /** The path, when reading a file. */
  readonly path?: string;
  readonly totalBytes?: number;
}

/** Chunk size of file reads (bytes). */
export const READ_CHUNK_BYTES = 1 << 16;

/** The format implied by a file name's extension, if any. */
export function formatFromName(name: string | undefined): DataFormat | undefined {
  const m = /\.([A-Za-z]+)$/.exec(name ?? '');
  switch (m?.[1]?.toLowerCase()) {
    case 'csv':
      return 'csv';
    case 'tsv':
    case 'tab':
      return 'tsv';
    case 'json':
      return 'json';
    case 'ndjson':
    case 'jsonl':
      return 'ndjson';
    default:
      return undefined;
  }
}

function isIterable(x: unknown): x is AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string> {
  return x !== null && typeof x === 'object' && (Symbol.asyncIterator in x || Symbol.iterator in x);
}

/**
 * Opens a path, URL or stream. Throws `INVALID_OPTION` naming the path when the file cannot be
 * opened (no such file, a directory, no permission).
 */
export async function openSource(source: DataSource, file?: string): Promise<OpenedSource> {
  if (typeof source === 'string' || source instanceof URL) {
    const path = typeof source === 'string' ? source : fileURLToPath(source);
    const name = file ?? path;
    let size: number;
    try {
      const info = await stat(path);
      if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
      size = info.size;
    } catch (e) {
      const code = (e as { code?: string }).code;
      const why =
        code === 'ENOENT'
          ? 'no such file'
          : code === 'EISDIR'
            ? 'it is a directory, not a file'
            : code === 'EACCES'
              ? 'permission denied'
              : (e as Error).message;
      throw new InputError('INVALID_OPTION', `${name}: cannot read the file (${why})`, {
        argument: 'source',
        value: path,
        expected: 'a readable file',
      });
    }
    return { chunks: createReadStream(path, { highWaterMark: READ_CHUNK_BYTES }), file: name, path, totalBytes: size };
  }
  if (!isIterable(source)) {
    throw new InputError(
      'INVALID_OPTION',
      `source: expected a file path, a URL, a stream or an iterable of text chunks, got ${source === null ? 'null' : typeof source}`,
      {
        argument: 'source',
        expected: 'a path or a stream',
      },
    );
  }
  return { chunks: source, file: file ?? 'input' };
}
