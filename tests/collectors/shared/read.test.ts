import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReadTally, readRegular, readSmall } from '../../../src/collectors/shared/read.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'bw-read-'));

describe('readRegular: what a planted file cannot do to a scan', () => {
  it('refuses a FIFO at once instead of waiting for a writer', () => {
    const d = tmp();
    execFileSync('mkfifo', [join(d, 'fifo.desktop')]);
    const t = Date.now();
    expect(readRegular(join(d, 'fifo.desktop'))).toMatchObject({ ok: false, why: 'not-regular' });
    expect(Date.now() - t).toBeLessThan(1000);
  });

  it('refuses a symlink to /dev/zero (a device, endless)', () => {
    const d = tmp();
    symlinkSync('/dev/zero', join(d, 'zero.service'));
    expect(readRegular(join(d, 'zero.service'))).toMatchObject({ ok: false, why: 'not-regular' });
  });

  it('refuses a file over the size limit without reading it', () => {
    const d = tmp();
    writeFileSync(join(d, 'big'), Buffer.alloc(2048, 'a'));
    expect(readRegular(join(d, 'big'), { max: 1024 })).toMatchObject({ ok: false, why: 'too-large' });
    expect(readRegular(join(d, 'big'), { max: 4096 })).toMatchObject({ ok: true });
  });

  it('does not follow a link out of the folder being inspected', () => {
    const d = tmp();
    const home = join(d, 'home');
    mkdirSync(home);
    writeFileSync(join(d, 'secret'), 'root only');
    symlinkSync(join(d, 'secret'), join(home, 'x.desktop'));
    writeFileSync(join(home, 'own.desktop'), 'mine');
    expect(readRegular(join(home, 'x.desktop'), { within: home })).toMatchObject({ ok: false, why: 'outside' });
    expect(readSmall(join(home, 'own.desktop'), { within: home })).toBe('mine');
  });

  it('reads files larger than its buffer whole, and /proc files whose size says 0', () => {
    const d = tmp();
    const text = 'x'.repeat(200_000);
    writeFileSync(join(d, 'f'), text);
    expect(readSmall(join(d, 'f'))).toBe(text);
    expect(readSmall('/proc/self/status')).toMatch(/^Name:/);
  });

  it('counts what it could not read, apart from files that are simply absent', () => {
    const d = tmp();
    execFileSync('mkfifo', [join(d, 'p')]);
    const tally = new ReadTally();
    expect(tally.read(join(d, 'p'))).toBeUndefined();
    expect(tally.read(join(d, 'absent'))).toBeUndefined();
    expect(tally.total).toBe(1);
    expect(tally.describe('unit files')).toMatch(/^1 unit files could not be read \(1 not a regular file/);
  });
});
