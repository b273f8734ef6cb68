import type { CoverageRow, PackageRow, PermissionRow } from '../../snapshot/schema.js';
import type { Collector } from '../types.js';
import { isDict, parsePlist, str, type PlistDict, type PlistValue } from './plist.js';
import { TCC_SERVICES } from './tcc.js';
import { AnswerBuilder, unrecognised, type Answer } from '../shared/answer.js';
import { answerFailure, coverage, inner, defaultFs, errorMessage, execFailure, isDenied, isMissing, type MacFs } from './util.js';
import { joinReasons, maybeReasons, reason, reasonsOf, why, type Reason } from '../shared/reason.js';

const SOURCE = 'macos/profiles';
const PROFILES = '/usr/bin/profiles';
const TIMEOUT_MS = 20_000;
export const MANAGED_PPPC_PLIST = '/Library/Managed Preferences/com.apple.TCC.configuration-profile-policy.plist';
export const MDM_OVERRIDES_PLIST = '/Library/Application Support/com.apple.TCC/MDMOverrides.plist';
const PPPC_PAYLOAD = 'com.apple.TCC.configuration-profile-policy';

/** PPPC payload service keys -> readable ids (same ids as TCC.db rows). */
export const PPPC_SERVICES: Readonly<Record<string, string>> = {
  ScreenCapture: 'screen-capture',
  ListenEvent: 'input-monitoring',
  Accessibility: 'accessibility',
  PostEvent: 'post-event',
  Camera: 'camera',
  Microphone: 'microphone',
  SystemPolicyAllFiles: 'full-disk-access',
  // automation: the receiving app is named by AEReceiverIdentifier
  AppleEvents: 'automation',
};

export interface EnrollmentStatus {
  enrolled?: boolean;
  dep?: boolean;
  userApproved?: boolean;
  server?: string;
}

/** Parses `profiles status -type enrollment` (10.13.4+ "Enrolled via DEP / MDM enrollment / MDM server" lines, and the older one-line wording). */
export function parseEnrollmentStatus(raw: string): EnrollmentStatus {
  const s: EnrollmentStatus = {};
  for (const line of raw.split(/\r?\n/).map((l) => l.trim())) {
    let m: RegExpExecArray | null;
    if ((m = /^Enrolled via DEP:\s*(Yes|No)\b/i.exec(line))) s.dep = m[1].toLowerCase() === 'yes';
    else if ((m = /^MDM enrollment:\s*(Yes|No)\b(.*)$/i.exec(line))) {
      s.enrolled = m[1].toLowerCase() === 'yes';
      if (s.enrolled) s.userApproved = /user approved/i.test(m[2]);
    } else if ((m = /^MDM server:\s*(\S+)/i.exec(line))) s.server = m[1];
    else if (/^An enrollment profile is currently installed/i.test(line)) s.enrolled = true;
    else if (/^There is no enrollment profile installed/i.test(line)) s.enrolled = false;
  }
  return s;
}

/** Reads `profiles status -type enrollment`: every line must be one of the known ones, and at least one must be there. */
export function readEnrollmentStatus(raw: string): { status: EnrollmentStatus; answer: Answer<string> } {
  const a = new AnswerBuilder<string>();
  for (const line of raw.split(/\r?\n/)) {
    if (!line.trim()) continue;
    if (/^\s*(Enrolled via DEP:\s*(Yes|No)\b|MDM enrollment:\s*(Yes|No)\b|MDM server:\s*\S|An enrollment profile is currently installed|There is no enrollment profile installed)/i.test(line)) a.row(line);
    else a.reject(line);
  }
  return { status: parseEnrollmentStatus(raw), answer: a.done(a.rows.length || a.bad ? undefined : 'no output') };
}

