import type { CapabilityId } from '../../rules/vocabulary.js';
import type { Snapshot } from '../../snapshot/schema.js';
import { said, settingRows } from '../lib.js';
import { WHAT, type DetectKey } from '../messages.js';
import type { BehaviourFinding, Confidence, Detector } from '../types.js';

// A saved "yes" in the portal's screencast or remote-desktop table lets that app restore its session (restore token)
// without the dialog: a standing permission to capture the screen, or to view and control it.

const KIND: Record<string, { caps: CapabilityId[]; confidence: Confidence; words: DetectKey }> = {
  screencast: { caps: ['screen-recording'], confidence: 'low', words: 'detect.portal.screencast' },
  'remote-desktop': { caps: ['live-screen-view', 'remote-control'], confidence: 'medium', words: 'detect.portal.remote-desktop' },
};
const order: Record<Confidence, number> = { high: 0, medium: 1, low: 2 };

export function detectPortalPermissions(s: Snapshot): BehaviourFinding[] {
  const byApp = new Map<string, BehaviourFinding>();
  for (const { r, row } of settingRows(s, (x) => x.source === 'linux/portal-permissions' && !!x.name && Object.hasOwn(KIND, x.key))) {
    if (!(r.value ?? '').split(',').includes('yes')) continue;
    const k = KIND[r.key];
    const key = `${r.scope ?? ''}\0${r.name}`;
    const ev = { table: 'settings' as const, row, ...said(k.words, { app: r.name, where: r.file ?? r.key }), what: WHAT.permission };
    const f = byApp.get(key);
    if (f) {
      f.evidence.push(ev);
      for (const c of k.caps) if (!f.capabilities.includes(c)) f.capabilities.push(c);
      if (order[k.confidence] < order[f.confidence]) f.confidence = k.confidence;
      continue;
    }
    byApp.set(key, { id: 'screen.portal-permission', capabilities: [...k.caps], confidence: k.confidence, subject: { kind: 'setting', ...(r.file ? { file: r.file } : {}), key: r.key, value: r.name! }, evidence: [ev] });
  }
  return [...byApp.values()];
}

export const portalPermission: Detector = {
  id: 'screen.portal-permission',
  platforms: ['linux'],
  capabilities: ['screen-recording', 'live-screen-view', 'remote-control'],
  sources: [
    'https://flatpak.github.io/xdg-desktop-portal/docs/doc-org.freedesktop.portal.ScreenCast.html',
    'https://github.com/flatpak/xdg-desktop-portal/blob/main/src/screen-cast.c',
    'https://docs.flatpak.org/en/latest/flatpak-command-reference.html#flatpak-permissions',
    'https://gitlab.gnome.org/GNOME/gvdb/-/blob/main/gvdb/gvdb-format.h',
  ],
  detect: detectPortalPermissions,
};
