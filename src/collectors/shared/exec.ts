import type { Exec, ExecResult } from '../types.js';

const DEFAULT_TIMEOUT_MS = 20_000;
const DEFAULT_MAX_BUFFER = 64 * 1024 * 1024;
// standard error only explains failures: a flood there must not cost memory
const MAX_STDERR = 64 * 1024;

/** The one place a collector's process is started: no shell, argv array, timeout, bounded output. */
export const realExec: Exec = async (file, args, options = {}) => {
  // loaded on first use: many scans on Linux start no process at all
  const { spawn } = await import('node:child_process');
  return new Promise<ExecResult>((resolve) => {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const maxBuffer = options.maxBuffer ?? DEFAULT_MAX_BUFFER;
    const group = process.platform !== 'win32';
    let child: import('node:child_process').ChildProcessWithoutNullStreams;
    try {
      // a process group of its own, so that a timeout also ends the grandchildren that hold our pipes open
      child = spawn(file, args, {
        shell: false,
        windowsHide: true,
        detached: group,
        stdio: ['pipe', 'pipe', 'pipe'],
        env: { ...process.env, LC_ALL: 'C', ...options.env },
      });
    } catch (e) {
      resolve({ stdout: '', stderr: String(e), code: null, error: (e as NodeJS.ErrnoException).code ?? 'ERROR' });
      return;
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    let errSize = 0;
    let error: string | undefined;
    let done = false;
    let grace: NodeJS.Timeout | undefined;
    let late: NodeJS.Timeout | undefined;
    const kill = () => {
      try {
        if (group && child.pid) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const finish = (code: number | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearTimeout(grace);
      clearTimeout(late);
      child.stdout.destroy();
      child.stderr.destroy();
      resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), code: error ? null : code, error });
    };
    // after a kill, do not wait for pipes that a process outside the group may still hold
    const stop = (why: string) => {
      error ??= why;
      kill();
      late ??= setTimeout(() => finish(null), 200);
    };
    const timer = setTimeout(() => stop('ETIMEDOUT'), timeoutMs);
    child.stdout.on('data', (d: Buffer) => {
      if (done) return;
      size += d.length;
      if (size > maxBuffer) stop('EMAXBUFFER');
      else {
        out.push(d);
        try {
          options.onStdout?.(d.toString('latin1'));
        } catch {
          // a progress display must never break collection
        }
      }
    });
    child.stderr.on('data', (d: Buffer) => {
      if (errSize < MAX_STDERR) err.push(d.subarray(0, MAX_STDERR - errSize));
      errSize += d.length;
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      error ??= e.code ?? 'ERROR';
      finish(null);
    });
    child.on('close', (code) => finish(code));
    // a grandchild that inherited our pipes must not keep the scan waiting once the command itself has ended
    child.on('exit', (code) => {
      if (!done) grace = setTimeout(() => {
        kill();
        finish(code);
      }, 1000);
    });
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
  });
};
