import { readdirSync, statSync } from 'node:fs';
import type { CoverageRow, MediaStreamRow } from '../../snapshot/schema.js';
import type { Collector, CollectorResult, ExecResult } from '../types.js';
import { maybeReasons, why, type Reason } from '../shared/reason.js';

// PipeWire streams being received now, from `pw-dump` (the JSON list of every object of one PipeWire session).
// A program receiving video opens a Stream/Input/Video node; a link joins it to the node it reads from: a screen-cast
// node made for a portal request (Video/Source) or a camera (Video/Source with device.api v4l2/libcamera).

const SOURCE = 'linux/pipewire';
export const PW_DUMP = 'pw-dump';
const TIMEOUT_MS = 8_000;
// a busy desktop session prints a few hundred kilobytes
const MAX_OUTPUT = 32 * 1024 * 1024;
export const RUNTIME_BASE = '/run/user';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : typeof v === 'string' && /^\d{1,10}$/.test(v) ? Number(v) : undefined);

/** pw-dump printed something that is not its JSON list of objects. */
export class PwDumpFormatError extends Error {
  constructor(
    message: string,
    /** The same as a coverage reason code (the session's folder is added where it is reported). */
    readonly code: 'pw-dump-not-json' | 'pw-dump-not-list' | 'pw-dump-no-core',
  ) {
    super(message);
  }
}

interface PwObject {
  id: number;
  type: string;
  info: Obj;
  props: Obj;
}

function objects(raw: string): PwObject[] {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    throw new PwDumpFormatError('pw-dump did not print JSON', 'pw-dump-not-json');
  }
  if (!Array.isArray(data)) throw new PwDumpFormatError('pw-dump did not print a list of objects', 'pw-dump-not-list');
  const out: PwObject[] = [];
  for (const o of data) {
    if (!isObj(o) || int(o.id) === undefined || typeof o.type !== 'string') continue;
    const info = isObj(o.info) ? o.info : {};
    out.push({ id: int(o.id)!, type: o.type, info, props: isObj(info.props) ? info.props : {} });
  }
  // every PipeWire session has at least its core object; a list without one is not pw-dump output
  if (data.length && !out.some((o) => o.type.startsWith('PipeWire:Interface:Core'))) throw new PwDumpFormatError('pw-dump output has no PipeWire core object', 'pw-dump-no-core');
  return out;
}

const isType = (o: PwObject, t: string) => o.type === `PipeWire:Interface:${t}` || o.type.startsWith(`PipeWire:Interface:${t}/`);

/**
 * Streams that receive media (media.class Stream/Input/*) with the program that opened them and the node each is
 * linked to; one row per stream and source node (a stereo stream has two links from the same node).
 */
export function parsePwDump(raw: string, session?: string): MediaStreamRow[] {
  const all = objects(raw);
  const nodes = new Map(all.filter((o) => isType(o, 'Node')).map((o) => [o.id, o]));
  const clients = new Map(all.filter((o) => isType(o, 'Client')).map((o) => [o.id, o]));
  const links = all.filter((o) => isType(o, 'Link'));
  // the program behind a node: its own props first (pw_stream copies them), then its client's
  const prog = (n: PwObject) => {
    const c = clients.get(int(n.props['client.id']) ?? -1)?.props ?? {};
    const pick = (k: string) => n.props[k] ?? c[k];
    return {
      app: text(pick('application.name')),
      binary: text(pick('application.process.binary')),
      // the pid the server saw on the socket cannot be made up by the program; application.process.id can
      pid: int(c['pipewire.sec.pid']) ?? int(pick('application.process.id')),
      user: text(pick('application.process.user')),
      access: text(c['pipewire.access']),
    };
  };
  const rows: MediaStreamRow[] = [];
  for (const n of nodes.values()) {
    const cls = text(n.props['media.class']);
    if (!cls || !cls.startsWith('Stream/Input/')) continue;
    const p = prog(n);
    const base: MediaStreamRow = {
      source: SOURCE,
      ...(session ? { session } : {}),
      node_id: n.id,
      media_class: cls,
      ...(text(n.info.state) ? { state: text(n.info.state) } : {}),
      ...(text(n.props['node.name']) ? { node_name: text(n.props['node.name']) } : {}),
      ...(p.app ? { app: p.app } : {}),
      ...(p.binary ? { binary: p.binary } : {}),
      ...(p.pid !== undefined ? { pid: p.pid } : {}),
      ...(p.user ? { user: p.user } : {}),
      ...(p.access ? { access: p.access } : {}),
    };
    const seen = new Set<number>();
    for (const l of links) {
      if (int(l.info['input-node-id']) !== n.id) continue;
      const from = int(l.info['output-node-id']);
      if (from === undefined || seen.has(from)) continue;
      seen.add(from);
      const src = nodes.get(from);
      const sp = src ? prog(src) : undefined;
      const row: MediaStreamRow = { ...base, linked_node_id: from };
      if (src) {
        const set = <K extends keyof MediaStreamRow>(k: K, v: MediaStreamRow[K] | undefined) => {
          if (v !== undefined) row[k] = v;
        };
        set('linked_class', text(src.props['media.class']));
        set('linked_name', text(src.props['node.description']) ?? text(src.props['node.name']));
        set('linked_device_api', text(src.props['device.api']));
        set('linked_role', text(src.props['media.role']));
        set('linked_app', sp?.app ?? sp?.binary);
      }
      if (text(l.info.state)) row.link_state = text(l.info.state);
      rows.push(row);
    }
    if (!seen.size) rows.push(base);
  }
  return rows.sort((a, b) => a.node_id - b.node_id || (a.linked_node_id ?? -1) - (b.linked_node_id ?? -1));
}

