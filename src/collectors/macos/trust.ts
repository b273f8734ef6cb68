import type { CertificateRow, CoverageRow } from '../../snapshot/schema.js';
import type { Collector, Exec } from '../types.js';
import { coverage } from './util.js';
import { joinReasons, maybeReasons, reason, reasonsOf, why, type Reason } from '../shared/reason.js';

// Certificates an administrator, a configuration profile or the user told macOS to trust: `security dump-trust-settings -d`
// (admin domain, /Library/Security/Trust Settings/Admin.plist) and without -d (the scanning user's domain). The format is
// Apple's SecurityTool trusted_cert_dump.c: "Number of trusted certs = N", "Cert i: <label>", then per certificate
// "Number of trust settings : n" and "Trust Setting j:" blocks with "Result Type : kSecTrustSettingsResult...".

const SOURCE = 'macos/trust-settings';
export const SECURITY = '/usr/bin/security';
const TIMEOUT_MS = 20_000;

/** `security dump-trust-settings` printed something that is not its listing. */
export class TrustDumpFormatError extends Error {}

export interface TrustedCert {
  /** The label macOS infers for the certificate (usually its common name). */
  label: string;
  /** Result Type of each trust setting, in order; empty when the certificate is trusted for everything. */
  results: string[];
  /** The trust settings of this certificate could not be read (the tool printed no count for it). */
  unreadable: boolean;
  /** A SHA-256 or SHA-1 hash line, where this macOS prints one. */
  hash?: string;
}

export interface TrustDump {
  /** "Number of trusted certs = N" */
  count: number;
  certs: TrustedCert[];
}

const ERROR_LINE = /^Sec[A-Za-z]+: /;

/** Parses the listing; error lines the tool writes to standard error (SecTrustSettingsCopyTrustSettings: ...) are skipped. */
export function parseTrustDump(raw: string): TrustDump {
  const lines = raw.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !ERROR_LINE.test(l));
  const head = lines.length ? /^Number of trusted certs = (\d+)$/.exec(lines[0]) : null;
  if (!head) throw new TrustDumpFormatError(`security dump-trust-settings did not print its certificate count (first line: ${(lines[0] ?? '').slice(0, 80)})`);
  const certs: TrustedCert[] = [];
  let cur: (TrustedCert & { counted?: number }) | undefined;
  for (const l of lines.slice(1)) {
    let m: RegExpExecArray | null;
    if ((m = /^Cert (\d+): (.*)$/.exec(l))) {
      if (Number(m[1]) !== certs.length) throw new TrustDumpFormatError(`security dump-trust-settings listed Cert ${m[1]} where Cert ${certs.length} was expected`);
      cur = { label: m[2], results: [], unreadable: true };
      certs.push(cur);
    } else if (!cur) {
      throw new TrustDumpFormatError(`security dump-trust-settings printed "${l.slice(0, 60)}" before any certificate`);
    } else if ((m = /^Number of trust settings : (\d+)$/.exec(l))) {
      cur.unreadable = false;
      cur.counted = Number(m[1]);
    } else if ((m = /^Result Type\s*: (\S+)$/.exec(l))) {
      cur.results.push(m[1]);
    } else if ((m = /^SHA-(?:256|1) hash:\s*([0-9A-Fa-f]{40,64})$/.exec(l))) {
      cur.hash ??= m[1].toUpperCase();
    }
    // Trust Setting n:, Policy OID, Policy String, Application, Allowed Error, Key Usage: what it is trusted for
  }
  for (const c of certs) delete (c as { counted?: number }).counted;
  return { count: Number(head[1]), certs };
}

// kSecTrustSettingsResultTrustRoot / TrustAsRoot: trusted as an anchor; Deny: explicitly distrusted; Unspecified: no effect
const TRUSTS = new Set(['kSecTrustSettingsResultTrustRoot', 'kSecTrustSettingsResultTrustAsRoot']);

/** A certificate with no usage constraints is trusted for everything (Apple: an empty trust settings array means "always trust"). */
export const trustedAsRoot = (c: TrustedCert) => !c.unreadable && (c.results.length === 0 || c.results.some((r) => TRUSTS.has(r)));

export type TrustDomain = 'admin' | 'user';
const STORE: Record<TrustDomain, string> = { admin: 'admin trust settings', user: 'user trust settings' };

export function trustCertificateRows(d: TrustDump, domain: TrustDomain): CertificateRow[] {
  return d.certs.filter(trustedAsRoot).map((c) => ({ source: SOURCE, store: STORE[domain], subject: c.label, ...(c.hash ? { fingerprint: c.hash } : {}) }));
}

const NONE = /No Trust Settings were found/;

interface DomainResult {
  rows: CertificateRow[];
  problem?: { status: CoverageRow['status']; reason: string };
}

