import type { Progress } from './shared/progress.js';
import type { CoverageRow, Host, Platform, Snapshot, TableName } from '../snapshot/schema.js';

export interface ExecResult {
  stdout: string;
  stderr: string;
  /** null when the process was killed (timeout) or could not start. */
  code: number | null;
  /** Set when the command could not be started (ENOENT = not installed, EACCES = not allowed) or timed out (ETIMEDOUT). */
  error?: 'ENOENT' | 'EACCES' | 'ETIMEDOUT' | string;
}

export interface ExecOptions {
  timeoutMs?: number;
  /** Text written to the child's standard input (e.g. a PowerShell script). */
  input?: string;
  maxBuffer?: number;
  /** Variables set for this command on top of the defaults (the default locale is C). */
  env?: Readonly<Record<string, string>>;
  /** Called with each piece of standard output as it arrives (for progress); the result still holds all of it. */
  onStdout?: (chunk: string) => void;
}

/** The single way collectors start processes: argv array, no shell, with a timeout. */
export type Exec = (file: string, args: readonly string[], options?: ExecOptions) => Promise<ExecResult>;

/** Paths every rule names for one platform: checked for existence by the `files` collectors. */
export interface RulePaths {
  exact: string[];
  globs: string[];
}

export interface CollectContext {
  platform: Platform;
  exec: Exec;
  /** Paths named by the loaded rules for this platform. */
  rulePaths: RulePaths;
  /** Registry keys named by the loaded rules (Windows). */
  registryKeys: string[];
  /** Home directory of the user running the scan. */
  home: string;
  /** Whether the scan runs as root / Administrator. */
  elevated: boolean;
  env: NodeJS.ProcessEnv;
  /** Status line for long steps (silent unless stderr is a terminal). */
  progress?: Progress;
}

/** What a collector contributes: rows for one or more tables, plus a coverage line per table it tried. */
export type Tables = { [K in TableName]?: NonNullable<Snapshot[K]> };

export interface CollectorResult {
  tables: Tables;
  coverage: CoverageRow[];
  host?: Partial<Host>;
}

export interface Collector {
  /** e.g. "linux/processes" — used as the coverage source. */
  id: string;
  /** Tables it fills, for documentation and coverage of collectors that crash. */
  tables: TableName[];
  collect(ctx: CollectContext): Promise<CollectorResult>;
}
