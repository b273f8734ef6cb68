import type { Snapshot } from '../../snapshot/schema.js';
import { said } from '../lib.js';
import { WHAT } from '../messages.js';
import type { BehaviourFinding, Detector } from '../types.js';

const norm = (p: string) => p.toLowerCase().replace(/\//g, '\\').replace(/^"|"$/g, '').replace(/\\+$/, '');

/** Uninstall entries hidden with SystemComponent=1 whose install folder holds a service's program. */
export function detectHiddenServices(s: Snapshot): BehaviourFinding[] {
  const services = (s.services ?? []).map((svc, row) => ({ svc, row, path: svc.path ? norm(svc.path) : undefined }));
  const out: BehaviourFinding[] = [];
  (s.packages ?? []).forEach((p, prow) => {
    if (!p.hidden || !p.install_location) return;
    const dir = norm(p.install_location);
    // a whole system folder as install location says nothing about who owns the service
    if (dir.length < 4 || /^[a-z]:\\(windows|program files( \(x86\))?|programdata)$/.test(dir) || /\\windows\\system32$/.test(dir)) return;
    const hits = services.filter((x) => x.path && x.path.startsWith(`${dir}\\`));
    if (!hits.length) return;
    out.push({
      id: 'windows.hidden-program-service',
      capabilities: [],
      confidence: 'medium',
      subject: { kind: 'setting', key: 'SystemComponent=1', value: `${p.name}${p.publisher ? ` (${p.publisher})` : ''}` },
      evidence: [
        { table: 'packages', row: prow, ...said('detect.hidden-program', { name: p.name, folder: p.install_location }), what: WHAT.program },
        ...hits.map((h) => ({ table: 'services' as const, row: h.row, ...said('detect.service', { name: h.svc.name, path: `${h.svc.path}` }), what: WHAT.service })),
      ],
    });
  });
  return out;
}

export const hiddenProgramService: Detector = {
  id: 'windows.hidden-program-service',
  platforms: ['windows'],
  capabilities: [],
  sources: ['https://docs.revenera.com/installshield/LangRef/ADDREMOVE_SYSTEMCOMPONENT.htm', 'https://learn.microsoft.com/en-us/windows/win32/msi/arpsystemcomponent'],
  detect: detectHiddenServices,
};
