// One redaction for everything bosswatch writes (reports, `collect` snapshots, `collect --raw` files): what names
// the person (user names, the host name, serial numbers, hardware ids) is left out unless --include-identifiers.

// Profile folders that are not a person's, and names too generic to replace wherever they appear as a word.
const NOT_PERSONAL = new Set([
  'root', 'shared', 'public', 'default', 'default user', 'defaultuser0', 'all users', 'guest', 'administrator', 'system', 'daemon', 'nobody',
  'user', 'users', 'admin', '<user>', 'localservice', 'networkservice', 'systemprofile',
]);

// Home folders in every form a path takes: /home/x (also under /var/home, file:///home/x), /Users/x, C:\Users\x,
// C:/Users/x, \\?\C:\Users\x, C:\\Users\\x (JSON-escaped), C:\Documents and Settings\x. Windows names may hold spaces.
const WIN_NAME = String.raw`((?:[^\\/"'<>|:*?\r\n]+?(?=[\\/]))|[^\\/\s"'<>|:*?,;()]+)`;
const HOME_RES: readonly RegExp[] = [
  /(?<![\p{L}\p{N}_-])(\/home\/)([^/\s"'<>|:;,()\\]+)/gu,
  /(?<![\p{L}\p{N}_-])(\/Users\/)([^/\s"'<>|:;,()\\]+)/gu,
  new RegExp(String.raw`(?<![\p{L}\p{N}_])([A-Za-z]:[\\/]+(?:Users|Documents and Settings)[\\/]+)${WIN_NAME}`, 'giu'),
];

const WIN_ROOT = /:[\\/]/;

const personal = (name: string) => name.length >= 2 && !NOT_PERSONAL.has(name.toLowerCase()) && !name.includes('<');

/** Replaces the user name in home-folder paths anywhere in a text with <user> (shared profile folders stay). */
export function redactPath(s: string): string {
  // none of the patterns can match without one of these (the common case: most strings are not paths)
  if (!s.includes('/home/') && !s.includes('/Users/') && !WIN_ROOT.test(s)) return s;
  let out = s;
  for (const re of HOME_RES) out = out.replace(re, (m, root: string, name: string) => (personal(name.trim()) ? `${root}<user>` : m));
  return out;
}

const HOME_HINT = /home|users|documents and settings/i;

/** The user names that home-folder paths in these texts name. */
export function homeNames(texts: Iterable<string>, into = new Set<string>()): Set<string> {
  for (const t of texts) {
    if (!HOME_HINT.test(t)) continue;
    for (const re of HOME_RES) for (const m of t.matchAll(re)) if (personal(m[2].trim())) into.add(m[2].trim());
  }
  return into;
}

export interface Redactor {
  text(s: string): string;
  bytes(b: Uint8Array): Uint8Array;
  /** The user names it replaces wherever they appear as a word. */
  names: string[];
}

export interface RedactOptions {
  /** Replace the tenant label of agent hosts (`contoso.teramind.co` -> `<tenant>.teramind.co`). */
  redactTenant?: boolean;
  /** Domain suffixes whose left-hand labels are a tenant: the `*.` agent domains of the rules (without `*.`). */
  tenantSuffixes?: readonly string[];
  /** Keep user and host names (the tenant is still replaced when redactTenant is set). */
  includeIdentifiers?: boolean;
}

const ASCII = /^[\x00-\x7f]*$/;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const HOSTLIKE = /(?<![\p{L}\p{N}_-])[a-z0-9-]+(?:\.[a-z0-9-]+)+/giu;

/** Replaces the labels a rule's `*.` wildcard matches (the tenant) in every host name of a text. */
export function tenantRedactor(suffixes: readonly string[]): (s: string) => string {
  const set = new Set(suffixes.map((d) => d.toLowerCase().replace(/^\*\./, '').replace(/\.$/, '')));
  if (!set.size) return (s) => s;
  return (s) =>
    s.replace(HOSTLIKE, (host) => {
      const lower = host.toLowerCase();
      // the shortest suffix that is a rule's wildcard domain leaves the most labels to the tenant
      for (let i = lower.indexOf('.'); i !== -1; i = lower.indexOf('.', i + 1)) {
        if (set.has(lower.slice(i + 1))) return `<tenant>${host.slice(i)}`;
      }
      return host;
    });
}

/**
 * Redacts user names in home paths (redactPath), the host name and those user names wherever else they appear as
 * a word (ps's USER column, a launchd label, `--user=bob`), and the tenant when asked. Binary data keeps its
 * length: names are overwritten with x.
 */
export function makeRedactor(texts: Iterable<string>, known: { hostnames: readonly string[]; users: readonly string[] }, opts: RedactOptions = {}): Redactor {
  const tenant = opts.redactTenant ? tenantRedactor(opts.tenantSuffixes ?? []) : (s: string) => s;
  if (opts.includeIdentifiers) return { text: tenant, bytes: (b) => b, names: [] };
  const names = homeNames(texts);
  for (const u of known.users) if (u) names.add(u);
  const users = [...names].filter(personal).sort((a, b) => b.length - a.length);
  const hosts = [...new Set(known.hostnames.flatMap((h) => (h ? [h, h.split('.')[0]] : [])))].filter((h) => h.length >= 2 && h !== 'localhost').sort((a, b) => b.length - a.length);
  // whole words only: "al" must not eat "alias"
  const wordRe = (w: string, flags: string) => new RegExp(`(?<![\\p{L}\\p{N}_.-])${escapeRe(w)}(?![\\p{L}\\p{N}_-])`, flags);
  const userRes = users.map((u) => wordRe(u, 'gu'));
  const hostRes = hosts.map((h) => wordRe(h, 'giu'));
  // a word cannot match where its text does not occur; case-folded only when host and text are ASCII (then exact)
  const hostsLower = hosts.map((h) => (ASCII.test(h) ? h.toLowerCase() : undefined));
  const text = (s: string) => {
    let out = redactPath(tenant(s));
    let lower = ASCII.test(out) ? out.toLowerCase() : undefined;
    for (let i = 0; i < hostRes.length; i++) {
      const h = hostsLower[i];
      if (h !== undefined && lower !== undefined && !lower.includes(h)) continue;
      const next = out.replace(hostRes[i], '<host>');
      if (next !== out) lower = ASCII.test((out = next)) ? out.toLowerCase() : undefined;
    }
    for (let i = 0; i < userRes.length; i++) if (out.includes(users[i])) out = out.replace(userRes[i], '<user>');
    return out;
  };
  const masks = [...users, ...hosts].map((w) => Buffer.from(w, 'utf8'));
  const bytes = (b: Uint8Array) => {
    const out = Buffer.from(b);
    for (const m of masks) {
      for (let i = out.indexOf(m); i !== -1; i = out.indexOf(m, i + m.length)) out.fill(0x78, i, i + m.length);
    }
    return out;
  };
  return { text, bytes, names: users };
}

/**
 * The strings inside a JSON value (object keys too) that homeNames would look at, into an array: a generator costs
 * several times more per string, and keeping only these keeps the array small on a snapshot of millions of rows.
 */
function homeHintStrings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') {
    if (HOME_HINT.test(v)) out.push(v);
  } else if (Array.isArray(v)) for (const x of v) homeHintStrings(x, out);
  else if (v && typeof v === 'object') {
    for (const k in v) {
      if (!Object.hasOwn(v, k)) continue;
      if (HOME_HINT.test(k)) out.push(k);
      homeHintStrings((v as Record<string, unknown>)[k], out);
    }
  }
  return out;
}

/** Every string inside a JSON value (object keys too). */
export function* stringsOf(v: unknown): Generator<string> {
  if (typeof v === 'string') yield v;
  else if (Array.isArray(v)) for (const x of v) yield* stringsOf(x);
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      yield k;
      yield* stringsOf(x);
    }
  }
}

