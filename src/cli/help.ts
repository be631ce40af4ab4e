import type { Command } from './command.js';

const GLOBAL_HELP: readonly (readonly [string, string])[] = [
  ['-m, --model model.json', 'the model file: scales, outcomes, segmentation, weight and wave columns, missing codes'],
  ['-f, --format table|json|csv', "table for people (default), json (the library's result objects), csv (the tables)"],
  ['-o, --output file', 'write the output to a file instead of standard output (checked before the run; written whole or not at all)'],
  [
    '--input-format csv|tsv|json|ndjson',
    'the input format (default: from the extension; standard input and other names: from the first bytes, "[" JSON, "{" NDJSON, else CSV)',
  ],
  [
    '--delimiter ,|";"|"|"|tab',
    'CSV field delimiter (default: the most frequent of these in the header line, else ","; a tab reads it as TSV)',
  ],
  ['--decimal .|,', 'decimal mark of numbers (default "."; "," for 3,5 needs another delimiter, e.g. ";" as European Excel writes)'],
  ['--encoding utf8|latin1', 'text encoding of the input (default utf8; latin1 for Latin-1/Windows-1252 exports)'],
  ['--weights col|none', "sampling-weight column (default: the model's; none to ignore it)"],
  ['--missing-codes=-99,99', 'numbers that code a missing answer (write it with "=": the value starts with a dash)'],
  ['--confidence 0.95', 'confidence level of every interval'],
  ['-q, --quiet / --progress', 'never / always print progress on standard error (default: only on a terminal)'],
  ['-h, --help', 'this help'],
];

function flags(list: readonly (readonly [string, string])[]): string {
  const width = Math.max(...list.map(([f]) => f.length));
  return list.map(([f, d]) => `  ${f.padEnd(width)}  ${d}`).join('\n');
}

/** `loyalty-drivers --help`. */
export function mainHelp(commands: readonly Command[], version: string): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `loyalty-drivers ${version}: customer-loyalty analytics on survey and CRM data (CSV, TSV, JSON, NDJSON)

Usage: loyalty-drivers <command> [file] [options]     (file "-" or omitted: read standard input)

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Options for every command:
${flags(GLOBAL_HELP)}

Exit codes: 0 success; 1 bad input, or a file that cannot be read or written (the error's code and
where it is, on one line of standard error); 2 usage error (unknown flag, missing argument, a flag
value out of its range); 70 internal error (a bug).

Examples:
  loyalty-drivers analyze survey.csv --model model.json
  loyalty-drivers indices survey.csv --recommend recommend --format json
  loyalty-drivers importance --help

Run "loyalty-drivers <command> --help" for a command's options and examples.
`;
}

/** `loyalty-drivers <command> --help`. */
export function commandHelp(c: Command): string {
  return `loyalty-drivers ${c.name}: ${c.summary}

Usage: loyalty-drivers ${c.usage}

Options:
${flags(c.flagHelp)}

Options for every command:
${flags(GLOBAL_HELP)}

Examples:
${c.examples.map((e) => `  ${e}`).join('\n')}
`;
}
