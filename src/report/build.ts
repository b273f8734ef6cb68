import { CAPABILITIES, CATEGORIES } from '../rules/vocabulary.js';
import type { Finding } from '../match/types.js';
import { TABLE_NAMES } from '../snapshot/constants.js';
import type { Snapshot } from '../snapshot/schema.js';
import { REPORT_FORMAT, REPORT_VERSION, type InputDeviceObservation, type Report } from './types.js';

// Programs that normally read keyboards and mice directly: display servers, compositors, login and input daemons.
const INPUT_STACK = new Set([
  'Xorg', 'X', 'Xwayland', 'gnome-shell', 'mutter', 'kwin_wayland', 'kwin_x11', 'sway', 'weston', 'Hyprland', 'labwc',
  'wayfire', 'river', 'cage', 'gamescope', 'cosmic-comp', 'systemd-logind', 'acpid', 'gpm', 'keyd', 'kmonad',
  'input-remapper-service', 'thermald', 'upowerd', 'touchegg', 'libinput-debug-events', 'triggerhappy', 'thd',
  'gsd-media-keys', 'gsd-power', 'kded5', 'kded6', 'ibus-daemon', 'fcitx5', 'Xvfb', 'Xtigervnc', 'Xvnc',
]);

// Home folders name the person; a shared report keeps the shape of the path without the name.
const HOME = [
  /(^|[\s"'=(])(\/home\/)([^/\s"')]+)/g,
  /(^|[\s"'=(])(\/Users\/)(?!Shared(?:[/\s"')]|$))([^/\s"')]+)/g,
  /(^|[\s"'=(])([A-Za-z]:\\Users\\)(?!(?:Public|Default|All Users)(?:[\\\s"')]|$))([^\\\s"')]+)/gi,
];

/** Replaces the user name in home-folder paths anywhere in a text. */
export function redactPath(s: string): string {
  let out = s;
  for (const re of HOME) out = out.replace(re, '$1$2<user>');
  return out;
}

export interface BuildOptions {
  tool: { name: string; version: string };
  rules: { count: number; digest: string };
  includeIdentifiers: boolean;
}

export function buildReport(snapshot: Snapshot, findings: readonly Finding[], opts: BuildOptions): Report {
  const hide = opts.includeIdentifiers ? (s: string) => s : redactPath;
  const { hostname, ...hostRest } = snapshot.host;
  const host = opts.includeIdentifiers && hostname ? { ...hostRest, hostname } : hostRest;
  const checked: Report['checked'] = {};
  const tables = snapshot as unknown as Record<string, unknown>;
  for (const t of TABLE_NAMES) {
    const rows = tables[t];
    if (Array.isArray(rows)) checked[t] = rows.length;
  }
  const procs = new Map((snapshot.processes ?? []).map((p) => [p.pid, p]));
  const input_devices: InputDeviceObservation[] = (snapshot.device_access ?? []).map((d) => {
    const p = procs.get(d.pid);
    const name = p?.name ?? `pid ${d.pid}`;
    const obs: InputDeviceObservation = { pid: d.pid, process: name, device: d.device, kind: d.kind, expected: INPUT_STACK.has(name) };
    if (p?.path) obs.path = hide(p.path);
    return obs;
  });
  return {
    format: REPORT_FORMAT,
    version: REPORT_VERSION,
    tool: opts.tool,
    rules: opts.rules,
    host,
    collected_at: snapshot.collected_at,
    findings: findings.map((f) => ({
      rule: f.rule.id,
      name: f.rule.name,
      vendor: f.rule.vendor,
      category: f.rule.category,
      category_label: CATEGORIES[f.rule.category],
      confidence: f.confidence,
      running: f.evidence.some((e) => e.table === 'processes'),
      summary: f.rule.summary,
      website: f.rule.website,
      capabilities: f.rule.capabilities.map((c) => ({ id: c.id, text: CAPABILITIES[c.id], default: c.default, source: c.source, ...(c.note ? { note: c.note } : {}) })),
      hidden_mode: f.rule.hidden_mode,
      evidence: f.evidence.map((e) => ({ table: e.table, item: hide(e.item), what: e.what, indicator: e.indicator, strength: e.strength })),
      references: f.rule.references,
    })),
    coverage: snapshot.coverage.map((c) => (c.reason ? { ...c, reason: hide(c.reason) } : c)),
    checked,
    observations: { input_devices },
    privacy: { identifiers: opts.includeIdentifiers ? 'included' : 'redacted' },
  };
}
