import type { Exec, ExecResult } from '../types.js';

/** The one place a collector's process is started: no shell, argv array, timeout, bounded output. */
export const realExec: Exec = async (file, args, options = {}) => {
  // loaded on first use: many scans on Linux start no process at all
  const { spawn } = await import('node:child_process');
  return new Promise<ExecResult>((resolve) => {
    const timeoutMs = options.timeoutMs ?? 20_000;
    const maxBuffer = options.maxBuffer ?? 64 * 1024 * 1024;
    let child;
    try {
      child = spawn(file, args, { shell: false, windowsHide: true, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C', ...options.env } });
    } catch (e) {
      resolve({ stdout: '', stderr: String(e), code: null, error: (e as NodeJS.ErrnoException).code ?? 'ERROR' });
      return;
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    let error: string | undefined;
    const timer = setTimeout(() => {
      error = 'ETIMEDOUT';
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (d: Buffer) => {
      size += d.length;
      if (size > maxBuffer) {
        error = 'EMAXBUFFER';
        child.kill('SIGKILL');
      } else out.push(d);
    });
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', (e: NodeJS.ErrnoException) => {
      error = e.code ?? 'ERROR';
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), code: error ? null : code, error });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
  });
};
