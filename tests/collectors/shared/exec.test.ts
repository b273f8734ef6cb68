import { describe, expect, it } from 'vitest';
import { realExec } from '../../../src/collectors/shared/exec.js';

// Each helper command misbehaves in one way a hostile or broken machine can arrange.
describe('realExec under faulty helper commands', () => {
  it('reports a missing command as ENOENT', async () => {
    const r = await realExec('/nonexistent/bosswatch-no-such-tool', []);
    expect(r.error).toBe('ENOENT');
    expect(r.code).toBeNull();
  });

  it('kills a hanging command at its timeout', async () => {
    const t = Date.now();
    const r = await realExec('sleep', ['30'], { timeoutMs: 300 });
    expect(r.error).toBe('ETIMEDOUT');
    expect(Date.now() - t).toBeLessThan(5_000);
  });

  it('kills the whole process group when a grandchild keeps the pipe open past the timeout', async () => {
    const t = Date.now();
    const r = await realExec('sh', ['-c', 'sleep 30 & sleep 30'], { timeoutMs: 300 });
    expect(r.error).toBe('ETIMEDOUT');
    expect(Date.now() - t).toBeLessThan(5_000);
  });

  it('returns soon after the command exits even if a background child holds its output pipe', async () => {
    const t = Date.now();
    const r = await realExec('sh', ['-c', 'echo done; sleep 30 &'], { timeoutMs: 20_000 });
    expect(r.stdout).toBe('done\n');
    expect(r.code).toBe(0);
    expect(Date.now() - t).toBeLessThan(5_000);
  });

  it('stops a command that floods standard output', async () => {
    const r = await realExec('sh', ['-c', 'exec head -c 50000000 /dev/zero'], { maxBuffer: 1024 * 1024 });
    expect(r.error).toBe('EMAXBUFFER');
    expect(r.stdout.length).toBeLessThanOrEqual(1024 * 1024);
  });

  it('keeps only the start of a flood on standard error', async () => {
    const r = await realExec('sh', ['-c', 'head -c 30000000 /dev/zero >&2; echo ok']);
    expect(r.stdout).toBe('ok\n');
    expect(r.stderr.length).toBeLessThanOrEqual(64 * 1024);
  });

  it('passes a non-zero exit code through', async () => {
    const r = await realExec('sh', ['-c', 'echo partial; exit 3']);
    expect(r.code).toBe(3);
    expect(r.error).toBeUndefined();
    expect(r.stdout).toBe('partial\n');
  });

  it('adds requested environment variables', async () => {
    const r = await realExec('sh', ['-c', 'echo "$LC_ALL"'], { env: { LC_ALL: 'C.UTF-8' } });
    expect(r.stdout).toBe('C.UTF-8\n');
  });
});
