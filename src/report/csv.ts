import type { MessageKey } from '../i18n/index.js';
import { csvField } from './escape.js';
import type { RenderOptions, Report } from './types.js';
import { buildView, strengthLabel } from './view.js';

const COLUMNS = ['product', 'rule', 'category', 'group', 'confidence', 'running', 'hidden', 'capabilities', 'evidence', 'table', 'item', 'indicator', 'strength'] as const;

/** One row per finding x evidence (and behaviour x evidence), RFC 4180 with CRLF, safe to open in a spreadsheet. */
export function renderCsv(r: Report, o: RenderOptions): string {
  const v = buildView(r, o.lang);
  const tr = v.t;
  const yesNo = (b: boolean) => tr.t(b ? 'csv.yes' : 'csv.no');
  const hidden = { yes: tr.t('csv.yes'), no: tr.t('csv.no'), unknown: tr.t('csv.unknown') };
  const rows: string[][] = [COLUMNS.map((c) => tr.t(`csv.${c}` as MessageKey))];
  for (const f of v.summary) {
    f.f.evidence.forEach((e, i) => {
      rows.push([
        f.f.name, f.f.rule, f.category, tr.t(`group.${f.f.group}.title`), f.confidence, yesNo(f.f.running), hidden[f.f.hidden_mode.supported],
        f.captures, f.evidence[i].text, e.table, e.item, `${e.indicator.kind}: ${e.indicator.value}`, strengthLabel(tr, e.strength),
      ]);
    });
  }
  for (const b of v.behaviourSummary) {
    const rowsOf = b.b.evidence.length ? b.b.evidence : [{ table: '', item: '', what: '' }];
    rowsOf.forEach((e, i) => {
      rows.push([
        b.title, b.b.id, tr.t('csv.behaviour'), '', b.confidence, '', '', b.captures, b.evidence[i] ?? '', e.table, b.items[i] ?? '', '', strengthLabel(tr, b.b.confidence),
      ]);
    });
  }
  // a byte-order mark, so that spreadsheet programs read the accents of Spanish text as UTF-8
  return '\ufeff' + rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
