import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderTerminal } from './terminal.js';
import type { RenderOptions, Report } from './types.js';

export const RENDERERS: Record<string, (r: Report, o: RenderOptions) => string> = {
  terminal: renderTerminal,
  json: renderJson,
  html: renderHtml,
};
export const FORMATS = Object.keys(RENDERERS);
