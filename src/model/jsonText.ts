/**
 * JSON text helpers shared by the model parser and the io readers: parse with syntax errors
 * turned into a 1-based line and column.
 * @internal
 */

/** 1-based line and column of a character offset in `text` (lines end at `\n`). */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: end - start + 1 };
}

/** A JSON syntax error located in the text. */
export interface JsonSyntaxProblem {
  readonly line: number;
  readonly column: number;
  /** The engine's description without its position, e.g. `Unexpected token } in JSON`. */
  readonly reason: string;
}

/**
 * Parses JSON; on a syntax error returns where it is instead of throwing. The engine reports a
 * character offset ("at position N"); the end of the text is used when it does not.
 */
export function parseJsonText(text: string): { value: unknown } | { problem: JsonSyntaxProblem } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const match = /at position (\d+)/.exec(message);
    const offset = match ? Number(match[1]) : text.length;
    const reason = message
      .replace(/\s*\(line \d+ column \d+\)/, '')
      .replace(/\s*at position \d+/, '')
      .trim();
    return { problem: { ...lineAndColumn(text, offset), reason } };
  }
}
