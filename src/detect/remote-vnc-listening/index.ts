import type { Snapshot } from '../../snapshot/schema.js';
import { processesByPid, processEvidence, processSubject, said } from '../lib.js';
import { WHAT } from '../messages.js';
import type { BehaviourFinding, Detector } from '../types.js';

// Remote-desktop servers; a listening socket of theirs on any port counts, other programs only on the protocols' ports.
const SERVERS = new Set(['x11vnc', 'Xvnc', 'Xtigervnc', 'vncserver', 'x0vncserver', 'vino-server', 'gnome-remote-desktop-daemon', 'krfb', 'wayvnc', 'xrdp', 'xrdp-sesman', 'tightvncserver', 'Xtightvnc', 'winvnc.exe', 'tvnserver.exe', 'vncserver.exe']);
const isRemotePort = (port: number) => (port >= 5900 && port <= 5999) || port === 3389;

export function detectRemoteListening(s: Snapshot): BehaviourFinding[] {
  const procs = processesByPid(s);
  const byPid = new Map<number, BehaviourFinding>();
  (s.network ?? []).forEach((n, row) => {
    if (n.state !== 'listen' || n.local_port === undefined || n.pid === undefined) return;
    const p = procs.get(n.pid);
    if (!isRemotePort(n.local_port) && !(p && SERVERS.has(p.p.name))) return;
    let f = byPid.get(n.pid);
    if (!f) {
      f = { id: 'remote.vnc-listening', capabilities: ['live-screen-view', 'remote-control'], confidence: 'medium', subject: processSubject(p?.p, n.pid), evidence: p ? [processEvidence(p)] : [] };
      byPid.set(n.pid, f);
    }
    // only loopback: reachable from this computer alone (e.g. through an SSH tunnel)
    const local = /^(127\.|::1$)/.test(n.local_address ?? '');
    if (!local) f.confidence = 'high';
    f.evidence.push({ table: 'network', row, ...said('detect.listening', { address: n.local_address ?? '*', port: n.local_port }), what: WHAT.listening });
  });
  return [...byPid.values()];
}

export const remoteListening: Detector = {
  id: 'remote.vnc-listening',
  platforms: ['linux'],
  capabilities: ['live-screen-view', 'remote-control'],
  sources: ['https://datatracker.ietf.org/doc/html/rfc6143#section-1', 'https://www.kernel.org/doc/html/latest/networking/proc_net_tcp.html', 'https://manpages.debian.org/bookworm/x11vnc/x11vnc.1.en.html'],
  detect: detectRemoteListening,
};
