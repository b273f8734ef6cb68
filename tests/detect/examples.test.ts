import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectBehaviours } from '../../src/detect/index.js';
import type { Snapshot } from '../../src/snapshot/schema.js';

// A clean machine — with its display server, compositor, video-call apps and security tools — shows no behaviour.
const dir = new URL('../../examples/snapshots/', import.meta.url);
const clean = readdirSync(dir).filter((f) => f.endsWith('-clean.json'));

describe('clean example machines', () => {
  it.each(clean)('%s gives no behaviour finding', (file) => {
    const s = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as Snapshot;
    expect(detectBehaviours(s)).toEqual([]);
  });
});