async function readDomain(exec: Parameters<Collector['collect']>[0]['exec'], domain: TrustDomain): Promise<DomainResult> {
  const what = domain === 'admin' ? 'the admin trust settings (security dump-trust-settings -d)' : 'your own trust settings (security dump-trust-settings)';
  const r = await exec(SECURITY, domain === 'admin' ? ['dump-trust-settings', '-d'] : ['dump-trust-settings'], { timeoutMs: TIMEOUT_MS, maxBuffer: 8 * 1024 * 1024 });
  if (r.error === 'ENOENT') return { rows: [], problem: { status: 'unavailable', reason: `security is not available on this Mac, so ${what} could not be read` } };
  if (r.error === 'ETIMEDOUT') return { rows: [], problem: { status: 'error', reason: `security did not answer in time while reading ${what}` } };
  if (r.error) return { rows: [], problem: { status: 'error', reason: `security could not be started for ${what} (${r.error})` } };
  // no certificate has trust settings in this domain: the tool says so on standard error and exits 1
  if (r.code === 1 && !r.stdout.trim() && NONE.test(r.stderr)) return { rows: [] };
  let dump: TrustDump;
  try {
    dump = parseTrustDump(r.stdout);
  } catch (e) {
    const msg = r.stderr.split('\n').map((l) => l.trim()).find(Boolean);
    return { rows: [], problem: { status: 'error', reason: `${r.code ? `security failed (exit code ${r.code ?? 'none'})${msg ? `: ${msg.slice(0, 160)}` : ''}` : (e as Error).message}, so ${what} are unknown` } };
  }
  const rows = trustCertificateRows(dump, domain);
  const unread = dump.certs.filter((c) => c.unreadable).map((c) => c.label);
  const notes: string[] = [];
  if (unread.length) notes.push(`the trust settings of ${unread.join(', ')} could not be read`);
  if (dump.certs.length !== dump.count) notes.push(`${dump.count} certificates were announced but ${dump.certs.length} listed`);
  return notes.length ? { rows, problem: { status: 'partial', reason: `in ${what}, ${notes.join('; ')}` } } : { rows };
}

/** Certificates looked up for their issuer at most (each is one `security find-certificate`). */
export const DETAIL_LIMIT = 40;

const commonName = (dn: string) => /(?:^|, )CN=([^,]*)/.exec(dn)?.[1];

/**
 * The trusted certificates with subject, issuer, SHA-256 and CA flag from `security find-certificate -a -c <label> -p`
 * (PEM); a label that finds no certificate, or several none of which has it as common name, keeps only its label.
 */
export async function withCertificateDetails(exec: Exec, rows: CertificateRow[]): Promise<{ rows: CertificateRow[]; unresolved: string[] }> {
  const out: CertificateRow[] = [];
  const unresolved: string[] = [];
  // loaded only when some certificate is trusted (most Macs have none)
  const { parsePemCertificates } = rows.length ? await import('../linux/config.js') : { parsePemCertificates: undefined };
  for (const [i, row] of rows.entries()) {
    if (i >= DETAIL_LIMIT) {
      unresolved.push(row.subject);
      out.push(row);
      continue;
    }
    const r = await exec(SECURITY, ['find-certificate', '-a', '-c', row.subject, '-p'], { timeoutMs: 10_000, maxBuffer: 4 * 1024 * 1024 });
    const found = r.code === 0 && !r.error && parsePemCertificates ? await parsePemCertificates(r.stdout, '', SOURCE, row.store ?? '') : [];
    const byHash = row.fingerprint ? found.filter((c) => c.fingerprint?.replace(/:/g, '') === row.fingerprint) : [];
    const named = found.filter((c) => commonName(c.subject) === row.subject);
    const pick = byHash.length ? byHash : named.length ? named : found.length === 1 ? found : [];
    if (!pick.length) {
      unresolved.push(row.subject);
      out.push(row);
      continue;
    }
    for (const c of pick) {
      const detail: CertificateRow = { ...c, source: SOURCE, store: row.store };
      // the certificate came from a keychain search, not from a file
      delete detail.file;
      out.push(detail);
    }
  }
  return { rows: out, unresolved };
}

export const trustSettingsCollector: Collector = {
  id: SOURCE,
  tables: ['certificates'],
  async collect(ctx) {
    const domains: TrustDomain[] = ['admin', 'user'];
    const results = await Promise.all(domains.map((d) => readDomain(ctx.exec, d)));
    const detailed = await withCertificateDetails(ctx.exec, results.flatMap((r) => r.rows));
    const certificates = detailed.rows;
    const problems = results.map((r) => r.problem).filter((p): p is NonNullable<DomainResult['problem']> => !!p);
    if (detailed.unresolved.length) problems.push({ status: 'partial', reason: `the issuer of ${detailed.unresolved.join(', ')} could not be looked up (security find-certificate), so only the name macOS shows for it is known` });
    // with sudo, the user domain read is root's, not the logged-in person's
    const sudo = ctx.elevated ? why('trust-root-own') : undefined;
    if (!problems.length) return { tables: { certificates }, coverage: [coverage(SOURCE, 'certificates', 'ok', sudo && joinReasons([sudo]))] };
    const status = problems.length === domains.length && problems.every((p) => p.status !== 'partial') ? problems[0].status : 'partial';
    const notes: Reason[] = [why('trust-unread', { detail: problems.map((p) => p.reason).join('; ') }), ...(sudo ? [sudo] : [])];
    return { tables: status === 'partial' ? { certificates } : {}, coverage: [coverage(SOURCE, 'certificates', status, joinReasons(notes as [Reason, ...Reason[]]))] };
  },
};
