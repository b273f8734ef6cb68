import { UsageError } from '../errors.js';
import { renderCsv } from './csv.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderTerminal } from './terminal.js';
import type { RenderOptions, Report } from './types.js';

export const RENDERERS = {
  terminal: renderTerminal,
  json: renderJson,
  html: renderHtml,
  markdown: renderMarkdown,
  sarif: renderSarif,
  csv: renderCsv,
} satisfies Record<string, (r: Report, o: RenderOptions) => string>;
export type Format = keyof typeof RENDERERS;
export const FORMATS = Object.keys(RENDERERS) as Format[];

// What an --output file's extension says about the format wanted
const BY_EXTENSION: Record<string, Format> = {
  json: 'json', html: 'html', htm: 'html', md: 'markdown', markdown: 'markdown', sarif: 'sarif', csv: 'csv', txt: 'terminal',
};

/** The format to write: --format when given, else the one --output's extension names, else the terminal's. */
export function formatFor(format: string | undefined, output: string | undefined): Format {
  if (format !== undefined) {
    if (!(FORMATS as string[]).includes(format)) {
      throw new UsageError(`unknown format "${format}" (use ${FORMATS.join(', ')})`, { key: 'error.unknown-format', params: { format, formats: FORMATS.join(', ') } });
    }
    return format as Format;
  }
  if (!output) return 'terminal';
  const base = output.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return 'terminal';
  const ext = base.slice(dot + 1).toLowerCase();
  const f = Object.hasOwn(BY_EXTENSION, ext) ? BY_EXTENSION[ext] : undefined;
  if (!f) {
    throw new UsageError(`cannot tell the format from "${output}" (use --format ${FORMATS.join('|')}, or a file ending in .json .html .md .sarif .csv .txt)`, {
      key: 'error.output-extension',
      params: { output, formats: FORMATS.join('|') },
    });
  }
  return f;
}