// Fields that identify the machine or the person by themselves, whatever their value: left out of every output.
const IDENTIFYING_KEY = /(^|_)(serial(_?number)?|hardware_?id|hw_?id|machine_?id|mac(_address)?|uuid|device_?id|sid|user_?sid|asset_?tag|hostname|computer_?name)$/i;
// Accounts that run the system, not a person: kept in a process's `user` field.
const SYSTEM_USER = /^(root|system|local service|network service|nt authority\\.*|nt service\\.*|window manager\\.*|font driver host\\.*|_.*|systemd-.*|daemon|nobody|messagebus|avahi|polkitd|colord|syslog|rtkit|kernoops|whoopsie|gdm|lightdm|sddm|www-data|postfix|chrony|ntp|sshd|uuidd|usbmux|geoclue|gnome-remote-desktop|dnsmasq|cups-browsed|cupsd?|lp|mail|bin|sys|man|sync|games|tss|fwupd-refresh|_?apt|dbus|unbound|vboxadd|pulse|saned|hplip|speech-dispatcher|nm-openvpn|openvpn)$/i;

export function isSystemUser(u: string): boolean {
  return SYSTEM_USER.test(u.trim());
}

// snapshots repeat a few dozen keys thousands of times: test each key once
const identifyingKeys = new Map<string, boolean>();
const isIdentifyingKey = (k: string) => {
  let r = identifyingKeys.get(k);
  if (r === undefined) identifyingKeys.set(k, (r = IDENTIFYING_KEY.test(k)));
  return r;
};

