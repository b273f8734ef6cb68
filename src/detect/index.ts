import type { Finding } from '../match/types.js';
import { aiUsageExport } from './ai-usage-export/index.js';
import { forcedExtension } from './browser-forced-extension/index.js';
import { browserProxy } from './browser-proxy/index.js';
import { reportingConnector } from './browser-reporting-connector/index.js';
import { urlLogging } from './browser-url-logging/index.js';
import { deviceManaged } from './device-managed/index.js';
import type { Snapshot } from '../snapshot/schema.js';
import { deviceReader } from './input-device-reader/index.js';
import { inputGroupAccess } from './input-group-access/index.js';
import { x11Listener } from './input-x11-listener/index.js';
import { virtualDevice } from './input-virtual-device/index.js';
import type { BehaviourId } from './messages.js';
import { endpointSecurityExtension } from './macos-endpoint-security-extension/index.js';
import { eventTap } from './macos-event-tap/index.js';
import { mdmGranted } from './macos-mdm-granted/index.js';
import { networkFilter } from './macos-network-filter/index.js';
import { privacyGrant } from './macos-privacy-grant/index.js';
import { ldPreloadEnv } from './preload-ld-preload-env/index.js';
import { ldSoPreload } from './preload-ld-so-preload/index.js';
import { remoteListening } from './remote-vnc-listening/index.js';
import { screenCaptureProcess } from './screen-capture-process/index.js';
import { pipewireStream } from './screen-pipewire-stream/index.js';
import { portalPermission } from './screen-portal-permission/index.js';
import { tlog } from './session-tlog/index.js';
import { ttyAudit } from './session-tty-audit/index.js';
import { extraRootCa } from './tls-extra-root-ca/index.js';
import { appInitDlls } from './windows-appinit-dlls/index.js';
import { cameraMicUse } from './windows-camera-mic-use/index.js';
import { hiddenProgramService } from './windows-hidden-program-service/index.js';
import { inputFilterDriver } from './windows-input-filter-driver/index.js';
import { osNameImpersonation } from './windows-os-name-impersonation/index.js';
import { rdpShadow } from './windows-rdp-shadow-no-consent/index.js';
import { recallEnabled } from './windows-recall-enabled/index.js';
import { wmiSubscription } from './windows-wmi-subscription/index.js';
import type { BehaviourFinding, Detector } from './types.js';

export type { BehaviourFinding, Detector } from './types.js';

/** Every behaviour detector; each runs on snapshots of its platforms. */
export const DETECTORS: readonly Detector[] = [
  deviceReader, virtualDevice, inputGroupAccess, x11Listener, screenCaptureProcess, pipewireStream, portalPermission, remoteListening,
  ttyAudit, tlog, ldSoPreload, ldPreloadEnv,
  forcedExtension, reportingConnector, browserProxy, urlLogging, extraRootCa, deviceManaged, aiUsageExport,
  eventTap, privacyGrant, mdmGranted, endpointSecurityExtension, networkFilter,
  osNameImpersonation, inputFilterDriver, appInitDlls, wmiSubscription, hiddenProgramService, cameraMicUse, recallEnabled, rdpShadow,
];

export function detectorFor(id: string): Detector | undefined {
  return DETECTORS.find((d) => d.id === id);
}

/** Runs every detector of the snapshot's platform; a detector that throws is a bug, not a finding. */
export function detectBehaviours(s: Snapshot, detectors: readonly Detector[] = DETECTORS): BehaviourFinding[] {
  const order: Record<string, number> = { high: 0, medium: 1, low: 2 };
  return detectors
    .filter((d) => d.platforms.includes(s.host.platform))
    .flatMap((d) => d.detect(s))
    // ids are [a-z0-9.-], where code-unit order is localeCompare's (a test holds it) without ICU's 10-40 ms start
    .sort((a, b) => order[a.confidence] - order[b.confidence] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export interface ExplainedBehaviour {
  behaviour: BehaviourFinding;
  /** The product rule whose finding already accounts for the same program or row. */
  rule: string;
}

/** Splits behaviours into those a product finding explains (same pid, row or path as its evidence) and the rest. */
export function attachBehaviours(s: Snapshot, findings: readonly Finding[], behaviours: readonly BehaviourFinding[]): { unexplained: BehaviourFinding[]; explained: ExplainedBehaviour[] } {
  const ci = s.host.platform === 'windows';
  const norm = (v: string) => (ci ? v.toLowerCase() : v);
  const rows = new Map<string, string>();
  const pids = new Map<number, string>();
  const items = new Map<string, string>();
  for (const f of findings) {
    if (f.rule.category === 'suspicious') continue;
    for (const e of f.evidence) {
      rows.set(`${e.table}\0${e.row}`, f.rule.id);
      items.set(norm(e.item), f.rule.id);
      if (e.table === 'processes') {
        const pid = s.processes?.[e.row]?.pid;
        if (pid !== undefined && !pids.has(pid)) pids.set(pid, f.rule.id);
      }
    }
  }
  const unexplained: BehaviourFinding[] = [];
  const explained: ExplainedBehaviour[] = [];
  for (const b of behaviours) {
    let rule: string | undefined;
    if (b.subject.kind === 'process') {
      if (b.subject.pid !== undefined) rule = pids.get(b.subject.pid);
      if (!rule && b.subject.path) rule = items.get(norm(b.subject.path));
    }
    for (const e of b.evidence) rule ??= rows.get(`${e.table}\0${e.row}`);
    if (rule) explained.push({ behaviour: b, rule });
    else unexplained.push(b);
  }
  return { unexplained, explained };
}

export function isBehaviourId(id: string): id is BehaviourId {
  return DETECTORS.some((d) => d.id === id);
}
