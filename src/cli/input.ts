/// <reference types="node" />
/**
 * How the tool reads its input when the flags do not say: the format from the file's extension,
 * else (standard input, or an unknown extension) from the first non-blank bytes (`[` a JSON array,
 * `{` NDJSON or a JSON object of columns, else CSV); and for CSV the delimiter from the header
 * line (the most frequent of `,` `;` tab `|` outside quotes; a tab makes it TSV).
 */
import { open } from 'node:fs/promises';
import { formatFromName } from '../io/openSource.js';
import type { DataFormat } from '../io/types.js';
import type { InputFlags } from './args.js';

/** Bytes looked at to decide the format and the delimiter. */
export const SNIFF_BYTES = 1 << 16;

/** What was decided, and how (for the progress line). */
export interface InputPlan {
  readonly format: DataFormat;
  /** The CSV delimiter (undefined for JSON and NDJSON). */
  readonly delimiter: string | undefined;
  /** `"--input-format"`, `"extension"`, `"content"`: where the format came from. */
  readonly formatFrom: string;
  /** `"--delimiter"`, `"header"`, `"default"`. */
  readonly delimiterFrom: string;
}

/** The first line with a non-blank character (the header), without a leading byte-order mark. */
function firstLine(text: string): string {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (const line of body.split(/\r\n|\n|\r/)) if (line.trim() !== '') return line;
  return '';
}

const CANDIDATES = [',', '\t', ';', '|'];

/** The delimiter of a CSV header line: the most frequent candidate outside double quotes (ties: `,` tab `;` `|`); `,` when none occurs. */
export function detectDelimiter(header: string): string | undefined {
  const counts = new Map<string, number>(CANDIDATES.map((c) => [c, 0]));
  let quoted = false;
  for (const ch of header) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best: string | undefined;
  for (const c of CANDIDATES) if (counts.get(c)! > 0 && (best === undefined || counts.get(c)! > counts.get(best)!)) best = c;
  return best;
}

/** JSON or NDJSON from content that starts with `[` or `{`; undefined for anything else. */
export function detectJson(text: string): 'json' | 'ndjson' | undefined {
  const body = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).trimStart();
  if (body.startsWith('[')) return 'json';
  if (!body.startsWith('{')) return undefined;
  // One object per line is NDJSON, unless that object is the whole document of columns ({ "a": [..], "b": [..] }).
  const line = body.split(/\r\n|\n|\r/, 1)[0]!;
  try {
    const first: unknown = JSON.parse(line);
    if (first !== null && typeof first === 'object' && !Array.isArray(first)) {
      const values = Object.values(first);
      return values.length > 0 && values.every(Array.isArray) ? 'json' : 'ndjson';
    }
  } catch {
    // a JSON document spread over several lines
  }
  return 'json';
}

/** Decides the format and delimiter from the flags, the file name and the first bytes. */
export function planInput(flags: InputFlags, name: string | undefined, head: string): InputPlan {
  const fromName = formatFromName(name);
  let format: DataFormat;
  let formatFrom: string;
  if (flags.format !== undefined) [format, formatFrom] = [flags.format, '--input-format'];
  else if (fromName !== undefined) [format, formatFrom] = [fromName, 'extension'];
  else {
    const json = detectJson(head);
    [format, formatFrom] = json === undefined ? ['csv', 'content'] : [json, 'content'];
  }
  if (format === 'json' || format === 'ndjson') return { format, delimiter: undefined, formatFrom, delimiterFrom: 'none' };
  if (flags.delimiter !== undefined)
    return {
      format: flags.delimiter === '\t' && format === 'csv' && formatFrom !== '--input-format' ? 'tsv' : format,
      delimiter: flags.delimiter,
      formatFrom,
      delimiterFrom: '--delimiter',
    };
  if (format === 'tsv') return { format, delimiter: '\t', formatFrom, delimiterFrom: 'default' };
  const found = detectDelimiter(firstLine(head));
  if (found === undefined) return { format, delimiter: ',', formatFrom, delimiterFrom: 'default' };
  if (found === '\t' && formatFrom !== '--input-format') return { format: 'tsv', delimiter: '\t', formatFrom, delimiterFrom: 'header' };
  return { format, delimiter: found, formatFrom, delimiterFrom: 'header' };
}

/** The first {@link SNIFF_BYTES} bytes of a file, as Latin-1 text (the characters that matter are ASCII); '' if it cannot be read (the reader reports why). */
export async function fileHead(path: string): Promise<string> {
  try {
    const handle = await open(path, 'r');
    try {
      const buf = Buffer.alloc(SNIFF_BYTES);
      const { bytesRead } = await handle.read(buf, 0, SNIFF_BYTES, 0);
      return buf.subarray(0, bytesRead).toString('latin1');
    } finally {
      await handle.close();
    }
  } catch {
    return '';
  }
}

/**
 * Reads the start of a stream (up to the end of its first non-blank line, or {@link SNIFF_BYTES})
 * and returns it with a stream that yields everything, the start included.
 */
export async function streamHead(stream: AsyncIterable<Uint8Array | string>): Promise<{ head: string; chunks: AsyncIterable<Uint8Array> }> {
  const iterator = stream[Symbol.asyncIterator]();
  const taken: Uint8Array[] = [];
  let size = 0;
  let done = false;
  let text = '';
  while (size < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value, 'utf8') : next.value;
    taken.push(chunk);
    size += chunk.length;
    text = Buffer.concat(taken).toString('latin1');
    if (/\S[^\r\n]*[\r\n]/.test(text)) break;
  }
  async function* all(): AsyncGenerator<Uint8Array> {
    yield* taken;
    if (done) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield typeof next.value === 'string' ? Buffer.from(next.value, 'utf8') : next.value;
    }
  }
  return { head: text, chunks: all() };
}
