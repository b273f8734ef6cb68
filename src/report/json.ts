import { jsonText } from './escape.js';
import type { Report } from './types.js';

export function renderJson(r: Report): string {
  return jsonText(r, 2) + '\n';
}