/** The `packages` row that records MDM enrolment, or undefined when the Mac is not enrolled. */
export function enrollmentPackage(s: EnrollmentStatus): PackageRow | undefined {
  if (!s.enrolled && !s.dep) return undefined;
  const row: PackageRow = { name: 'MDM enrollment', source: 'mdm-enrollment', enrolled: s.enrolled === true };
  if (s.dep !== undefined) row.dep = s.dep;
  if (s.userApproved !== undefined) row.user_approved = s.userApproved;
  if (s.server) {
    row.server = s.server;
    try {
      row.server_host = new URL(s.server).hostname;
    } catch {
      // Not a URL: keep the raw value only.
    }
  }
  return row;
}

function teamIdOf(codeRequirement: string | undefined): string | undefined {
  return codeRequirement ? /subject\.OU\]?\s*=\s*"?([A-Z0-9]{10})\b/.exec(codeRequirement)?.[1] : undefined;
}

function isGranted(entry: PlistDict): { granted: boolean; authorization?: string } {
  const auth = str(entry.Authorization);
  if (auth) return { granted: auth === 'Allow', authorization: auth };
  const a = entry.Allowed;
  return { granted: a === true || a === 1 || a === '1' || a === 'true' };
}

function pppcRow(service: string, client: string, entry: PlistDict, origin: string, profile?: string): PermissionRow {
  const row: PermissionRow = { service, client, ...isGranted(entry), source: 'pppc-profile', origin };
  const type = str(entry.IdentifierType);
  if (type) row.client_type = type === 'bundleID' ? 'bundle-id' : type;
  const team = teamIdOf(str(entry.CodeRequirement));
  if (team) row.team_id = team;
  const target = str(entry.AEReceiverIdentifier);
  if (target) row.target = target;
  if (profile) row.profile = profile;
  return row;
}

/**
 * Finds Privacy Preferences Policy Control grants anywhere in a plist: PPPC payloads (`Services` → service → [{Identifier,
 * Allowed|Authorization}]) in a .mobileconfig, `profiles show` output or a managed-preferences file, and the
 * MDMOverrides.plist layout (identifier → kTCCService… → {Allowed|Authorization}).
 */
export function pppcPermissions(value: PlistValue, origin: string): PermissionRow[] {
  const out: PermissionRow[] = [];
  const walk = (v: PlistValue, profile: string | undefined, depth: number): void => {
    if (depth > 32) return;
    if (Array.isArray(v)) {
      for (const x of v) walk(x, profile, depth + 1);
      return;
    }
    if (!isDict(v)) return;
    const name = str(v.ProfileDisplayName) ?? (v.PayloadType === 'Configuration' ? str(v.PayloadDisplayName) : undefined);
    const here = name ?? profile;
    for (const [key, child] of Object.entries(v)) {
      if (key === 'Services' && isDict(child)) {
        for (const [svcKey, entries] of Object.entries(child)) {
          const service = PPPC_SERVICES[svcKey];
          if (!service || !Array.isArray(entries)) continue;
          for (const e of entries) {
            const id = isDict(e) ? str(e.Identifier) : undefined;
            if (isDict(e) && id) out.push(pppcRow(service, id, e, origin, here));
          }
        }
      } else if (isDict(child) && Object.keys(child).some((k) => k.startsWith('kTCCService'))) {
        // MDMOverrides.plist: the key is the client, its children are TCC services.
        for (const [svcKey, entry] of Object.entries(child)) {
          const service = TCC_SERVICES[svcKey];
          if (service && isDict(entry)) out.push(pppcRow(service, key, entry, origin, here));
        }
      } else {
        walk(child, here, depth + 1);
      }
    }
  };
  walk(value, undefined, 0);
  return out;
}

