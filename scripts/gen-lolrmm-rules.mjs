#!/usr/bin/env node
// Generates rules/rmm/<id>.yaml from the LOLRMM catalogue (https://github.com/magicsword-io/LOLRMM, Apache-2.0).
//
//   node scripts/gen-lolrmm-rules.mjs [CATALOGUE_DIR] [--check] [--verbose]
//
// CATALOGUE_DIR is a LOLRMM checkout (or its yaml/ folder); default ../shared/data/lolrmm relative to the repo root.
// Only facts are taken from the catalogue (file names, folders, registry keys, service names, host names, capability
// labels, dates, reference links); every sentence in the output is composed here. The catalogue itself is never
// copied into the repository. Same input -> byte-identical output; files in rules/rmm/ that this script wrote
// earlier but no longer produces are deleted. --check writes nothing and exits 1 if rules/rmm/ is out of date.
// --verbose lists every dropped indicator with its reason.
//
// Precision guards (see docs/rules.md "Generated remote-management rules") drop indicators that could accuse the
// wrong product: common or OS process names, installers, globs the matcher cannot anchor, paths without a
// product-specific folder or file name, shared-infrastructure domains, and indicators that another catalogue
// entry for an unrelated product also lists.

import { existsSync, mkdirSync, readFileSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
// needs `npm run build` (npm install runs it)
import { runCase } from '../dist/rules/cases.js';
import { INCLUDE_ENTRIES, MERGES, REMOVE, SUPPLEMENTS } from './lolrmm-supplements.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SCRIPT = 'scripts/gen-lolrmm-rules.mjs';
const OUT_DIR = join(REPO, 'rules', 'rmm');
const HAND_DIR = join(REPO, 'rules');
const ENTRY_BASE = 'https://github.com/magicsword-io/LOLRMM/blob/main/yaml/';
const REPO_URL = 'https://github.com/magicsword-io/LOLRMM';

// ---------------------------------------------------------------------------------------------------------------
// Tables maintained by hand (small, reviewed). Keys are LOLRMM `Name` values unless noted.

/** LOLRMM names whose product is covered by a hand-written rule under a different name (ids in rules/*.yaml). */
const HAND_WRITTEN_MAP = {
  'ConnectWise Control': ['connectwise-screenconnect', 'screenconnect', 'connectwise-control'],
  ScreenConnect: ['connectwise-screenconnect', 'screenconnect', 'connectwise-control'],
  'Net Monitor for Employees': ['net-monitor-for-employees'],
  'NinjaOne (formerly NinjaRMM)': ['ninjaone', 'ninjarmm'],
  NinjaRMM: ['ninjaone', 'ninjarmm'],
  'Kaseya (VSA)': ['kaseya-vsa'],
  'GoToAssist (GoTo Resolve)': ['goto-resolve'],
};

/** Company for names that carry it in parentheses (the catalogue has no vendor field). */
const VENDOR_FROM_NAME = {
  '247ithelp.com (ConnectWise)': 'ConnectWise',
  'ITSupport247 (ConnectWise)': 'ConnectWise',
  'Electric AI (Kaseya)': 'Kaseya',
  'LabTech RMM (Now ConnectWise Automate)': 'ConnectWise',
  'LabTeach (Connectwise Automate)': 'ConnectWise',
};

/** Catalogue values that are evidently mistakes; dropped and counted as "catalogue errata". */
const ERRATA = new Map([
  ['downloads.io', 'unrelated domain listed for Level (its downloads live under level.io)'],
  ['checkip.zmazonaws.com', 'misspelling of an Amazon Web Services host'],
  ['g2mupdate.com', 'host name listed as an installation path'],
]);

/**
 * File names that are too generic, or belong to third-party tools bundled by many products, to name one product
 * without a product folder. Extends COMMON_NAMES in src/rules/vocabulary.ts (which is read, not copied, below).
 */
const GENERIC_FILE_NAMES = new Set(
  [
    'client32.exe', 'dashboard-windows-amd64.exe', 'qqpcmgr.exe', 'ninite.exe', 'accessserver.exe', 'sciter.dll',
    'coreagentservice.exe', 'otservice.exe', 'rmm.agent.exe', 'rmmservice.exe', 'itsmservice.exe', 'arcui.exe',
    'plink.exe', 'putty.exe', 'perl.exe', 'wperl.exe', '7z.exe', 'tar.exe', 'nssm.exe', 'osqueryi.exe', 'connect.exe',
    'autoupdate.exe', 'upload.exe', 'recycler.exe', 'closeapp.exe', 'appcore.exe', 'rdp.exe', 'era.exe', 'wmc.exe',
    'vhost.exe', 'winagent.exe', 'agentu.exe', 'remote desktop.exe', 'remote access.exe', 'online backup.exe',
    'tsclient.exe', 'supporttool.exe', 'remoteconsole.exe', 'windowslauncher.exe', 'amon.exe', 'agent32.exe',
    'agent64.exe', 'notificationhelper.exe', 'studentsvc.exe', 'privacyhelper.exe', 'pcstarter.exe', 'manuallauncher.exe',
    'raccess.exe', 'rdesktop.exe', 'rhost.exe', 'rviewer.exe', 'goto.exe', 'level.exe', 'bma.exe', 'iit.exe',
    'intouch.exe', 'selfupdater.exe', 'pidupdater.exe', 'cpuchk.exe', 'prep64.exe', 'regapps.exe', 'httpget.exe',
    'httppush.exe', 'iprangecalculator.exe', 'uninstallstatusupdater.exe', 'fsscheduler.exe', 'iadmin.exe', 'qq.exe',
    'dephlp.exe', 'rcclient.exe', 'avcore.exe', 'screancap.exe', 'rcservice.exe', 'teamtaskmanager.exe', 'mgntsvc.exe',
    'routernt.exe', 'spsrv.exe', 'wisshell.exe', 'rdconsole.exe', 'serverproxyservice.exe', 'serviceproxylocalsys.exe',
    'winvncstub.exe', 'cbb.exe', 'sysdiag.exe', 'tpowershell.exe', 'softmon.exe', 'tmcsvc.exe', 'winchk32.exe',
    'monitoringagent.exe', 'meagenthelper.exe', 'otpowershell.exe',
    // names that other software also uses, or that are plain words: alone they cannot name one remote tool
    'iperius.exe', 'laplink.exe', 'remoteview.exe', 'netviewer.exe',
  ].map((s) => s.toLowerCase()),
);

/** Windows service names that belong to third-party components bundled by many products, or are generic. */
const GENERIC_SERVICE_NAMES = new Set(['winring0_1_2_0', 'eventlog', 'rcservice', 'level', 'windows update service']);

/** Catalogue entries not turned into rules, with the reason (reported in the summary). */
const SKIP_ENTRIES = {
  'qq_im-remote_assistance.yaml':
    'the only program named is QQProtect.exe, the protection service of the QQ messenger itself: every QQ user would be flagged',
  'nvda.yaml':
    'NVDA is a screen reader for blind and low-vision users; the catalogue lists it for an optional remote-access add-on that these indicators cannot tell apart from the screen reader itself',
};

/** Per entry: program names the catalogue lists that belong to a different product of the same vendor. */
const OTHER_PRODUCT_NAMES = {
  'gotomypc.yaml': [/^g2m(?!ainh)/i, 'GoToMeeting program, not GoToMyPC'],
  'gotoassist.yaml': [/^g2m(?!ainh)/i, 'GoToMeeting program, not GoToAssist'],
  'zohoassist.yaml': [/^zohomeeting\.exe$/i, 'Zoho Meeting program, not Zoho Assist'],
  // the viewers connect to other computers; they say nothing about this one being reachable
  'tightvnc.yaml': [/^(tvnviewer|tightvncviewer)/i, 'TightVNC Viewer, the client, not the server'],
  'ultra_vnc.yaml': [/^vncviewer\.exe$/i, 'UltraVNC Viewer (a name other VNC viewers share), not the server'],
};

/** Registrable domains of shared infrastructure: a DNS lookup says nothing about which product made it. */
const SHARED_DOMAINS = [
  'amazonaws.com', 'cloudfront.net', 'azurewebsites.net', 'windows.net', 'azure.com', 'azureedge.net', 'azure-api.net',
  'edgekey.net', 'edgesuite.net', 'fastly.net', 'google.com', 'googleapis.com', 'gstatic.com', 'microsoft.com',
  'live.com', 'office.com', 'github.com', 'githubusercontent.com', 'github.io', 'ghcr.io', 'herokuapp.com',
  'cloudflare.com', 'cloudflare.net', 'cloudflarestorage.com', 'pages.dev', 'workers.dev', 'softonic.com',
  'informer.com', 'stunprotocol.org', 'tailscale.com', 'pubnub.com', 'pubnubapi.com', 'archive.org', 'sourceforge.net',
  'dropbox.com', 'digicert.com', 'globalsign.com', 'letsencrypt.org',
  // chat widgets and CDNs that many websites embed, or that serve a vendor's whole product range
  'freshchat.com', 'rtschannel.com', 'freshdev.io', 'freshcloud.io', 'in-freshbots.ai', 'zohocdn.com', 'zohodl.com.cn',
  'cdn.getgo.com',
];
const SHARED_DOMAIN_RE = /(^|\.)(akamai[a-z0-9-]*\.(net|com)|ngrok[a-z0-9-]*\.[a-z]+)$/;

/**
 * Vendors with many unrelated products (or whose domains are embedded in other websites): a whole-domain wildcard
 * or the bare domain would name this remote-access product for any of them, so only specific host names are kept.
 */
const MULTI_PRODUCT_DOMAINS = [
  'zoho.com', 'zoho.eu', 'zoho.in', 'zoho.com.au', 'zoho.com.cn', 'sophos.com', 'sophosupd.com', 'sophosupd.net',
  'comodo.com', 'parallels.com', 'freshworks.com', 'myfreshworks.com', 'freshworksapi.com', 'logmein.com', 'logmein.eu', 'logmeininc.com', 'goto.com', 'getgo.com', 'connectwise.com', 'n-able.com', 'ivanti.com',
  'ivanticloud.com', 'manageengine.com', 'kaseya.com', 'kaseya.net', 'rapid7.com', 'soti.net', 'qq.com', 'taobao.com',
  'webex.com', 'acronis.com', 'barracuda.com', 'tanium.com', 'eset.com', 'solarwinds.com', 'quest.com',
  // help desks and vendors whose web apps employees use every day, or whose site serves many unrelated downloads:
  // a look-up of the whole domain is browsing, not an agent
  'freshservice.com', 'invgate.net', 'ninite.com', 'nchuser.com', 'aomeisoftware.com', 'cloudberrylab.com',
  'repairshopr.com', 'metaquest.com', 'spytech-web.com', 'nchsoftware.com', 'sysaid.com', 'zendesk.com',
  'atlassian.net', 'atlassian.com', 'servicenow.com', 'service-now.com', 'manageengine.eu', 'dropboxusercontent.com',
];

// ---------------------------------------------------------------------------------------------------------------
// Vocabulary shared with the validator: read from the TypeScript sources so the lists never drift.

function readStringSet(file, constName) {
  const text = readFileSync(join(REPO, file), 'utf8');
  const start = text.indexOf(`const ${constName} = new Set(`);
  if (start < 0) throw new Error(`${file}: ${constName} not found`);
  const end = text.indexOf('].map(', start);
  const body = text.slice(start, end);
  return new Set([...body.matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1].replace(/\\'/g, "'").toLowerCase()));
}

function readCapabilityIds() {
  const text = readFileSync(join(REPO, 'src/rules/vocabulary.ts'), 'utf8');
  const start = text.indexOf('export const CAPABILITIES = {');
  const body = text.slice(start, text.indexOf('} as const;', start));
  return [...body.matchAll(/^\s+'?([a-z][a-z-]*)'?:/gm)].map((m) => m[1]);
}

const COMMON_NAMES = readStringSet('src/rules/vocabulary.ts', 'COMMON_NAMES');
const COMMON_SEGMENTS = existsSync(join(REPO, 'src/rules/anchors.ts'))
  ? readStringSet('src/rules/anchors.ts', 'COMMON_SEGMENTS')
  : new Set();
const CAPABILITY_IDS = readCapabilityIds();

/** Same test as isCommonName() in src/rules/vocabulary.ts. */
const isCommonName = (n) => COMMON_NAMES.has(n.toLowerCase()) || n.toLowerCase().replace(/\.exe$/, '').length < 3;

/** Same as pathGlobAnchor() in src/rules/anchors.ts: the longest literal, non-common segment of 3+ characters. */
function pathGlobAnchor(glob) {
  let best;
  for (const seg of glob.split(/[\\/]+/)) {
    const s = seg.toLowerCase();
    if (!/[*?]/.test(s) && s.length >= 3 && !COMMON_SEGMENTS.has(s) && (!best || s.length > best.length)) best = s;
  }
  return best;
}
const nameGlobAnchor = (g) => (g.length >= 3 && !/[*?]/.test(g.slice(0, 3)) ? g.slice(0, 3).toLowerCase() : undefined);

/** Folder and key names every install has: a path needs at least one segment outside this list to name a product. */
const GENERIC_SEGMENTS = new Set(
  [
    'program files', 'program files (x86)', 'programdata', 'users', 'appdata', 'local', 'locallow', 'roaming', 'temp',
    'tmp', 'windows', 'system32', 'syswow64', 'config', 'systemprofile', 'serviceprofiles', 'localservice',
    'start menu', 'programs', 'startup', 'documents', 'desktop', 'downloads', 'videos', 'package cache', '.unverified',
    'logs', 'log', 'data', 'bin', 'sbin', 'lib', 'lib64', 'etc', 'opt', 'usr', 'var', 'library', 'application support',
    'applications', 'launchdaemons', 'launchagents', 'systemd', 'system', 'volumes', 'chatlogs', 'packages', 'plugins',
    'scripts', 'cache', 'caches', 'database', 'installer', 'installers', 'service', 'agent', 'client', 'server',
    'update', 'updates', 'tools', 'common files', 'public', 'crashpad', 'sentry', 'leveldb', 'local storage', 'queue',
    'winevt', 'wow6432node', 'software', 'microsoft', 'currentversion', 'uninstall', 'classes', 'shell', 'open',
    'command', 'currentcontrolset', 'controlset001', 'controlset', 'services', 'control', 'safeboot', 'network', 'hklm',
    'hkcu', 'hku', '.default', 'drivers', 'driverdatabase', 'deviceids', 'print', 'printers', 'windows nt', 'run',
    'appid', 'tracing', 'eventlog', 'application', 'clients', 'media', 'channels', 'products', 'localdumps',
    'windows error reporting', 'home', 'root', 'private', 'share', 'contents', 'macos', 'resources', 'preferences',
    '.config', '.local', 'parameters', 'conf', 'settings', 'default', 'temp files', 'download', 'files', 'c:',
  ].map((s) => s.toLowerCase()),
);

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

const arr = (x) => (x == null ? [] : Array.isArray(x) ? x : [x]);
const str = (x) => (typeof x === 'string' ? x.trim() : '');
const compact = (s) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');
const byStr = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const uniqSorted = (xs) => [...new Set(xs)].sort(byStr);
const isDate = (s) => typeof s === 'string' && /^\d{4}-\d\d-\d\d$/.test(s) && !Number.isNaN(Date.parse(s));

function kebab(name) {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['\u2019]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function entryUrl(file) {
  return ENTRY_BASE + encodeURIComponent(file).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function httpUrl(s) {
  try {
    const u = new URL(str(s));
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : undefined;
  } catch {
    return undefined;
  }
}

/** Registrable domain with a small public-suffix approximation (co.uk, com.br, eu.com ...). */
function registrable(host) {
  const labels = host.split('.');
  if (labels.length <= 2) return host;
  const tld = labels.at(-1);
  const sld = labels.at(-2);
  const privateSuffix = ['eu.com', 'us.com', 'uk.com'].includes(`${sld}.${tld}`);
  const ccSecond = tld.length === 2 && ['co', 'com', 'net', 'org', 'ac', 'gov', 'edu', 'ne', 'or', 'go'].includes(sld);
  return labels.slice(privateSuffix || ccSecond ? -3 : -2).join('.');
}
const isSuffixOnly = (host) =>
  !host.includes('.') || /^(co|com|net|org|ac|gov|edu|ne|or|go)\.[a-z]{2}$/.test(host) || ['eu.com', 'us.com', 'uk.com'].includes(host);
const underAny = (host, list) => list.some((d) => host === d || host.endsWith(`.${d}`));
const isShared = (host) => underAny(host, SHARED_DOMAINS) || SHARED_DOMAIN_RE.test(host);

/** Lower-case words of 4+ letters that identify a product or company (for ownership and vendor checks). */
const STOP_WORDS = new Set([
  'remote', 'desktop', 'control', 'access', 'support', 'software', 'systems', 'system', 'technologies', 'technology',
  'corporation', 'company', 'limited', 'group', 'international', 'network', 'networks', 'solutions', 'services',
  'service', 'manager', 'management', 'monitoring', 'agent', 'client', 'server', 'cloud', 'online', 'formerly', 'also',
  'known', 'with', 'china', 'holdings', 'security', 'information', 'connect', 'light', 'pro', 'assist', 'admin',
]);
function tokens(...texts) {
  const out = new Set();
  for (const t of texts) {
    for (const w of (t ?? '').normalize('NFKD').toLowerCase().split(/[^a-z0-9]+/)) {
      if (w.length >= 4 && !STOP_WORDS.has(w)) out.add(w);
    }
    const c = compact(t ?? '');
    if (c.length >= 4 && !STOP_WORDS.has(c)) out.add(c);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Drop accounting

const drops = new Map(); // guard -> count
const dropLog = []; // [guard, file, value]
const count = (guard) => drops.set(guard, (drops.get(guard) ?? 0) + 1);
function drop(guard, file, value) {
  count(guard);
  dropLog.push([guard, file, String(value)]);
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Paths

const ENV = {
  programfiles: 'C:\\Program Files',
  programw6432: 'C:\\Program Files',
  'programfiles(x86)': 'C:\\Program Files (x86)',
  commonprogramfiles: 'C:\\Program Files\\Common Files',
  programdata: 'C:\\ProgramData',
  allusersprofile: 'C:\\ProgramData',
  localappdata: 'C:\\Users\\*\\AppData\\Local',
  appdata: 'C:\\Users\\*\\AppData\\Roaming',
  userprofile: 'C:\\Users\\*',
  temp: 'C:\\Users\\*\\AppData\\Local\\Temp',
  tmp: 'C:\\Users\\*\\AppData\\Local\\Temp',
  systemroot: 'C:\\Windows',
  windir: 'C:\\Windows',
  systemdrive: 'C:',
  public: 'C:\\Users\\Public',
};

const INSTALLER_EXT = /\.(msi|msp|mst|pkg|dmg)$/i;
const isInstallerName = (base) => INSTALLER_EXT.test(base) || /(?<!un)(setup|install)/i.test(base);
const hasWild = (s) => /[*?]/.test(s);
const baseName = (p) => p.split(/[\\/]/).at(-1);
const stripExt = (n) => n.replace(/\.[A-Za-z0-9]{1,5}$/, '');

function distinctive(seg) {
  const s = seg.toLowerCase();
  if (hasWild(s) || s.length < 3) return false;
  if (GENERIC_SEGMENTS.has(s) || COMMON_SEGMENTS.has(s)) return false;
  if (/^[a-z]:$/.test(s)) return false;
  const stem = stripExt(s);
  return !(COMMON_NAMES.has(s) || COMMON_NAMES.has(stem) || GENERIC_SEGMENTS.has(stem) || GENERIC_FILE_NAMES.has(s) || stem.length < 3);
}
const hasDistinctive = (p) => p.split(/[\\/]+/).some(distinctive);

/**
 * Turns one catalogue path-ish string into a normalised reference:
 *   { bare: 'Name.exe' } | { platform, path, glob, folder } | undefined (dropped).
 */
function normaliseRef(raw, file) {
  let s = str(raw).replace(/^["']+|["']+$/g, '').trim();
  if (!s) return undefined;
  if (ERRATA.has(s.toLowerCase())) return drop('catalogue errata', file, `${s} (${ERRATA.get(s.toLowerCase())})`);
  if (/\[[^\]]*\]/.test(s)) return drop('regular expression, not a path', file, s);
  const unix = /^[~/]/.test(s) || (!s.includes('\\') && s.includes('/'));
  if (!unix && !s.includes('\\')) return { bare: s };

  s = s.replace(/<[^>]*>/g, '*').replace(/\{SID\}/gi, '*').replace(/\((random)\)/gi, '(*)');
  if (unix) {
    s = s.replace(/\/{2,}/g, '/');
    let folder = false;
    if (/\/\*?$/.test(s) && s.length > 1) {
      folder = true;
      s = s.replace(/\/\*?$/, '');
    }
    if (!/^[~/]/.test(s)) s = `**/${s}`;
    return { unix: true, path: s, folder };
  }

  s = s.replace(/\//g, '\\').replace(/\\{2,}/g, '\\');
  let unresolved;
  s = s.replace(/%([^%\\]+)%/g, (m, v) => {
    const e = ENV[v.toLowerCase()];
    if (!e) unresolved = m;
    return e ?? m;
  });
  if (unresolved) return drop('unresolvable environment variable', file, raw);
  s = s.replace(/^\*(ProgramData|Users|Program Files[^\\]*|Windows)\\/i, 'C:\\$1\\');
  s = s.replace(/^([a-z]):\\/, (m, d) => `${d.toUpperCase()}:\\`);
  s = s.replace(/^C:\\Users\\[^\\*]*(user|name)[^\\]*\\/i, 'C:\\Users\\*\\');
  let folder = false;
  if (/\\\*?$/.test(s)) {
    folder = true;
    s = s.replace(/\\\*?$/, '');
  }
  let segs = s.split('\\');
  if (!/^[A-Z]:$/.test(segs[0])) {
    let i = 0;
    while (i < segs.length - 1 && /^\*+$/.test(segs[i])) i++;
    segs = segs.slice(i);
    if (segs.length === 1 && !folder) return { bare: segs[0] };
    s = `**\\${segs.join('\\')}`;
  }
  return { platform: 'windows', path: s, folder };
}

// ---------------------------------------------------------------------------------------------------------------
// Per-group indicator accumulator

function newIndicators() {
  const p = () => ({ processes: new Map(), services: new Map(), paths: new Map(), registry: new Map(), launchd: new Map() });
  return { windows: p(), macos: p(), linux: p(), agent: new Map(), website: new Map() };
}

/** Windows values are case-insensitive: keep one spelling per value (the first in code-point order). */
function put(map, key, value, ci) {
  const k = ci ? key.toLowerCase() : key;
  const prev = map.get(k);
  if (!prev || byStr(JSON.stringify(value), JSON.stringify(prev)) < 0) map.set(k, value);
}

function addProcess(ind, platform, proc) {
  const ci = platform === 'windows';
  const key = proc.path ?? proc.path_glob ?? `name:${proc.name}`;
  put(ind[platform].processes, key, proc, ci);
}

function addPattern(ind, platform, kind, value, glob) {
  const v = glob ? { glob: value } : value;
  put(ind[platform][kind], (glob ? 'g:' : 's:') + value, v, platform === 'windows' || kind === 'launchd');
}

/** Platforms a unix path belongs to. */
function unixPlatforms(path, ctx, osHint) {
  if (osHint?.length) return osHint.filter((p) => p !== 'windows');
  if (/^(\/Applications|\/Library|~\/Library|\/System|\/Users)(\/|$)/.test(path)) return ['macos'];
  if (ctx.os.has('macos') && !ctx.os.has('linux')) return ['macos'];
  return ['linux'];
}

function osFromField(s) {
  const t = str(s).toLowerCase();
  const out = [];
  if (/win/.test(t)) out.push('windows');
  if (/mac|osx|darwin/.test(t)) out.push('macos');
  if (/linux/.test(t)) out.push('linux');
  return out;
}

/** A bare file name: a process name (or nothing). */
function addBareName(ind, name, ctx, osHint) {
  const n = name.trim();
  if (!n) return;
  if (hasWild(n)) return drop('name pattern (process names cannot be globs)', ctx.file, n);
  const ext = /\.([A-Za-z0-9]{1,5})$/.exec(n)?.[1]?.toLowerCase();
  if (isInstallerName(n)) return drop('installer or package file', ctx.file, n);
  if (ext && ext !== 'exe') return drop('bare file name that is not a program', ctx.file, n);
  if (isCommonName(n)) return drop('common or OS process name (COMMON_NAMES)', ctx.file, n);
  if (GENERIC_FILE_NAMES.has(n.toLowerCase())) return drop('generic or third-party process name', ctx.file, n);
  if (stripExt(n).length <= 3) return drop('process name of 3 characters or fewer', ctx.file, n);
  const other = OTHER_PRODUCT_NAMES[ctx.file];
  if (other && other[0].test(n)) return drop('program of another product', ctx.file, `${n} (${other[1]})`);
  if (ext === 'exe') {
    if (osHint?.length && !osHint.includes('windows')) return drop('program name for another platform', ctx.file, n);
    return addProcess(ind, 'windows', { name: n });
  }
  if (osHint?.length === 1 && osHint[0] === 'windows') return drop('Windows program name without .exe', ctx.file, n);
  const platforms = (osHint?.length ? osHint : [...ctx.os]).filter((p) => p !== 'windows');
  if (!platforms.length) return drop('name without extension and no macOS/Linux support listed', ctx.file, n);
  for (const p of platforms) addProcess(ind, p, { name: n });
}

/** A path from InstallationPaths, Artifacts.Disk or an EventLog ImagePath. */
function addPathRef(ind, raw, ctx, osHint, { exeOnly = false } = {}) {
  const ref = normaliseRef(raw, ctx.file);
  if (!ref) return;
  if (ref.bare !== undefined) return addBareName(ind, ref.bare, ctx, osHint);
  const segs = ref.path.split(/[\\/]/);
  if (/^(C:\\Users\\[^\\]+|~|\/Users\/[^/]+|\/home\/[^/]+)[\\/](Downloads|Desktop)([\\/]|$)/i.test(ref.path)) {
    return drop("file in a user's Downloads or Desktop folder (installer, not an agent)", ctx.file, raw);
  }
  const base = segs.at(-1);
  const installer = !ref.folder && (INSTALLER_EXT.test(base) || isInstallerName(base));
  if (installer && !segs.slice(0, -1).some(distinctive)) return drop('installer or package file', ctx.file, raw);
  const other = OTHER_PRODUCT_NAMES[ctx.file];
  if (other && other[0].test(base)) return drop('program of another product', ctx.file, `${raw} (${other[1]})`);
  const platforms = ref.unix ? unixPlatforms(ref.path, ctx, osHint) : ['windows'];
  if (ref.unix && !platforms.length) return drop('path for an unsupported platform', ctx.file, raw);
  const unit = !exeOnly && platforms.includes('linux') && /^\/(etc|lib|usr\/lib)\/systemd\/system\/([^/]+\.service)$/.exec(ref.path);
  if (unit) addService(ind, 'linux', unit[2], ctx);
  const glob = hasWild(ref.path);
  if (glob && !pathGlobAnchor(ref.path)) return drop('glob the matcher cannot anchor', ctx.file, raw);
  if (!hasDistinctive(ref.path)) return drop('path without a product-specific folder or file name', ctx.file, raw);
  // `**\RemotePC` is any folder of that name anywhere (a user's own Documents\RemotePC): not an install folder
  const anywhere = /^\*\*[\\/]([^\\/]+)$/.exec(ref.path);
  if (anywhere && !/\.exe$/i.test(anywhere[1]) && !(ref.unix && ctx.bareNames.has(anywhere[1]))) {
    return drop('folder name matched anywhere on disk (no install root)', ctx.file, raw);
  }

  for (const platform of platforms) {
    const isExe = !ref.folder && (platform === 'windows' ? /\.exe$/i.test(base) : isUnixProgram(ref.path, ctx));
    if (isExe) {
      addProcess(ind, platform, glob ? { path_glob: ref.path } : { path: ref.path });
      continue;
    }
    if (exeOnly) continue;
    addPattern(ind, platform, 'paths', ref.path, glob);
  }
}

/** Unix executables: files in bin/sbin/MacOS folders, or files the entry also names as programs. */
function isUnixProgram(path, ctx) {
  const segs = path.split('/');
  const base = segs.at(-1);
  if (/\.[A-Za-z0-9]{1,5}$/.test(base) || hasWild(base)) return false;
  return ['bin', 'sbin', 'MacOS'].includes(segs.at(-2)) || ctx.bareNames.has(base) || ctx.bareNames.has(`${base}.exe`.toLowerCase());
}

// ---------------------------------------------------------------------------------------------------------------
// Registry

const HIVE_RE = /^(HKEY_LOCAL_MACHINE|HKLM|KLM|HKEY_CURRENT_USER|HKCU|HKEY_USERS|HKU|HKEY_CLASSES_ROOT|HKCR)(?=\\|$)/i;
const HIVE_SHORT = { hkey_local_machine: 'HKLM', hklm: 'HKLM', klm: 'HKLM', hkey_current_user: 'HKCU', hkcu: 'HKCU', hkey_users: 'HKU', hku: 'HKU', hkey_classes_root: 'HKCR', hkcr: 'HKCR' };

function addRegistry(ind, raw, ctx) {
  let k = str(raw).replace(/\\{2,}/g, '\\');
  const m = HIVE_RE.exec(k);
  if (!m) return drop('registry key without a known hive', ctx.file, raw);
  k = HIVE_SHORT[m[1].toLowerCase()] + k.slice(m[1].length);
  k = k.replace(/^HKU\\(<[^>]*>|\{[^}]*\}|SID)(?=\\)/i, 'HKU\\*').replace(/<[^>]*>/g, '*');
  k = k.replace(/\\\*$/, '').replace(/\\+$/, '');
  // `ControlSet` without a number does not exist; the catalogue means the live control set
  if (/^HKLM\\SYSTEM\\ControlSet(?=\\)/i.test(k)) {
    k = k.replace(/^HKLM\\SYSTEM\\ControlSet(?=\\)/i, 'HKLM\\SYSTEM\\CurrentControlSet');
    count('key under a control set that cannot exist, moved to CurrentControlSet (kept)');
  }
  if (!hasDistinctive(k)) return drop('registry key without a product-specific name', ctx.file, raw);
  const glob = hasWild(k);
  if (glob && !pathGlobAnchor(k)) return drop('glob the matcher cannot anchor', ctx.file, raw);
  const svc = /^HKLM\\SYSTEM\\(?:CurrentControlSet|ControlSet\d*)\\Services\\([^\\]+)$/i.exec(k);
  if (svc && (isCommonName(svc[1]) || GENERIC_SERVICE_NAMES.has(svc[1].toLowerCase()))) return drop('key of a generic or OS service name', ctx.file, raw);
  addPattern(ind, 'windows', 'registry', k, glob);
  if (svc && !glob) addService(ind, 'windows', svc[1], ctx);
}

function addService(ind, platform, raw, ctx) {
  const name = str(raw);
  if (!name) return;
  if (isCommonName(name)) return drop('common or OS process name (COMMON_NAMES)', ctx.file, name);
  if (GENERIC_SERVICE_NAMES.has(name.toLowerCase())) return drop('generic or third-party service name', ctx.file, name);
  const glob = hasWild(name);
  if (glob && !nameGlobAnchor(name)) return drop('glob the matcher cannot anchor', ctx.file, name);
  addPattern(ind, platform, platform === 'macos' && /^[a-z0-9-]+(\.[a-z0-9-]+){2,}$/i.test(name) ? 'launchd' : 'services', name, glob);
}

// ---------------------------------------------------------------------------------------------------------------
// Domains

const WEBSITE_PREFIX = /^(www|docs|support|help|forum|kb|community|blog|status|trust|trust-access)\./;

function addDomain(ind, raw, ctx) {
  let h = str(raw).toLowerCase();
  if (!h) return;
  if (ERRATA.has(h)) return drop('catalogue errata', ctx.file, `${h} (${ERRATA.get(h)})`);
  const u = /^[a-z]+:\/\//.test(h) ? httpUrl(h) : undefined;
  if (u) h = u.hostname;
  h = h.replace(/:\d+$/, '').replace(/\.$/, '');
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(h) || h.includes(':')) return drop('IP address, not a host name', ctx.file, raw);
  if (!h.includes('.') || /[\s<>]/.test(h) || h === 'user_managed') return drop('placeholder, not a host name', ctx.file, raw);

  const labels = h.split('.');
  const wildIdx = labels.map((l, i) => (/[*?[\]{}()\\]/.test(l) ? i : -1)).filter((i) => i >= 0);
  if (wildIdx.length && !(wildIdx.length === 1 && labels[0] === '*')) {
    // a wildcard inside a label: widen to every subdomain of the part after it, if that part is the vendor's own
    const rest = labels.slice(Math.max(...wildIdx) + 1).join('.');
    if (!rest || isSuffixOnly(rest) || isShared(rest) || !ctx.ownsDomain(rest)) return drop('wildcard inside a domain name', ctx.file, raw);
    h = `*.${rest}`;
    count('wildcard inside a domain name, widened to the vendor domain (kept)');
  }
  const bare = h.replace(/^\*\./, '');
  if (!bare.split('.').every((l) => /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(l))) return drop('malformed host name', ctx.file, raw);
  if (isSuffixOnly(bare)) return drop('bare top-level domain or wildcard over one', ctx.file, raw);
  if (isShared(bare)) return drop('shared infrastructure domain', ctx.file, raw);
  const multi = underAny(bare, MULTI_PRODUCT_DOMAINS);
  if (multi && bare === registrable(bare)) return drop('whole domain of a multi-product vendor', ctx.file, raw);
  if (ctx.foreign(bare)) return drop('domain of another product', ctx.file, raw);
  const website = !h.startsWith('*.') && (bare === ctx.websiteHost || ((bare === registrable(bare) || WEBSITE_PREFIX.test(bare)) && ctx.ownsDomain(bare)));
  put(website ? ind.website : ind.agent, h, h, true);
}

// ---------------------------------------------------------------------------------------------------------------
// Capabilities

/** [pattern over one catalogue capability label, vocabulary ids]; first matching rows all apply. */
const CAPABILITY_MAP = [
  [/keystroke|keylog/i, ['keystrokes']],
  [/browser[- ]history|user activity monitoring/i, ['web-history']],
  [/user activity monitoring/i, ['app-usage']],
  [/screen recording|video recording|session recording/i, ['screen-recording']],
  [/screenshot|screen capture/i, ['screenshots']],
  [/\bocr\b/i, ['screen-ocr']],
  [/e-?mail \/ im/i, ['email', 'chat', 'printing']],
  [/file transfer monitoring/i, ['files']],
  [/live screen|screen monitoring|screen sharing|screen broadcasting|remote view|desktop view|multi-monitor viewing|live session viewing|part of the screen|screen management/i, ['live-screen-view']],
  [/^(?!.*view)(?=.*(remote[- ]control|remote desktop|remote access|unattended (access|remote)|remote support|rdp connection|remote management session|take control))/i, ['remote-control', 'live-screen-view']],
  [/^(?!.*monitoring)(?=.*(file transfer|file system access|file management|remote file|file access))/i, ['file-transfer']],
  [/remote (shell|command|terminal)|command (execution|prompt)|virtual terminal|webssh|terminal|arbitrary command|task and command execution|remote command/i, ['remote-shell']],
  [/software (deploy|distribution|installation)|silent software installation|patch management|windows patch|install windows updates|application install|script execution|script automation|remote scripting|automation & scripting|it automation|os deployment|custom application packaging|patch deployment|software \/ os/i, ['remote-software']],
  [/^(?!.*(snmp|esx|network inventory))(?=.*((hardware|software|asset|system|endpoint)[\w\s/-]*inventory|inventory (management|and)|asset (management|inventory|cmdb)|system information|hardware and software|software metering))/i, ['software-inventory']],
  [/mobile device management|^device management|os deployment and configuration|automated configuration/i, ['device-configuration']],
  [/audio recording|microphone/i, ['microphone']],
  [/(application|website).*blocking|blocking/i, ['content-blocking']],
];
const HIDDEN_RE = /stealth|hidden (agent )?mode|invisible mode/i;
const NAME_SAYS_REMOTE_DESKTOP = /remote[- ]?(desktop|control)|desktop[- ]?shar|screen[- ]?shar|remote[- ]?view/i;

const PLAIN = {
  'remote-control': 'take over the mouse and keyboard',
  'live-screen-view': 'watch the screen live',
  'file-transfer': 'copy files to or from the computer',
  'remote-shell': 'run commands on the computer',
  'remote-software': 'install software or run scripts',
  'software-inventory': 'list the installed hardware and software',
  'device-configuration': 'change settings and security policies',
  screenshots: 'take screenshots',
  'screen-recording': 'record the screen',
  keystrokes: 'record what is typed',
  microphone: 'record sound from the microphone',
  'content-blocking': 'block websites or programs',
  'web-history': 'see the websites visited',
  'app-usage': 'see which programs are used',
  'screen-ocr': 'read the text shown on screen',
  email: 'read email details',
  chat: 'read chat messages',
  printing: 'see what is printed',
  files: 'see what is done with files',
};
for (const ids of CAPABILITY_MAP.map((r) => r[1])) {
  for (const id of ids) if (!CAPABILITY_IDS.includes(id)) throw new Error(`capability ${id} is not in src/rules/vocabulary.ts`);
}

// ---------------------------------------------------------------------------------------------------------------
// Loading

function loadCatalogue(root) {
  const dir = existsSync(join(root, 'yaml')) ? join(root, 'yaml') : root;
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/i.test(f)).sort(byStr);
  const entries = [];
  const parseErrors = [];
  for (const file of files) {
    try {
      entries.push({ file, data: YAML.parse(readFileSync(join(dir, file), 'utf8')) ?? {} });
    } catch (e) {
      parseErrors.push([file, e.message.split('\n')[0]]);
    }
  }
  const sourcePath = [join(root, 'SOURCE'), join(dir, '..', 'SOURCE')].find(existsSync);
  const source = sourcePath ? readFileSync(sourcePath, 'utf8') : '';
  const commit = /\b[0-9a-f]{40}\b/.exec(source)?.[0] ?? 'unknown commit';
  const sourceDate = /\b(\d{4}-\d\d-\d\d)\b/.exec(source)?.[1];
  return { dir, files, entries, parseErrors, commit, sourceDate };
}

function loadHandWritten() {
  const out = [];
  for (const f of readdirSync(HAND_DIR).sort(byStr)) {
    if (!/\.ya?ml$/.test(f) || f.startsWith('_') || f.startsWith('.')) continue;
    const stem = f.replace(/\.ya?ml$/, '');
    let data = {};
    try {
      data = YAML.parse(readFileSync(join(HAND_DIR, f), 'utf8')) ?? {};
    } catch {
      // a rule being written right now may not parse yet: its file name still identifies it
    }
    const names = [stem, data.id, data.name, ...arr(data.aliases)].filter((x) => typeof x === 'string');
    out.push({ id: typeof data.id === 'string' ? data.id : stem, keys: new Set(names.map(compact).filter((c) => c.length >= 3)) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Grouping: entries for the same product (same name without the parenthesised part) become one rule.

const baseNameOf = (name) => name.replace(/\s*\([^)]*\)\s*/g, ' ').trim();
const altNameOf = (name) => /\((?:formerly|aka|also known as|now)\s+([^)]+)\)/i.exec(name)?.[1]?.trim();

function groupEntries(entries) {
  // union-find over entries: same name without the parenthesised part, or "X (formerly/aka/now Y)" and "Y"
  const parent = entries.map((_, i) => i);
  const find = (i) => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const byKey = new Map();
  const link = (key, i) => {
    if (!key) return;
    if (byKey.has(key)) parent[find(i)] = find(byKey.get(key));
    else byKey.set(key, i);
  };
  entries.forEach((e, i) => link(compact(baseNameOf(e.name)) || compact(e.name), i));
  entries.forEach((e, i) => {
    const alt = compact(altNameOf(e.name) ?? '');
    if (alt && byKey.has(alt)) parent[find(i)] = find(byKey.get(alt));
  });
  // hand-reviewed merges (scripts/lolrmm-supplements.mjs): entries the name rules above cannot see are one product
  const byFile = new Map(entries.map((e, i) => [e.file, i]));
  for (const m of MERGES) {
    const idx = m.files.filter((f) => byFile.has(f)).map((f) => byFile.get(f));
    for (const i of idx.slice(1)) parent[find(i)] = find(idx[0]);
  }
  const groups = new Map();
  entries.forEach((e, i) => {
    const r = find(i);
    if (!groups.has(r)) groups.set(r, []);
    groups.get(r).push(e);
  });
  const words = (n) => baseNameOf(n).split(/\s+/).length;
  return [...groups.values()].map((members) => {
    const sorted = [...members].sort(
      (a, b) =>
        Number(/\(/.test(a.name)) - Number(/\(/.test(b.name)) ||
        words(b.name) - words(a.name) ||
        a.name.length - b.name.length ||
        byStr(a.file, b.file),
    );
    const merge = MERGES.find((m) => members.some((x) => m.files.includes(x.file)));
    const canonical = merge ? { ...(members.find((x) => x.file === merge.files[0]) ?? sorted[0]), name: merge.name } : sorted[0];
    return { canonical, merge, members: [...members].sort((a, b) => byStr(a.file, b.file)) };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Vendor

const CORP_WORDS = /\b(inc|llc|ltd|gmbh|corp|corporation|co|limited|s\.?r\.?l|srl|sas|sa|ag|pte|pvt|private|company|bv|oy|ab)\b\.?/gi;
function vendorFor(group) {
  const name = group.canonical.name;
  const pool = new Map();
  for (const m of group.members) {
    for (const c of arr(m.data.CodeSigning?.certificates)) {
      const s = str(c?.signer_name).replace(/[\\\s]+$/, '');
      if (s && !/[\\]/.test(s)) pool.set(s, (pool.get(s) ?? 0) + 1);
    }
    for (const p of arr(m.data.Details?.PEMetadata)) {
      const s = str(p?.Company);
      if (s) pool.set(s, (pool.get(s) ?? 0) + 1);
    }
  }
  const own = tokens(...group.members.map((m) => m.name), ...group.members.map((m) => m.websiteHost?.split('.')[0] ?? ''));
  const ownCompact = group.members.map((m) => compact(m.name)).join(' ');
  const candidates = [...pool.entries()]
    .filter(([s]) => {
      const t = tokens(s.replace(CORP_WORDS, ' '));
      return [...t].some((w) => own.has(w) || ownCompact.includes(w));
    })
    .sort((a, b) => b[1] - a[1] || byStr(a[0], b[0]));
  if (candidates.length) return { vendor: candidates[0][0], from: 'code-signing certificate listed in the catalogue' };
  // one signer for every certificate, confirmed by the company name recorded for the signed file
  const certs = group.members.flatMap((m) => arr(m.data.CodeSigning?.certificates));
  const signers = uniqSorted(certs.map((c) => str(c?.signer_name).replace(/[\\\s]+$/, '')).filter(Boolean));
  if (signers.length === 1) {
    const st = tokens(signers[0].replace(CORP_WORDS, ' '));
    const agrees = certs.some((c) => [...tokens(str(c?.src_file_company).replace(CORP_WORDS, ' '))].some((w) => st.has(w)));
    if (agrees) return { vendor: signers[0], from: 'the one code-signing certificate listed, confirmed by the file company' };
  }
  for (const m of group.members) if (VENDOR_FROM_NAME[m.name]) return { vendor: VENDOR_FROM_NAME[m.name], from: 'product name' };
  return { vendor: name, from: 'product name (no vendor in the catalogue)' };
}

// ---------------------------------------------------------------------------------------------------------------
// Product identity, for telling one product's indicators from another's

/** All products known to this run: catalogue groups and hand-written rules ({ group?, names: compact names }). */
let PRODUCTS = [];

function identify(group) {
  const signers = new Set();
  for (const m of group.members) {
    for (const c of arr(m.data.CodeSigning?.certificates)) {
      const n = compact(str(c?.signer_name).replace(CORP_WORDS, ' '));
      if (n.length >= 4) signers.add(n);
    }
  }
  group.signers = signers;
  group.base = compact(baseNameOf(group.canonical.name)) || compact(group.canonical.name);
  group.names = new Set(group.members.flatMap((m) => [compact(m.name), compact(baseNameOf(m.name)), compact(altNameOf(m.name) ?? '')]).filter((n) => n.length >= 4));
}

function groupTokens(g) {
  g.tokens ??= tokens(...g.members.map((m) => m.name), g.vendor ?? '', ...g.members.map((m) => (m.websiteHost ? registrable(m.websiteHost).split('.')[0] : '')));
  return g.tokens;
}

function related(a, b) {
  if (a === b) return true;
  const ta = groupTokens(a);
  const tb = groupTokens(b);
  if ([...ta].some((w) => tb.has(w) || [...tb].some((v) => v.includes(w) || w.includes(v)))) return true;
  return [...a.signers].some((x) => b.signers.has(x));
}

function ownsDomain(group, host) {
  const reg = registrable(host);
  const label = compact(reg.split('.')[0]);
  return (
    group.members.some((x) => x.websiteHost && registrable(x.websiteHost) === reg) ||
    [...groupTokens(group)].some((w) => label.includes(w) || (label.length >= 4 && w.includes(label)))
  );
}

/** A host whose domain carries the name of another, unrelated product and not this one's. */
function foreignDomain(group, host) {
  const label = compact(registrable(host).split('.')[0]);
  if (ownsDomain(group, host)) return false;
  return PRODUCTS.some((p) => p.group !== group && !(p.group && related(p.group, group)) && [...p.names].some((n) => n.length >= 5 && label.includes(n)));
}

/** The product-specific part of a folder or key that sits right under a standard root, e.g. `HKLM\SOFTWARE\Faronics`. */
function topLevelName(value) {
  const segs = value.split(/[\\/]+/).filter((x) => x && !/^[a-z]:$/i.test(x) && x !== '**' && !/^(hklm|hkcu|hku|hkcr)$/i.test(x));
  const own = segs.filter((x) => !GENERIC_SEGMENTS.has(x.toLowerCase()) && !COMMON_SEGMENTS.has(x.toLowerCase()));
  if (own.length !== 1 || own[0] !== segs.at(-1) || hasWild(own[0])) return undefined;
  return compact(own[0].replace(CORP_WORDS, ' '));
}

/** Vendor folders and keys shared by several products (HKLM\SOFTWARE\Faronics) name none of them, except the product of that name. */
function dropVendorLevel(group, ind) {
  for (const platform of ['windows', 'macos', 'linux']) {
    const p = ind[platform];
    if (!p) continue;
    for (const kind of ['paths', 'registry']) {
      if (!p[kind]) continue;
      p[kind] = p[kind].filter((v) => {
        const token = topLevelName(typeof v === 'string' ? v : v.glob);
        if (!token || token.length < 4 || token === group.base || token.startsWith(group.base)) return true;
        const sharers = PRODUCTS.filter((x) => [...x.names].some((n) => n.includes(token)));
        if (sharers.length < 2) return true;
        drop('vendor folder or key shared by several products', group.canonical.file, typeof v === 'string' ? v : v.glob);
        return false;
      });
      if (!p[kind].length) delete p[kind];
    }
    if (!Object.keys(p).length) delete ind[platform];
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Building one rule

function collectIndicators(group) {
  const ind = newIndicators();
  for (const m of group.members) {
    const d = m.data;
    const details = d.Details ?? {};
    const art = d.Artifacts ?? {};
    const ctx = {
      file: m.file,
      os: m.os,
      websiteHost: m.websiteHost,
      bareNames: new Set(),
      ownsDomain: (host) => ownsDomain(group, host),
      foreign: (host) => foreignDomain(group, host),
    };
    // bare names first, so that unix paths ending in them count as programs
    for (const p of arr(details.PEMetadata)) for (const n of [p?.Filename, p?.OriginalFileName]) if (str(n) && !/[\\/]/.test(str(n))) ctx.bareNames.add(str(n)).add(str(n).toLowerCase());
    for (const p of arr(details.InstallationPaths)) if (str(p) && !/[\\/]/.test(str(p))) ctx.bareNames.add(str(p)).add(str(p).toLowerCase());

    for (const p of arr(details.PEMetadata)) {
      const fn = str(p?.Filename);
      const orig = str(p?.OriginalFileName);
      if (fn && orig && isInstallerName(orig) && !isInstallerName(fn)) {
        drop('installer or package file', m.file, fn);
        continue;
      }
      if (fn) addPathRef(ind, fn, ctx, ['windows']);
      if (orig && orig.toLowerCase() !== fn.toLowerCase()) {
        if (/\.exe$/i.test(orig)) addPathRef(ind, orig, ctx, ['windows']);
        else drop('original file name that is not a program', m.file, orig);
      }
    }
    for (const p of arr(details.InstallationPaths)) addPathRef(ind, p, ctx, undefined);
    for (const f of arr(art.Disk)) {
      if (!f || !str(f.File)) continue;
      if (/regex/i.test(str(f.Type))) {
        drop('regular expression, not a path', m.file, f.File);
        continue;
      }
      const os = osFromField(f.OS);
      addPathRef(ind, f.File, ctx, os.length ? os : undefined);
    }
    for (const ev of arr(art.EventLog)) {
      const image = str(ev?.ImagePath);
      if (image) {
        const q = /^"([^"]+)"/.exec(image)?.[1] ?? /^(.*?\.exe)\b/i.exec(image)?.[1];
        if (q) addPathRef(ind, q, ctx, ['windows'], { exeOnly: true });
      }
      const svc = str(ev?.ServiceName);
      if (svc) {
        if (/\s/.test(svc)) drop('service display name (the matcher compares service names)', m.file, svc);
        else addService(ind, 'windows', svc, ctx);
      }
    }
    for (const r of arr(art.Registry)) if (str(r?.Path)) addRegistry(ind, r.Path, ctx);
    for (const o of arr(art.Other)) {
      const type = str(o?.Type).toLowerCase();
      const value = str(o?.Value);
      if (!value) continue;
      if (/^(service|servicename|service name|windows service name)$/.test(type)) addService(ind, 'windows', value, ctx);
      else if (type === 'linux systemd service') addService(ind, 'linux', value, ctx);
      else if (/launchdaemon label|launchagent label/.test(type)) addPattern(ind, 'macos', 'launchd', value, hasWild(value));
      else if (type === 'url') addDomain(ind, value, ctx);
    }
    for (const n of arr(art.Network)) for (const h of arr(n?.Domains)) if (typeof h === 'string') addDomain(ind, h, ctx);
    if (m.websiteHost) addDomain(ind, m.websiteHost, { ...ctx, file: m.file });
  }
  return ind;
}

/** Exact paths/keys inside another exact path/key of the same list add nothing (folders match what is inside). */
function pruneNested(values, ci, sep) {
  const text = (v) => (typeof v === 'string' ? v : v.glob);
  const norm = (v) => (ci ? text(v).toLowerCase() : text(v));
  const all = values.map(norm);
  return values.filter((v) => {
    const n = norm(v);
    const inside = all.some((o) => o !== n && n.startsWith(o + sep));
    if (inside) count('nested in another listed folder or key (redundant)');
    return !inside;
  });
}

/** Hosts already covered by a `*.` wildcard of the same list add nothing. */
function pruneDomains(hosts) {
  const wild = hosts.filter((h) => h.startsWith('*.')).map((h) => h.slice(1));
  return hosts.filter((h) => {
    const covered = wild.some((w) => h !== `*${w}` && (h.startsWith('*.') ? h.slice(1) : `.${h}`).endsWith(w));
    if (covered) count('nested in another listed folder or key (redundant)');
    return !covered;
  });
}

const patternSort = (a, b) => byStr(typeof a === 'string' ? a : a.glob, typeof b === 'string' ? b : b.glob) || byStr(typeof a, typeof b);
const procSort = (a, b) => byStr(a.path ?? a.path_glob ?? '', b.path ?? b.path_glob ?? '') || byStr(a.name ?? '', b.name ?? '');

function finaliseIndicators(ind) {
  const out = {};
  for (const platform of ['windows', 'macos', 'linux']) {
    const p = ind[platform];
    const o = {};
    const procs = [...p.processes.values()].sort(procSort);
    if (procs.length) o.processes = procs;
    const services = [...p.services.values()].sort(patternSort);
    if (services.length) o.services = services;
    const paths = [...p.paths.values()].sort(patternSort);
    if (paths.length) o.paths = paths;
    const registry = [...p.registry.values()].sort(patternSort);
    if (registry.length) o.registry = registry;
    const launchd = [...p.launchd.values()].sort(patternSort);
    if (launchd.length) o.launchd = launchd;
    if (Object.keys(o).length) out[platform] = o;
  }
  const agent = [...ind.agent.values()].sort(byStr);
  const website = [...ind.website.values()].filter((h) => !ind.agent.has(h)).sort(byStr);
  if (agent.length) out.agent_domains = agent;
  if (website.length) out.website_domains = website;
  return out;
}

/** Last step, after the guards that look across products: drop entries that a broader entry already covers. */
function pruneIndicators(ind) {
  for (const platform of ['windows', 'macos', 'linux']) {
    const p = ind[platform];
    if (!p) continue;
    if (p.paths) p.paths = pruneNested(p.paths, platform === 'windows', platform === 'windows' ? '\\' : '/');
    if (p.registry) p.registry = pruneNested(p.registry, true, '\\');
  }
  for (const k of ['agent_domains', 'website_domains']) {
    if (ind[k]) ind[k] = pruneDomains(ind[k]);
    if (ind[k] && !ind[k].length) delete ind[k];
  }
}

// Cross-entry check: an indicator that two unrelated products list cannot name either of them.
function indicatorKeys(ind) {
  const keys = [];
  for (const platform of ['windows', 'macos', 'linux']) {
    const p = ind[platform];
    if (!p) continue;
    const ci = platform === 'windows';
    for (const proc of p.processes ?? []) keys.push([`${platform}:process:${(proc.path ?? proc.path_glob ?? proc.name)}`, ci]);
    for (const kind of ['services', 'paths', 'registry', 'launchd']) {
      for (const v of p[kind] ?? []) keys.push([`${platform}:${kind}:${typeof v === 'string' ? v : v.glob}`, ci || kind === 'registry']);
    }
  }
  for (const h of [...(ind.agent_domains ?? []), ...(ind.website_domains ?? [])]) keys.push([`domain:${h}`, true]);
  return keys.map(([k, ci]) => (ci ? k.toLowerCase() : k));
}

function removeIndicator(ind, key) {
  for (const platform of ['windows', 'macos', 'linux']) {
    const p = ind[platform];
    if (!p) continue;
    const ci = platform === 'windows';
    const same = (k) => (ci || k.includes(':registry:') ? k.toLowerCase() : k) === key;
    if (p.processes) p.processes = p.processes.filter((proc) => !same(`${platform}:process:${proc.path ?? proc.path_glob ?? proc.name}`));
    for (const kind of ['services', 'paths', 'registry', 'launchd']) {
      if (p[kind]) p[kind] = p[kind].filter((v) => !same(`${platform}:${kind}:${typeof v === 'string' ? v : v.glob}`));
    }
    for (const k of Object.keys(p)) if (!p[k].length) delete p[k];
    if (!Object.keys(p).length) delete ind[platform];
  }
  for (const k of ['agent_domains', 'website_domains']) {
    if (ind[k]) ind[k] = ind[k].filter((h) => `domain:${h}`.toLowerCase() !== key);
    if (ind[k] && !ind[k].length) delete ind[k];
  }
}

function capabilitiesFor(group) {
  const found = new Map(); // id -> { labels:Set, source }
  let hidden;
  for (const m of group.members) {
    for (const label of arr(m.data.Details?.Capabilities)) {
      if (typeof label !== 'string') continue;
      if (HIDDEN_RE.test(label)) hidden ??= m.url;
      for (const [re, ids] of CAPABILITY_MAP) {
        if (!re.test(label)) continue;
        for (const id of ids) {
          if (!found.has(id)) found.set(id, { labels: new Set(), source: m.url, inferred: false });
          found.get(id).labels.add(label.trim());
        }
      }
    }
    const desc = str(m.data.Description);
    if (!hidden && /(hidden|stealth|invisible) (agent |install(ation)? )?mode/i.test(desc)) hidden = m.url;
  }
  if (!found.size) {
    const m = group.members.find((x) => NAME_SAYS_REMOTE_DESKTOP.test(x.name) || NAME_SAYS_REMOTE_DESKTOP.test(str(x.data.Description)));
    if (m) for (const id of ['remote-control', 'live-screen-view']) found.set(id, { labels: new Set(), source: m.url, inferred: true });
  }
  const caps = CAPABILITY_IDS.filter((id) => found.has(id)).map((id) => {
    const f = found.get(id);
    const labels = [...f.labels].sort(byStr);
    // short capability labels are quoted as the catalogue's facts; long ones are descriptions, which we do not copy
    const quotable = labels.length <= 4 && labels.every((l) => l.length <= 40 && !/["\n]/.test(l));
    const note = f.inferred
      ? 'From the LOLRMM catalogue, which names or describes this product as a remote-desktop or screen-sharing tool.'
      : quotable
        ? `From the LOLRMM catalogue (listed as ${labels.map((l) => `"${l}"`).join(', ')}).`
        : "From the LOLRMM catalogue's list of capabilities.";
    return { id, default: 'configurable', source: f.source, note };
  });
  return { caps, hidden };
}

function summaryFor(name, caps) {
  const words = caps.map((c) => PLAIN[c.id]).filter(Boolean);
  const list = words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
  const what = words.length
    ? `Someone with access to its console can ${list}.`
    : 'The catalogue does not list what it can do; tools of this kind usually let an administrator reach the computer from elsewhere.';
  return `${name} is a remote-access / remote-management tool listed in the LOLRMM catalogue. ${what} IT departments use such tools for support and administration; attackers also misuse them.`;
}

// ---------------------------------------------------------------------------------------------------------------
// Hand-curated supplements and platform declarations (scripts/lolrmm-supplements.mjs)

const INDICATOR_KINDS = ['processes', 'services', 'packages', 'paths', 'registry', 'drivers', 'autostart', 'bundle_ids', 'launchd', 'signers'];
const MAC_ONLY = new Set(['bundle_ids', 'launchd']);
const patternKey = (v, ci) => (typeof v === 'string' ? `s:${ci ? v.toLowerCase() : v}` : `g:${ci ? v.glob.toLowerCase() : v.glob}`);

function addSupplements(g) {
  for (const fact of SUPPLEMENTS[g.id]?.facts ?? []) {
    if (!httpUrl(fact.source)) throw new Error(`${SCRIPT}: SUPPLEMENTS ${g.id}: fact without a source URL`);
    for (const platform of ['windows', 'macos', 'linux']) {
      const add = fact[platform];
      if (!add) continue;
      const ci = platform === 'windows';
      const p = (g.ind[platform] ??= {});
      for (const [kind, values] of Object.entries(add)) {
        if (!INDICATOR_KINDS.includes(kind) || (MAC_ONLY.has(kind) && platform !== 'macos')) throw new Error(`${SCRIPT}: SUPPLEMENTS ${g.id}: ${platform}.${kind} is not an indicator kind`);
        const list = (p[kind] ??= []);
        for (const v of values) {
          if (kind === 'processes') {
            const key = (x) => (ci ? JSON.stringify(x).toLowerCase() : JSON.stringify(x));
            if (!list.some((x) => key(x) === key(v))) list.push(v);
          } else if (!list.some((x) => patternKey(x, ci || kind === 'launchd' || kind === 'bundle_ids') === patternKey(v, ci || kind === 'launchd' || kind === 'bundle_ids'))) {
            list.push(v);
          }
        }
        list.sort(kind === 'processes' ? procSort : patternSort);
      }
    }
    for (const k of ['agent_domains', 'website_domains']) {
      if (!fact[k]) continue;
      g.ind[k] = uniqSorted([...(g.ind[k] ?? []), ...fact[k]]);
    }
  }
  // keep the key order of the generated rules: platforms first, then domains
  const ordered = {};
  for (const k of ['windows', 'macos', 'linux', 'agent_domains', 'website_domains']) if (g.ind[k]) ordered[k] = g.ind[k];
  g.ind = ordered;
}

/** Indicator kinds that show an installed artefact (a bare process name or a domain does not). */
function installedKinds(p) {
  if (!p) return [];
  const kinds = [];
  if ((p.processes ?? []).some((x) => x.path || x.path_glob)) kinds.push('program path');
  for (const [k, label] of [['services', 'service'], ['packages', 'package'], ['paths', 'install folder'], ['bundle_ids', 'bundle id'], ['launchd', 'launchd job'], ['drivers', 'driver']]) {
    if (p[k]?.length) kinds.push(label);
  }
  if ((p.registry ?? []).some((r) => /\\Uninstall\\/i.test(typeof r === 'string' ? r : r.glob))) kinds.push('Uninstall key');
  return kinds;
}

/** Exact installed-artefact indicators of one rule, for the one-install-one-finding check. */
function artefactKeys(ind) {
  const keys = [];
  for (const platform of ['windows', 'macos', 'linux']) {
    const p = ind[platform];
    if (!p) continue;
    const ci = platform === 'windows';
    const norm = (v) => (ci ? v.toLowerCase() : v);
    for (const proc of p.processes ?? []) if (proc.path) keys.push(`${platform}:program:${norm(proc.path)}`);
    for (const kind of ['services', 'packages', 'paths', 'registry', 'bundle_ids', 'launchd', 'drivers']) {
      for (const v of p[kind] ?? []) if (typeof v === 'string') keys.push(`${platform}:${kind}:${ci || kind === 'registry' || MAC_ONLY.has(kind) ? v.toLowerCase() : v}`);
    }
  }
  return [...new Set(keys)];
}

const OS_LABEL = { windows: 'Windows', macos: 'macOS', linux: 'Linux' };

/**
 * Where the product ships: the catalogue's SupportedOS, the platforms it has indicators for, and the vendor pages in
 * SUPPLEMENTS. A declared platform without an installed-artefact indicator carries a gap that says why.
 */
function platformsFor(g, ind) {
  const sup = SUPPLEMENTS[g.id] ?? {};
  const fromCatalogue = (p) => g.members.find((m) => m.os.has(p));
  const out = {};
  for (const p of ['windows', 'macos', 'linux']) {
    const cat = fromCatalogue(p);
    if (!sup.platforms?.[p] && !cat && !ind[p]) continue;
    const factSource = (sup.facts ?? []).find((f) => f[p])?.source;
    const decl = { source: sup.platforms?.[p] ?? cat?.url ?? factSource ?? g.canonical.url };
    if (!installedKinds(ind[p]).length) {
      const known = ind[p] ? Object.keys(ind[p]).map((k) => ({ processes: 'program names', registry: 'registry keys', autostart: 'autostart entries', signers: 'signers' })[k] ?? k) : [];
      decl.gap =
        sup.gaps?.[p] ??
        (known.length
          ? `only ${known.join(' and ')} are known for ${OS_LABEL[p]}; no source checked names its install path, service or package there`
          : `the product ships on ${OS_LABEL[p]}, but no source checked names a file, service or package its ${OS_LABEL[p]} install leaves`);
    }
    out[p] = decl;
  }
  if (!Object.keys(out).length) {
    // the catalogue names only hosts and no platform: its entries describe Windows tools
    out.windows = { source: g.canonical.url, gap: 'the catalogue names only network hosts and no platform for this tool; nothing installed is known' };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Test cases are checked with the real matcher (from the build), so their `expect` is what a scan reports.

/** The confidence the rule reaches on one case (undefined = no finding). */
const simulate = (rule, c) => runCase(rule, c)?.confidence;

/** Turns a glob into a concrete example that it matches. */
function instantiate(glob, unix) {
  const sep = unix ? '/' : '\\';
  return glob
    .replace(/\*\*[\\/]/g, unix ? '/opt/sample/' : 'C:\\Sample\\')
    .replace(/^\/opt\/sample\/\//, '/opt/sample/')
    .replace(/\*\*/g, 'sample')
    .split(sep)
    .map((seg) => seg.replace(/\*/g, seg === '*' ? 'sample' : '1').replace(/\?/g, 'x'))
    .join(sep);
}

const SAMPLE_USER = { windows: 'C:\\Users\\alex', macos: '/Users/alex', linux: '/home/alex' };
function concretePath(p, platform) {
  let s = p.startsWith('~') ? SAMPLE_USER[platform] + p.slice(1) : p;
  s = s.replace(/^C:\\Users\\\*(?=\\|$)/i, SAMPLE_USER.windows);
  return hasWild(s) ? instantiate(s, platform !== 'windows') : s;
}

const SERVICE_KIND = { windows: undefined, macos: 'launchd-daemon', linux: 'systemd-system' };
const PACKAGE_SOURCE = { windows: 'windows-uninstall', macos: 'pkgutil', linux: 'dpkg' };
const nameOf = (v) => (typeof v === 'string' ? v : instantiate(v.glob, true));

/** One candidate case per indicator, grouped by artefact kind; each case shows that one artefact alone. */
function positiveCandidates(rule, platform) {
  const ind = rule.indicators[platform];
  if (!ind) return [];
  const out = [];
  const pid = 4100;
  const add = (kind, description, snapshot) => out.push({ kind, description, snapshot });
  for (const p of ind.processes ?? []) {
    if (p.path || p.path_glob) {
      const path = concretePath(p.path ?? p.path_glob, platform);
      add('program', 'only the program, running from its install folder', { processes: [{ pid, name: baseName(path), path }] });
    }
  }
  for (const s of ind.services ?? []) {
    const row = { name: nameOf(s), ...(SERVICE_KIND[platform] ? { kind: SERVICE_KIND[platform] } : {}) };
    add('service', platform === 'linux' ? 'only the systemd unit' : 'only the service, not running', { services: [{ ...row, state: 'stopped' }] });
  }
  for (const l of ind.launchd ?? []) {
    add('launchd', 'only the launchd job', { services: [{ name: nameOf(l), kind: 'launchd-daemon', state: 'loaded' }] });
  }
  for (const k of ind.packages ?? []) {
    const what = { windows: 'only the Uninstall entry (Apps & Features)', macos: 'only the installer package receipt', linux: 'only the installed package' }[platform];
    add('package', what, { packages: [{ name: nameOf(k), source: PACKAGE_SOURCE[platform] }] });
  }
  for (const b of ind.bundle_ids ?? []) {
    add('bundle', 'only the app bundle id', { apps: [{ name: rule.name, bundle_id: nameOf(b) }] });
  }
  for (const p of ind.paths ?? []) {
    add(typeof p === 'string' ? 'folder' : 'folder-glob', 'only the install folder or file', { files: [{ path: concretePath(typeof p === 'string' ? p : p.glob, platform) }] });
  }
  for (const r of ind.registry ?? []) {
    add(typeof r === 'string' ? 'registry' : 'registry-glob', 'only the registry key', { registry: [{ key: typeof r === 'string' ? r : instantiate(r.glob, false) }] });
  }
  // an Uninstall key is what a standard user's Apps & Features shows: the package row alone, as the collector writes it
  for (const r of ind.registry ?? []) {
    const u = typeof r === 'string' && platform === 'windows' ? uninstallSubkey(r) : undefined;
    if (!u) continue;
    // the key alone must carry the case: a display name that a packages indicator would also match is changed
    const named = simulate(rule, { platform, snapshot: { packages: [{ name: u.sub, source: 'windows-uninstall' }] } });
    const name = named ? `${u.sub} (renamed entry)` : u.sub;
    add('uninstall', 'only the Uninstall entry, found by its key', { packages: [{ name, source: 'windows-uninstall', uninstall_key: u.sub, scope: u.scope }] });
  }
  for (const d of ind.drivers ?? []) add('driver', 'only the driver', { drivers: [{ name: nameOf(d) }] });
  // a signer alone: a program in a folder no indicator names, signed by the vendor (Authenticode subject or Team ID)
  for (const g of ind.signers ?? []) {
    if (platform === 'windows') {
      add('signer', 'only the code signer, on a program in an unlisted folder', { processes: [{ pid, name: 'sample-agent.exe', path: 'D:\\Tools\\sample-agent.exe', signer: nameOf(g) }] });
    } else {
      add('signer', 'only the Team ID, on an app in an unlisted folder', { apps: [{ name: 'Sample', path: '/Users/alex/Tools/Sample.app', team_id: nameOf(g) }] });
    }
  }
  for (const p of ind.processes ?? []) {
    if (!p.path && !p.path_glob) add('name', 'only a program under its usual name', { processes: [{ pid, name: p.name }] });
  }
  return out;
}

// the three Uninstall keys the Windows collector reads (src/collectors/windows/index.ts), by scope
const UNINSTALL_SCOPES = [
  ['machine', /^HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\([^\\]+)$/i],
  ['machine-32bit', /^HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\([^\\]+)$/i],
  ['user', /^HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\([^\\]+)$/i],
];
/** `{sub, scope}` of an Uninstall entry's key, or undefined for any other key. */
function uninstallSubkey(key) {
  for (const [scope, re] of UNINSTALL_SCOPES) {
    const m = re.exec(key);
    if (m) return { sub: m[1], scope };
  }
  return undefined;
}

function domainExample(d) {
  return d.startsWith('*.') ? `sample.${d.slice(2)}` : d;
}

function buildTests(rule, primaryPlatform) {
  const positive = [];
  for (const platform of ['windows', 'macos', 'linux']) {
    const done = new Set();
    for (const cand of positiveCandidates(rule, platform)) {
      const kind = cand.kind.replace(/-glob$/, '');
      if (done.has(kind) || (kind === 'name' && done.size)) continue;
      const c = { description: cand.description, platform, snapshot: cand.snapshot };
      const got = simulate(rule, c);
      if (got) {
        positive.push({ ...c, expect: got });
        done.add(kind);
      }
    }
  }
  for (const [list, what] of [[rule.indicators.agent_domains, 'looked up a host the agent contacts'], [rule.indicators.website_domains, 'visited the vendor website']]) {
    if (!list?.length || (positive.length && list === rule.indicators.website_domains)) continue;
    const c = { description: what, platform: primaryPlatform, snapshot: { network: [{ host: domainExample(list[0]), source: 'dns-cache' }] } };
    const got = simulate(rule, c);
    if (got) positive.push({ ...c, expect: got });
    break;
  }

  const negative = [];
  const tryNeg = (c) => {
    if (!simulate(rule, c) && !negative.some((n) => JSON.stringify(n.snapshot) === JSON.stringify(c.snapshot))) negative.push(c);
  };
  for (const platform of ['windows', 'macos', 'linux']) {
    const ind = rule.indicators[platform];
    if (!ind) continue;
    const bare = new Set((ind.processes ?? []).filter((p) => !p.path && !p.path_glob).map((p) => (platform === 'windows' ? p.name.toLowerCase() : p.name)));
    const qualified = (ind.processes ?? []).find((p) => (p.path || p.path_glob) && !hasWild(baseName(p.path ?? p.path_glob)));
    if (qualified) {
      const name = baseName(qualified.path ?? qualified.path_glob);
      if (!bare.has(platform === 'windows' ? name.toLowerCase() : name)) {
        const path = platform === 'windows' ? `C:\\Windows\\System32\\${name}` : `/usr/local/bin/${name}`;
        tryNeg({ description: 'a program of the same name outside the product folder', platform, snapshot: { processes: [{ pid: 5100, name, path }] } });
      }
    }
    const exact = (ind.paths ?? []).filter((p) => typeof p === 'string');
    const folder = exact.find((p) => !/\.[A-Za-z0-9]{1,5}$/.test(baseName(p))) ?? exact[0];
    if (folder) {
      const isFile = /\.[A-Za-z0-9]{1,5}$/.test(baseName(folder)) && !/\.app$/.test(folder);
      const sib = folder.replace(/(\.[A-Za-z0-9]{1,5})?$/, (ext) => ` Old${ext}`);
      const sep = platform === 'windows' ? '\\' : '/';
      tryNeg({
        description: isFile ? 'a similarly named file next to a product file' : 'a similarly named folder next to the install folder',
        platform,
        snapshot: { files: [{ path: concretePath(isFile ? sib : `${sib}${sep}readme.txt`, platform) }] },
      });
    }
    const key = (ind.registry ?? []).find((r) => typeof r === 'string');
    if (key) tryNeg({ description: 'a similarly named registry key', platform, snapshot: { registry: [{ key: `${key} Old` }] } });
    const plain = (ind.processes ?? []).find((p) => p.name && !p.path && !p.path_glob);
    if (plain) {
      const name = platform === 'windows' ? plain.name.replace(/(\.exe)?$/i, (ext) => `_old${ext}`) : `${plain.name}_old`;
      tryNeg({ description: 'a program whose name only starts the same', platform, snapshot: { processes: [{ pid: 5300, name }] } });
    }
    const pkg = (ind.packages ?? []).find((k) => typeof k === 'string');
    if (pkg) {
      const what = { windows: 'an Uninstall entry whose name only starts the same', macos: 'a package receipt whose id only starts the same', linux: 'a package whose name only starts the same' }[platform];
      tryNeg({ description: what, platform, snapshot: { packages: [{ name: platform === 'windows' ? `${pkg} Plugin` : `${pkg}-plugin`, source: PACKAGE_SOURCE[platform] }] } });
    }
    const signer = (ind.signers ?? []).find((g) => typeof g === 'string');
    if (signer) {
      const snapshot =
        platform === 'windows'
          ? { processes: [{ pid: 5400, name: 'sample-agent.exe', path: 'D:\\Tools\\sample-agent.exe', signer: `${signer} Labs` }] }
          : { apps: [{ name: 'Sample', path: '/Users/alex/Tools/Sample.app', team_id: `${signer.slice(0, -1)}X` === signer ? `${signer.slice(0, -1)}Y` : `${signer.slice(0, -1)}X` }] };
      tryNeg({ description: platform === 'windows' ? 'a program signed by a similarly named company' : 'an app signed with a different Team ID', platform, snapshot });
    }
    const docs = { windows: 'C:\\Users\\alex\\Documents\\', macos: '/Users/alex/Documents/', linux: '/home/alex/Documents/' }[platform];
    tryNeg({ description: 'a document named after the product', platform, snapshot: { files: [{ path: `${docs}${rule.name.replace(/[\\/:*?"<>|]/g, ' ')} notes.txt` }] } });
    const safe = rule.name.replace(/[\\/:*?"<>|]/g, ' ').trim();
    const dl = { windows: `C:\\Users\\alex\\Downloads\\${safe.replace(/\s+/g, '')}Setup.exe`, macos: `/Users/alex/Downloads/${safe.replace(/\s+/g, '')}.dmg`, linux: `/home/alex/Downloads/${kebab(safe)}_amd64.deb` }[platform];
    tryNeg({ description: 'only the installer, downloaded and never run', platform, snapshot: { files: [{ path: dl }] } });
    if (folder && !/\.[A-Za-z0-9]{1,5}$/.test(baseName(folder))) {
      tryNeg({ description: 'a folder of the same name somewhere else', platform, snapshot: { files: [{ path: `${docs}${baseName(folder)}${platform === 'windows' ? '\\' : '/'}notes.txt` }] } });
    }
  }
  const host = [...(rule.indicators.agent_domains ?? []), ...(rule.indicators.website_domains ?? [])][0];
  if (host) {
    const reg = registrable(host.replace(/^\*\./, ''));
    tryNeg({ description: 'a look-alike host name', platform: primaryPlatform, snapshot: { network: [{ host: `${reg}.example.org`, source: 'dns-cache' }, { host: `not${reg}`, source: 'dns-cache' }] } });
  }
  if (!negative.length) {
    tryNeg({ description: 'an unrelated computer', platform: primaryPlatform, snapshot: { processes: [{ pid: 5200, name: primaryPlatform === 'windows' ? 'notepad.exe' : 'bash' }] } });
  }
  return { positive, negative };
}

// ---------------------------------------------------------------------------------------------------------------
// YAML output

function toYaml(rule, header) {
  const doc = new YAML.Document(rule);
  doc.commentBefore = header;
  YAML.visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && /[\\*?{}]/.test(node.value)) node.type = 'QUOTE_SINGLE';
    },
    Map(_key, node, path) {
      // one-line maps for process indicators, globs, references and snapshot rows
      const parent = path.at(-1);
      const owner = path.at(-2);
      const ownerKey = YAML.isPair(owner) ? owner.key?.value : undefined;
      if (YAML.isSeq(parent) && ownerKey !== 'capabilities' && node.items.every((p) => YAML.isScalar(p.value))) node.flow = true;
    },
    Seq(_key, node, path) {
      const inSnapshot = path.some((p) => YAML.isPair(p) && p.key?.value === 'snapshot');
      if (inSnapshot && node.items.every((i) => YAML.isMap(i) && i.items.every((p) => YAML.isScalar(p.value)))) node.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0, indentSeq: true, flowCollectionPadding: true });
}

// ---------------------------------------------------------------------------------------------------------------
// Main

function main() {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const verbose = args.includes('--verbose');
  const rootArg = args.find((a) => !a.startsWith('--'));
  const root = rootArg ? resolve(process.cwd(), rootArg) : resolve(REPO, '../shared/data/lolrmm');
  const cat = loadCatalogue(root);

  const rmm = [];
  const otherCategory = new Map();
  for (const { file, data } of cat.entries) {
    const category = str(data.Category);
    if (category !== 'RMM' && !INCLUDE_ENTRIES[file]) {
      otherCategory.set(category || '(none)', (otherCategory.get(category || '(none)') ?? 0) + 1);
      continue;
    }
    const name = str(data.Name);
    const website = httpUrl(data.Details?.Website);
    let websiteHost = website?.hostname.toLowerCase();
    if (websiteHost === 'web.archive.org') websiteHost = httpUrl(/\/web\/\d+\/(.*)$/.exec(website.pathname)?.[1] ?? '')?.hostname.toLowerCase();
    const os = new Set(arr(data.Details?.SupportedOS).flatMap(osFromField));
    rmm.push({ file, data, name, url: entryUrl(file), website: website?.href, websiteHost, os });
  }
  const unnamed = rmm.filter((e) => !e.name);
  const named = rmm.filter((e) => e.name);

  const hand = loadHandWritten();
  const groups = groupEntries(named);
  for (const g of groups) identify(g);
  PRODUCTS = [...groups.map((g) => ({ group: g, names: g.names })), ...hand.map((h) => ({ names: h.keys }))];
  const skipped = []; // [files, reason]
  const built = [];
  const lastCatalogueDate = uniqSorted(named.flatMap((e) => [e.data.LastModified, e.data.Created]).filter(isDate)).at(-1);

  for (const g of groups) {
    const name = g.canonical.name;
    const id = kebab(name);
    const files = g.members.map((m) => m.file);
    const keys = new Set([id, ...g.members.flatMap((m) => [m.name, baseNameOf(m.name)])].map(compact).filter((c) => c.length >= 3));
    const mapped = g.members.flatMap((m) => HAND_WRITTEN_MAP[m.name] ?? []);
    const cover = hand.find((h) => h.id === id || mapped.includes(h.id) || [...keys].some((k) => h.keys.has(k)));
    if (cover) {
      skipped.push([files, `covered by hand-written rule ${cover.id}`]);
      continue;
    }
    if (!id) {
      skipped.push([files, 'name gives no id']);
      continue;
    }
    const skip = g.members.map((m) => SKIP_ENTRIES[m.file]).find(Boolean);
    if (skip) {
      skipped.push([files, skip]);
      continue;
    }
    const { vendor } = vendorFor(g);
    g.vendor = g.merge?.vendor ?? vendor;
    g.id = id;
    g.ind = finaliseIndicators(collectIndicators(g));
    dropVendorLevel(g, g.ind);
    built.push(g);
  }

  // Indicators that entries for unrelated products share: keep them with the product whose name they contain.
  const owners = new Map();
  for (const g of built) for (const k of new Set(indicatorKeys(g.ind))) owners.set(k, [...(owners.get(k) ?? []), g]);
  for (const [key, gs] of owners) {
    if (gs.length < 2) continue;
    const value = key.toLowerCase();
    const names = gs.map((g) => [...groupTokens(g)].some((w) => value.includes(w)));
    gs.forEach((g, i) => {
      const unrelated = gs.map((_, j) => j).filter((j) => j !== i && !related(g, gs[j]));
      if (!unrelated.length) return; // the same product family under several names
      if (names[i] && unrelated.every((j) => !names[j])) return; // ours; the other product bundles it
      removeIndicator(g.ind, key);
      drop('also listed for an unrelated product', g.canonical.file, key);
    });
  }

  for (const g of built) {
    for (const [key, why] of REMOVE[g.id] ?? []) {
      if (!indicatorKeys(g.ind).includes(key)) throw new Error(`${SCRIPT}: REMOVE ${g.id} ${key}: no such indicator`);
      removeIndicator(g.ind, key);
      drop('reviewed: would accuse other software', g.canonical.file, `${key} (${why})`);
    }
    addSupplements(g);
  }
  for (const id of Object.keys(SUPPLEMENTS)) if (!built.some((g) => g.id === id)) throw new Error(`${SCRIPT}: SUPPLEMENTS ${id}: no such generated rule`);

  const outputs = new Map();
  const artefactOwners = new Map(); // exact installed-artefact indicator -> rule ids
  let websiteOnly = 0;
  for (const g of built) {
    const files = g.members.map((m) => m.file);
    const ind = g.ind;
    pruneIndicators(ind);
    if (!Object.keys(ind).length) {
      skipped.push([files, 'no indicator left after the precision guards']);
      continue;
    }
    // a website alone cannot show that anything is installed, and sites such as webex.com serve far more than the tool
    if (Object.keys(ind).every((k) => k === 'website_domains')) {
      websiteOnly++;
      skipped.push([files, 'only the vendor website is known: visiting a website is not having the tool installed']);
      continue;
    }
    const { caps, hidden } = capabilitiesFor(g);
    const dates = g.members.map((m) => [m.data.LastModified, m.data.Created].find(isDate)).filter(Boolean).sort(byStr);
    const lastReviewed = dates.at(-1) ?? cat.sourceDate ?? lastCatalogueDate;
    const aliases = uniqSorted(
      [...g.members.flatMap((m) => [m.name, altNameOf(m.name)]), ...(g.merge?.aliases ?? [])].filter((n) => n && compact(n) !== compact(g.canonical.name)),
    );
    const entryRefs = g.members.map((m) => ({ url: m.url, title: `LOLRMM entry ${m.file}` }));
    const extraRefs = uniqSorted(g.members.flatMap((m) => arr(m.data.References)).map((r) => httpUrl(r)?.href).filter(Boolean))
      .filter((u) => !entryRefs.some((r) => r.url === u) && u !== REPO_URL)
      .map((url) => ({ url }));
    const website = g.canonical.website ?? g.members.find((m) => m.website)?.website ?? g.canonical.url;
    const supRefs = (SUPPLEMENTS[g.id]?.facts ?? []).map((f) => ({ url: f.source, ...(f.title ? { title: f.title } : {}) }));

    const rule = {
      id: g.id,
      name: g.canonical.name,
      ...(aliases.length ? { aliases } : {}),
      vendor: g.vendor,
      category: 'remote-access',
      website,
      platforms: platformsFor(g, ind),
      summary: summaryFor(g.canonical.name, caps),
      capabilities: caps,
      hidden_mode: hidden
        ? { supported: 'yes', source: hidden, note: 'The LOLRMM catalogue lists a hidden or stealth agent mode.' }
        : { supported: 'unknown' },
      indicators: ind,
      references: [...entryRefs, { url: REPO_URL, title: 'LOLRMM catalogue (Apache-2.0)' }, ...supRefs, ...extraRefs.filter((r) => !supRefs.some((x) => x.url === r.url))],
      last_reviewed: lastReviewed,
      generated_by: SCRIPT,
    };
    const primary = ['windows', 'macos', 'linux'].find((p) => ind[p]) ?? ([...g.canonical.os][0] === 'windows' || !g.canonical.os.size ? 'windows' : [...g.canonical.os].sort(byStr)[0]);
    const tests = buildTests(rule, primary);
    if (!tests.positive.length || !tests.negative.length) {
      skipped.push([files, 'could not build passing test cases']);
      continue;
    }
    rule.tests = tests;
    for (const k of artefactKeys(ind)) artefactOwners.set(k, [...(artefactOwners.get(k) ?? []), g.id]);
    const header = ` Generated from LOLRMM ${files.join(' + ')} at ${cat.commit}; do not edit by hand.`;
    outputs.set(`${g.id}.yaml`, toYaml(rule, header));
  }

  // One install, one finding: an exact installed artefact listed by two generated rules would give two.
  const shared = [...artefactOwners].filter(([, ids]) => ids.length > 1);
  if (shared.length) {
    for (const [k, ids] of shared) process.stderr.write(`${SCRIPT}: ${k} is listed by ${ids.join(', ')}\n`);
    throw new Error(`${SCRIPT}: ${shared.length} installed-artefact indicators are shared by two generated rules; merge the entries (MERGES) or remove the indicator from one (REMOVE)`);
  }

  // Write, and delete generated files this run no longer produces.
  const changed = [];
  const stale = [];
  if (!check) mkdirSync(OUT_DIR, { recursive: true });
  for (const [f, text] of [...outputs].sort((a, b) => byStr(a[0], b[0]))) {
    const p = join(OUT_DIR, f);
    if (existsSync(p) && readFileSync(p, 'utf8') === text) continue;
    changed.push(f);
    if (!check) writeFileSync(p, text);
  }
  if (existsSync(OUT_DIR)) {
    for (const f of readdirSync(OUT_DIR).sort(byStr)) {
      if (!/\.ya?ml$/.test(f) || outputs.has(f)) continue;
      const text = readFileSync(join(OUT_DIR, f), 'utf8');
      if (!text.includes(`generated_by: ${SCRIPT}`)) continue;
      stale.push(f);
      if (!check) unlinkSync(join(OUT_DIR, f));
    }
  }

  // Summary
  const log = (s = '') => process.stdout.write(`${s}\n`);
  log(`LOLRMM ${cat.commit} (${cat.dir})`);
  log(`entries read:            ${cat.files.length}${cat.parseErrors.length ? ` (${cat.parseErrors.length} did not parse)` : ''}`);
  for (const [f, e] of cat.parseErrors) log(`  parse error: ${f}: ${e}`);
  log(`  other categories:      ${[...otherCategory].sort((a, b) => byStr(a[0], b[0])).map(([c, n]) => `${c} ${n}`).join(', ') || 'none'}`);
  log(`  Category RMM:          ${rmm.length}${unnamed.length ? ` (${unnamed.length} without a Name, skipped)` : ''}`);
  const merged = groups.filter((g) => g.members.length > 1);
  log(`  same product, merged:  ${merged.reduce((n, g) => n + g.members.length, 0)} entries -> ${merged.length} rules`);
  for (const g of merged) log(`    ${kebab(g.canonical.name)}: ${g.members.map((m) => m.file).join(', ')}`);
  log(`rules written:           ${outputs.size} (${changed.length} new or changed${check ? ', not written: --check' : ''}; ${websiteOnly} skipped for having only a website domain)`);
  if (stale.length) log(`stale files ${check ? 'to delete' : 'deleted'}:     ${stale.join(', ')}`);
  const reasons = new Map();
  for (const [files, reason] of skipped) reasons.set(reason, [...(reasons.get(reason) ?? []), files.join(' + ')]);
  log(`skipped:                 ${skipped.length} products (${skipped.reduce((n, s) => n + s[0].length, 0)} entries)`);
  for (const [reason, fs] of [...reasons].sort((a, b) => byStr(a[0], b[0]))) log(`  ${reason}: ${fs.join(', ')}`);
  log('indicators dropped or changed by guard:');
  for (const [guard, n] of [...drops].sort((a, b) => b[1] - a[1] || byStr(a[0], b[0]))) log(`  ${String(n).padStart(5)}  ${guard}`);
  if (verbose) {
    log('dropped indicators:');
    for (const [guard, file, value] of dropLog.sort((a, b) => byStr(a[1], b[1]) || byStr(a[0], b[0]) || byStr(a[2], b[2]))) log(`  ${file}: ${guard}: ${value}`);
  }
  if (check && (changed.length || stale.length)) {
    log(`rules/rmm is out of date: ${[...changed, ...stale].join(', ')}`);
    process.exitCode = 1;
  }
}

main();
