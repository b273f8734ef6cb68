import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeFileAtomic } from '../../src/commands/io.js';

const HAS_MKFIFO = spawnSync('mkfifo', ['--version']).status === 0;
const HAS_FULL = fs.existsSync('/dev/full') && fs.lstatSync('/dev/full').isCharacterDevice();

describe('--output over something that is not a regular file', () => {
  it.skipIf(!HAS_MKFIFO)('writes through a named pipe instead of replacing it with a file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bw-io-'));
    const fifo = path.join(dir, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = spawn('cat', [fifo]);
    let got = '';
    reader.stdout.on('data', (d) => (got += d));
    const done = new Promise((r) => reader.on('close', r));
    writeFileAtomic(fifo, 'report text\n');
    await done;
    expect(got).toBe('report text\n');
    expect(fs.lstatSync(fifo).isFIFO()).toBe(true);
    expect(fs.readdirSync(dir)).toEqual(['pipe']);
    fs.rmSync(dir, { recursive: true });
  });

  it('writes through /dev/null, which stays a device', () => {
    writeFileAtomic('/dev/null', 'x');
    expect(fs.lstatSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it.skipIf(!HAS_FULL)('a full device gives one error line, not a replaced device', () => {
    expect(() => writeFileAtomic('/dev/full', 'x')).toThrow(/cannot write \/dev\/full/);
    expect(fs.lstatSync('/dev/full').isCharacterDevice()).toBe(true);
  });
});