/** One profile dictionary of `profiles show` as a `packages` row (source 'profile'); undefined when it has no name. */
function profileRow(scopeKey: string, p: PlistValue): PackageRow | undefined {
  if (!isDict(p)) return undefined;
  const identifier = str(p.ProfileIdentifier);
  const name = str(p.ProfileDisplayName) ?? identifier;
  if (!name) return undefined;
  const row: PackageRow = { name, source: 'profile' };
  const org = str(p.ProfileOrganization);
  if (org) row.publisher = org;
  if (identifier) row.identifier = identifier;
  const uuid = str(p.ProfileUUID);
  if (uuid) row.uuid = uuid;
  row.scope = scopeKey === '_computerlevel' ? 'computer' : 'user';
  if (scopeKey !== '_computerlevel') row.user = scopeKey;
  const installed = str(p.ProfileInstallDate);
  if (installed) row.install_date = installed;
  const verification = str(p.ProfileVerificationState);
  if (verification) row.verification = verification;
  if (p.ProfileRemovalDisallowed === true || p.ProfileRemovalDisallowed === 'TRUE') row.removal_disallowed = true;
  const items = Array.isArray(p.ProfileItems) ? p.ProfileItems.filter(isDict) : [];
  const types = [...new Set(items.map((i) => str(i.PayloadType)).filter((x): x is string => !!x))];
  if (types.length) row.payload_types = types;
  if (types.includes(PPPC_PAYLOAD)) row.pppc = true;
  return row;
}

/** Parses `profiles show -output stdout-xml` into `packages` rows (source 'profile') and PPPC permission rows. */
export function parseProfilesShow(raw: string): { packages: PackageRow[]; permissions: PermissionRow[] } {
  const t = raw.trim();
  // With nothing installed the tool prints a sentence instead of a plist.
  if (!t.startsWith('<')) return { packages: [], permissions: [] };
  const root = parsePlist(t);
  const packages: PackageRow[] = [];
  if (!isDict(root)) return { packages, permissions: [] };
  for (const [scopeKey, list] of Object.entries(root)) {
    if (!Array.isArray(list)) continue;
    for (const p of list) {
      const row = profileRow(scopeKey, p);
      if (row) packages.push(row);
    }
  }
  return { packages, permissions: pppcPermissions(root, 'profiles') };
}

// What `profiles` prints instead of a list when there is none (sudo: "… in the system domain"; a user: "… for user 'x'")
const NO_PROFILES = /^There are no configuration profiles installed(?: in the (?:system|user) domain| for user '[^'\r\n]*'| on this system)?\.?$/;

/**
 * Reads `profiles show -output stdout-xml`: a plist whose keys (`_computerlevel`, user names) hold arrays of profile
 * dictionaries, or the tool's "There are no configuration profiles installed …" sentence. Anything else, or nothing at
 * all, is not an answer.
 */
export function readProfilesShow(stdout: string, stderr = ''): { answer: Answer<PackageRow>; permissions: PermissionRow[] } {
  const t = stdout.trim();
  if (!t.startsWith('<')) {
    const lines = `${stdout}\n${stderr}`.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    if (lines.length && lines.every((l) => NO_PROFILES.test(l))) return { answer: { rows: [], bad: 0, total: 0 }, permissions: [] };
    return { answer: unrecognised(lines.length ? 'neither a plist nor "There are no configuration profiles installed"' : 'no output', lines.join('\n')), permissions: [] };
  }
  let root: PlistValue;
  try {
    root = parsePlist(t);
  } catch (e) {
    return { answer: unrecognised(`not a readable plist (${errorMessage(e)})`, t), permissions: [] };
  }
  if (!isDict(root)) return { answer: unrecognised('the plist is not a dictionary of profile lists', t), permissions: [] };
  const a = new AnswerBuilder<PackageRow>();
  for (const [scopeKey, list] of Object.entries(root)) {
    if (!Array.isArray(list)) {
      a.reject(scopeKey);
      continue;
    }
    for (const p of list) {
      const row = profileRow(scopeKey, p);
      if (row) a.row(row);
      else a.reject(`${scopeKey}: ${isDict(p) ? 'a profile without a name' : 'not a profile dictionary'}`);
    }
  }
  return { answer: a.done(), permissions: pppcPermissions(root, 'profiles') };
}

