import { renderReport } from '../../report/renderReport.js';
import type { Command } from '../command.js';
import { type CommandContext, stringFlag } from '../context.js';
import { UsageError } from '../errors.js';
import { runAnalysis } from '../runAnalysis.js';
import { requireModel, skippedLines } from '../shared.js';

/** One numeric column of the input file, NaN where missing, as a plain array for the chart. */
async function columnValues(ctx: CommandContext, column: string): Promise<number[]> {
  const values: number[] = [];
  for await (const chunk of ctx.columns({ [column]: 'number' })) {
    const x = chunk.numbers[column]!;
    for (let i = 0; i < x.length; i++) values.push(x[i]!);
  }
  return values;
}

/**
 * `loyalty-drivers report`: the whole analysis as one self-contained HTML page. The page is the
 * command's only output section (its text), so the tool writes it as is, to `-o` or stdout.
 */
export const reportCommand: Command = {
  name: 'report',
  summary: 'The whole analysis as one self-contained HTML page with charts (no scripts, no network), readable on a phone and printable',
  usage: 'report [file] --model model.json [-o report.html] [--title "Q3 survey"] [--bootstrap N --seed S] [--delta 1]',
  options: { bootstrap: { type: 'string' }, seed: { type: 'string' }, delta: { type: 'string' }, title: { type: 'string' } },
  flagHelp: [
    ['--title text', 'the page title (default "Loyalty drivers report")'],
    [
      '--bootstrap N, --seed S',
      'bootstrap intervals of importance and of wave differences: N from 50 to 1,000,000 replicates, default 0 (none); seed S a whole number, default 1',
    ],
    ['--delta 1', 'what-if shift of each driver, in scale points'],
  ],
  examples: [
    'loyalty-drivers report survey.csv --model model.json -o report.html',
    'loyalty-drivers report survey.csv --model model.json --bootstrap 1000 --seed 7 --title "Spring survey" -o report.html',
  ],
  readsData: true,
  streams: true,
  async run(ctx) {
    const format = stringFlag(ctx, 'format');
    if (format !== undefined && format !== 'table') {
      throw new UsageError(
        `--format: report writes HTML only; for the results as ${format}, run "loyalty-drivers analyze --format ${format}"`,
      );
    }
    const model = requireModel(ctx, 'report runs what the model file asks for');
    // A file streams as in `analyze --format json` (the per-row arrays kept up to the row limit:
    // the segment chart counts the unassigned); the NPS chart then reads the recommend column
    // once more (8 bytes a respondent).
    const { analysis, rows } = await runAnalysis(ctx, model, true);
    const recommend = model.recommend?.column;
    const scores = rows === undefined && recommend !== undefined && analysis.indices.nps ? await columnValues(ctx, recommend) : undefined;
    const html = await renderReport(analysis, {
      ...(rows === undefined ? {} : { rows }),
      ...(scores === undefined ? {} : { recommendScores: scores }),
      title: stringFlag(ctx, 'title'),
      onProgress: (chart, done, total) => ctx.progress(`chart ${done + 1}/${total} (${chart})`),
    });
    // No notes and one section whose text is the page: the table format prints exactly the HTML.
    // A partial run's skipped sections are listed in the page's notes and on standard error.
    return {
      result: analysis,
      sections: [{ table: { title: 'report', columns: [], rows: [] }, text: html }],
      notes: [],
      stderr: skippedLines(analysis),
    };
  },
};