function deep(v: unknown, text: (s: string) => string, parentKey = ''): unknown {
  if (typeof v === 'string') {
    if (parentKey === 'user') return isSystemUser(v) ? v : '<user>';
    return text(v);
  }
  if (Array.isArray(v)) return v.map((x) => deep(x, text, parentKey));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (isIdentifyingKey(k)) continue;
      out[k] = deep(x, text, k);
    }
    return out;
  }
  return v;
}

/**
 * A snapshot as bosswatch writes it by default: no host name, no serial numbers or hardware ids, user names replaced
 * in every path form and wherever else they appear as a word, system accounts kept. Idempotent.
 */
export type SnapshotPrivacy = RedactOptions & { users?: readonly string[]; hostnames?: readonly string[] };

/** The redactor for one snapshot: the names it learns from the snapshot's home paths, process users and host. */
export function snapshotRedactor(snapshot: { host: { hostname?: string; platform?: string } }, opts: SnapshotPrivacy = {}): Redactor {
  const users = new Set(opts.users ?? []);
  const procs = (snapshot as { processes?: { user?: string }[] }).processes ?? [];
  // a person's account that runs programs but has no home path in the snapshot is still a person's
  for (const p of procs) if (p.user && !isSystemUser(p.user)) users.add(p.user.includes('\\') ? p.user.split('\\').pop()! : p.user);
  return makeRedactor(homeHintStrings(snapshot), { hostnames: [snapshot.host.hostname ?? '', ...(opts.hostnames ?? [])], users: [...users] }, opts);
}

/**
 * A snapshot as bosswatch writes it by default: no host name, no serial numbers or hardware ids, user names replaced
 * in every path form and wherever else they appear as a word, system accounts kept. Idempotent.
 */
export function redactSnapshot<T extends { host: { hostname?: string; platform?: string } }>(snapshot: T, opts: SnapshotPrivacy = {}, redactor?: Redactor): T {
  if (opts.includeIdentifiers && !opts.redactTenant) return snapshot;
  // a caller that already made snapshotRedactor(snapshot, opts) passes it, so the snapshot is not read twice
  const r = redactor ?? snapshotRedactor(snapshot, opts);
  if (opts.includeIdentifiers) return deepTenantOnly(snapshot, r.text) as T;
  return deep(snapshot, r.text) as T;
}

/**
 * canonicalJson(redactSnapshot(snapshot, opts, redactor)) in one walk, without building the redacted copy (the
 * manifest's snapshot digest; a test keeps the two equal). Same rules: keys sorted, undefined and functions left out.
 */
export function redactedCanonicalJson(snapshot: { host: { hostname?: string; platform?: string } }, opts: SnapshotPrivacy = {}, redactor?: Redactor): string | undefined {
  // only the default (redacted) form is walked here; the caller falls back to the plain route for the others
  if (opts.includeIdentifiers) return undefined;
  return canonicalDeep(snapshot, (redactor ?? snapshotRedactor(snapshot, opts)).text, '');
}

function canonicalDeep(v: unknown, text: (s: string) => string, parentKey: string): string {
  if (typeof v === 'string') return JSON.stringify(parentKey === 'user' ? (isSystemUser(v) ? v : '<user>') : text(v));
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  // parts joined once per level, as canonicalJson does: appending with += would keep millions of string pieces alive
  if (Array.isArray(v)) return `[${v.map((x: unknown) => (x === undefined || typeof x === 'function' ? 'null' : canonicalDeep(x, text, parentKey))).join(',')}]`;
  // deep() assigns out[k]: a `__proto__` key sets the copy's prototype instead of a property, so it is not written
  const keys = Object.keys(v).filter((k) => k !== '__proto__' && !isIdentifyingKey(k)).sort();
  const parts: string[] = [];
  for (const k of keys) {
    const x = (v as Record<string, unknown>)[k];
    if (x === undefined || typeof x === 'function') continue;
    parts.push(`${JSON.stringify(k)}:${canonicalDeep(x, text, k)}`);
  }
  return `{${parts.join(',')}}`;
}

function deepTenantOnly(v: unknown, text: (s: string) => string): unknown {
  if (typeof v === 'string') return text(v);
  if (Array.isArray(v)) return v.map((x) => deepTenantOnly(x, text));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deepTenantOnly(x, text)]));
  return v;
}

/** The tenant suffixes of a rule set: every agent domain written as `*.example.com`. */
export function tenantSuffixesOf(rules: readonly { indicators: { agent_domains?: readonly string[] } }[]): string[] {
  const out = new Set<string>();
  for (const r of rules) for (const d of r.indicators.agent_domains ?? []) if (d.startsWith('*.')) out.add(d.slice(2).toLowerCase());
  return [...out];
}