function dedupe(rows: PermissionRow[]): PermissionRow[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const k = `${r.service}\0${r.client}\0${r.granted}\0${String(r.authorization ?? '')}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function createProfilesCollector(deps: { fs?: MacFs } = {}): Collector {
  const fs = deps.fs ?? defaultFs;
  return {
    id: SOURCE,
    tables: ['packages', 'permissions'],
    async collect(ctx) {
      const cov: CoverageRow[] = [];
      const packages: PackageRow[] = [];
      const permissions: PermissionRow[] = [];
      const notes: Reason[] = [];

      const [status, show] = await Promise.all([
        ctx.exec(PROFILES, ['status', '-type', 'enrollment'], { timeoutMs: TIMEOUT_MS }),
        ctx.exec(PROFILES, ['show', '-output', 'stdout-xml'], { timeoutMs: TIMEOUT_MS, maxBuffer: 32 * 1024 * 1024 }),
      ]);
      const enrollment = readEnrollmentStatus(status.stdout);
      const statusBad = answerFailure(SOURCE, 'packages', 'profiles status', enrollment.answer);
      const statusFail = execFailure(SOURCE, 'packages', 'profiles', status) ?? (statusBad?.status === 'error' ? statusBad : undefined);
      if (statusFail) notes.push(why('profiles-enrollment-unknown'), ...reasonsOf(statusFail));
      else {
        if (statusBad) notes.push(why('profiles-enrollment-some-unread'), ...reasonsOf(statusBad));
        const row = enrollmentPackage(enrollment.status);
        if (row) packages.push(row);
      }

      let showRead = false;
      let showFail = execFailure(SOURCE, 'packages', 'profiles', show);
      if (showFail) notes.push(why('profiles-installed-unknown'), ...reasonsOf(showFail));
      else {
        const parsed = readProfilesShow(show.stdout, show.stderr);
        const bad = answerFailure(SOURCE, 'packages', 'profiles show', parsed.answer);
        if (bad?.status === 'error') {
          showFail = bad;
          notes.push(why('profiles-installed-unknown'), ...reasonsOf(bad));
        } else {
          if (bad) notes.push(why('profiles-installed-some-unread'), ...reasonsOf(bad));
          packages.push(...parsed.answer.rows);
          permissions.push(...parsed.permissions);
          showRead = true;
        }
      }
      if (showRead && !ctx.elevated) {
        // `profiles show` lists device-wide profiles only for root.
        notes.push(why('profiles-need-sudo'));
      }

      const fileNotes: Reason[] = [];
      for (const [file, origin] of [
        [MANAGED_PPPC_PLIST, 'managed-preferences'],
        [MDM_OVERRIDES_PLIST, 'mdm-overrides'],
      ] as const) {
        try {
          permissions.push(...pppcPermissions(parsePlist(await fs.readFile(file)), origin));
        } catch (e) {
          if (isMissing(e)) continue;
          // MDMOverrides.plist sits in the TCC folder, which needs Full Disk Access.
          fileNotes.push(isDenied(e) ? why('profiles-file-needs-fda', { path: file }) : why('profiles-file-unread', { path: file, detail: errorMessage(e) }));
        }
      }

      cov.push(
        notes.length
          ? coverage(SOURCE, 'packages', statusFail && showFail ? (showFail.status === 'unavailable' ? 'unavailable' : 'error') : 'partial', joinReasons(notes as [Reason, ...Reason[]]))
          : coverage(SOURCE, 'packages', 'ok'),
      );
      const permNotes: Reason[] = [...(showRead ? [] : [why('profiles-unlisted')]), ...(showRead && !ctx.elevated ? [why('profiles-pppc-need-sudo')] : []), ...fileNotes];
      cov.push(permNotes.length ? coverage(SOURCE, 'permissions', 'partial', joinReasons(permNotes as [Reason, ...Reason[]])) : coverage(SOURCE, 'permissions', 'ok'));
      return { tables: { packages, permissions: dedupe(permissions) }, coverage: cov };
    },
  };
}

export const profilesCollector = createProfilesCollector();