export interface PipewireDeps {
  /** Where the users' runtime folders are (tests use a temporary folder). */
  runtimeBase?: string;
}

const errCode = (e: unknown) => (e as NodeJS.ErrnoException).code ?? 'ERROR';

/** User sessions whose PipeWire socket exists; `denied` lists runtime folders we may not look into. */
export function pipewireSessions(base: string): { sessions: string[]; denied: string[]; error?: string } {
  let names: string[];
  try {
    names = readdirSync(base);
  } catch (e) {
    const code = errCode(e);
    return { sessions: [], denied: [], error: code === 'ENOENT' ? undefined : code };
  }
  const sessions: string[] = [];
  const denied: string[] = [];
  for (const n of names.filter((x) => /^\d+$/.test(x)).sort((a, b) => Number(a) - Number(b))) {
    const dir = `${base}/${n}`;
    try {
      if (statSync(`${dir}/pipewire-0`).isSocket()) sessions.push(dir);
    } catch (e) {
      if (['EACCES', 'EPERM'].includes(errCode(e))) denied.push(dir);
    }
  }
  return { sessions, denied };
}

function failure(r: ExecResult, dir: string): Reason | undefined {
  if (r.error === 'ETIMEDOUT') return why('pw-dump-timeout', { dir });
  if (r.error === 'EMAXBUFFER') return why('pw-dump-too-much', { dir, mb: MAX_OUTPUT / 1024 / 1024 });
  if (r.error) return why('pw-dump-start-failed', { dir, detail: r.error });
  if (r.code !== 0) {
    const msg = r.stderr.split('\n').map((l) => l.trim()).find(Boolean);
    return msg ? why('pw-dump-failed-said', { dir, code: r.code ?? 'none', detail: msg.slice(0, 200) }) : why('pw-dump-failed', { dir, code: r.code ?? 'none' });
  }
  return undefined;
}

export function createPipewireCollector(deps: PipewireDeps = {}): Collector {
  const base = deps.runtimeBase ?? RUNTIME_BASE;
  return {
    id: SOURCE,
    tables: ['media_streams'],
    async collect(ctx): Promise<CollectorResult> {
      const rows: MediaStreamRow[] = [];
      const cov = (status: CoverageRow['status'], reasons: readonly Reason[] = []): CollectorResult => ({
        tables: status === 'ok' || status === 'partial' ? { media_streams: rows } : {},
        coverage: [{ source: SOURCE, table: 'media_streams', status, ...maybeReasons(reasons) }],
      });
      const found = pipewireSessions(base);
      if (found.error) return cov('denied', [why('pipewire-base-unlisted', { dir: base, detail: found.error })]);
      if (!found.sessions.length) {
        if (found.denied.length) return cov('denied', [why('pipewire-dirs-denied', { dirs: found.denied.join(', ') })]);
        return cov('unavailable', [why('no-pipewire', { dir: base })]);
      }
      const problems: Reason[] = [];
      for (const dir of found.sessions) {
        // the session is chosen for the child only: its runtime folder and the default socket name
        const r = await ctx.exec(PW_DUMP, [], { timeoutMs: TIMEOUT_MS, maxBuffer: MAX_OUTPUT, env: { XDG_RUNTIME_DIR: dir, PIPEWIRE_REMOTE: 'pipewire-0' } });
        if (r.error === 'ENOENT') return cov('unavailable', [why('pw-dump-missing', { dirs: found.sessions.join(', ') })]);
        const failed = failure(r, dir);
        if (failed) {
          problems.push(failed);
          continue;
        }
        try {
          rows.push(...parsePwDump(r.stdout, dir));
        } catch (e) {
          problems.push(e instanceof PwDumpFormatError ? why(e.code, { dir }) : why('pw-dump-unreadable', { dir, detail: (e as Error).message }));
        }
      }
      const unread = found.denied.length ? [why('pipewire-dirs-unread', { dirs: found.denied.join(', ') })] : [];
      if (problems.length === found.sessions.length) return cov('error', [...problems, ...unread]);
      if (problems.length || unread.length) return cov('partial', [...problems, ...unread]);
      return cov('ok');
    },
  };
}

export const pipewireCollector = createPipewireCollector();
