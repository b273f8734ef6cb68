import type { AutostartRow, CoverageRow } from '../../snapshot/schema.js';
import type { Collector } from '../types.js';
import { AnswerBuilder, type Answer } from '../shared/answer.js';
import { answerFailure, byString, coverage, defaultFs, execFailure, isMissing, type MacFs } from './util.js';
import { reason } from '../shared/reason.js';

const SOURCE = 'macos/btm';
export const SFLTOOL = '/usr/bin/sfltool';
export const BTM_DIR = '/private/var/db/com.apple.backgroundtaskmanagement';
const TIMEOUT_MS = 20_000;

/** One item of `sfltool dumpbtm`, its "Key: value" lines as printed. */
export interface BtmItem {
  uid?: number;
  fields: Record<string, string>;
  embedded: string[];
}

/**
 * Parses `sfltool dumpbtm` (macOS 13+): "Records for UID n" sections, items "#n:" with right-aligned
 * "Key: value" lines and an indented "Embedded Item Identifiers:" list.
 */
export function parseDumpBtm(raw: string): BtmItem[] {
  return readDumpBtm(raw).rows;
}

/** Reads `sfltool dumpbtm`: without a "Records for UID" section it is not the dump; lines of no known shape are counted. */
export function readDumpBtm(raw: string): Answer<BtmItem> {
  const a = new AnswerBuilder<BtmItem>();
  let records = false;
  let uid: number | undefined;
  let cur: BtmItem | undefined;
  let inEmbedded = false;
  for (const line of raw.split(/\r?\n/)) {
    const rec = /^\s*Records for UID (-?\d+)\b/.exec(line);
    if (rec) {
      records = true;
      uid = Number(rec[1]);
      cur = undefined;
      continue;
    }
    if (/^\s*=+\s*$/.test(line) || !line.trim()) {
      inEmbedded = false;
      continue;
    }
    const start = /^ #\d+:\s*$/.exec(line);
    if (start) {
      cur = { fields: {}, embedded: [] };
      if (uid !== undefined) cur.uid = uid;
      a.row(cur);
      inEmbedded = false;
      continue;
    }
    if (!cur) {
      // before the first item: "ServiceManagement migrated: true", "Items:"
      if (!/^\s*[A-Za-z][A-Za-z .]*:(\s.*)?$/.test(line)) a.reject(line);
      continue;
    }
    if (inEmbedded) {
      const e = /^\s+#\d+:\s*(\S.*?)\s*$/.exec(line);
      if (e) {
        cur.embedded.push(e[1]);
        a.total++;
        continue;
      }
      inEmbedded = false;
    }
    if (/^\s*Embedded Item Identifiers:\s*$/.test(line)) {
      inEmbedded = true;
      continue;
    }
    const kv = /^\s*([A-Za-z][A-Za-z .]*?):\s?(.*?)\s*$/.exec(line);
    // the first value wins (one recorded dump prints "Generation" twice)
    if (!kv) a.reject(line);
    else {
      a.total++;
      if (!(kv[1] in cur.fields)) cur.fields[kv[1]] = kv[2];
    }
  }
  return a.done(records ? undefined : 'no "Records for UID" section');
}

const nul = (v: string | undefined) => (v === undefined || v === '' || v === '(null)' ? undefined : v);

function urlPath(url: string): string | undefined {
  if (url.startsWith('file://')) {
    try {
      return decodeURIComponent(url.slice('file://'.length)).replace(/(.)\/$/, '$1');
    } catch {
      return undefined;
    }
  }
  return url.startsWith('/') ? url.replace(/(.)\/$/, '$1') : undefined;
}

/** Background items (daemons, agents, login items, apps) as autostart rows; "developer" grouping records are skipped. */
export function btmToAutostart(items: BtmItem[]): AutostartRow[] {
  const byId = new Map<string, BtmItem>();
  for (const it of items) {
    const id = nul(it.fields.Identifier);
    if (id && !byId.has(id)) byId.set(id, it);
  }
  const out: AutostartRow[] = [];
  for (const it of items) {
    const f = it.fields;
    const type = (f.Type ?? '').replace(/\s*\(0x[0-9a-f]+\)\s*$/i, '').trim();
    if (!type || type === 'developer') continue;
    // identifiers carry the type code as a prefix: "16.com.docker.vmnetd", "2.com.raycast.macos"
    const id = nul(f.Identifier)?.replace(/^\d+\./, '');
    const name = id ?? nul(f.Name);
    if (!name) continue;
    const row: AutostartRow = { kind: `btm-${type.replace(/\s+/g, '-')}`, name };
    const url = nul(f.URL);
    let where = url ? urlPath(url) : undefined;
    if (url && !where) {
      // a path inside the parent app (e.g. Contents/Library/LaunchDaemons/x.plist)
      const parentUrl = nul(byId.get(nul(f['Parent Identifier']) ?? '')?.fields.URL);
      const parent = parentUrl ? urlPath(parentUrl) : undefined;
      if (parent) where = `${parent}/${url}`;
    }
    const exe = nul(f['Executable Path']);
    if (exe) row.path = exe;
    else if (where && !where.endsWith('.plist')) row.path = where;
    if (where?.endsWith('.plist')) row.plist = where;
    const disposition = f.Disposition ?? '';
    if (/\bdisabled\b/.test(disposition)) row.disabled = true;
    const team = nul(f['Team Identifier']);
    if (team) row.team_id = team;
    if (it.uid !== undefined && it.uid >= 0) row.uid = it.uid;
    out.push(row);
  }
  return out.sort((a, b) => byString(a.name, b.name) || byString(a.kind, b.kind));
}

export function createBtmCollector(deps: { fs?: MacFs } = {}): Collector {
  const fs = deps.fs ?? defaultFs;
  return {
    id: SOURCE,
    tables: ['autostart'],
    async collect(ctx) {
      let present = true;
      try {
        await fs.readdir(BTM_DIR);
      } catch (e) {
        // denied still means it is there
        if (isMissing(e)) present = false;
      }
      if (!present) {
        return { tables: {}, coverage: [coverage(SOURCE, 'autostart', 'unavailable', reason('btm-no-list', { dir: BTM_DIR }))] };
      }
      if (!ctx.elevated) {
        const cov: CoverageRow = coverage(
          SOURCE,
          'autostart',
          'denied',
          reason('btm-needs-root', { dir: BTM_DIR }),
        );
        return { tables: {}, coverage: [cov] };
      }
      const r = await ctx.exec(SFLTOOL, ['dumpbtm'], { timeoutMs: TIMEOUT_MS });
      const fail = execFailure(SOURCE, 'autostart', 'sfltool dumpbtm', r);
      if (fail) return { tables: {}, coverage: [fail] };
      const answer = readDumpBtm(r.stdout);
      const bad = answerFailure(SOURCE, 'autostart', 'sfltool dumpbtm', answer);
      if (bad?.status === 'error') return { tables: {}, coverage: [bad] };
      return { tables: { autostart: btmToAutostart(answer.rows) }, coverage: [bad ?? coverage(SOURCE, 'autostart', 'ok')] };
    },
  };
}

export const btmCollector = createBtmCollector();
