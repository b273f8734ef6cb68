import { describe, expect, it } from 'vitest';
import { platformStats } from '../../src/rules/stats.js';
import type { RuntimeRule } from '../../src/match/types.js';

const r = (id: string, extra: Partial<RuntimeRule>): RuntimeRule => ({
  id, name: id, vendor: 'v', category: 'time-tracking', website: 'https://example.com/', summary: 's', capabilities: [],
  hidden_mode: { supported: 'unknown' }, indicators: {}, references: [{ url: 'https://example.com/' }], last_reviewed: '2026-11-23', ...extra,
});

describe('rules stats: platform x artefact kind', () => {
  it('counts rules per platform and artefact kind, and lists gaps with their reasons', () => {
    const s = platformStats([
      r('a', {
        platforms: { windows: { source: 'https://example.com/d' }, macos: { source: 'https://example.com/d', gap: 'no source names its files' } },
        indicators: { windows: { processes: [{ path: 'C:\\A\\a.exe' }], services: ['ASvc'], packages: ['A'], signers: ['A Inc.'] }, agent_domains: ['api.a.com'] },
      }),
      r('b', { platforms: { linux: { source: 'https://example.com/d' } }, indicators: { linux: { paths: ['/opt/b'], services: ['b.service'] } } }),
    ]);
    expect(s.products).toEqual({ windows: 1, macos: 1, linux: 1 });
    expect(s.artefacts.windows).toMatchObject({ program_path: 1, service: 1, package: 1, signer: 1, domain: 1, install_folder: 0 });
    expect(s.artefacts.macos).toMatchObject({ program_path: 0, domain: 1 });
    expect(s.artefacts.linux).toMatchObject({ install_folder: 1, service: 1, domain: 0 });
    expect(s.gaps).toEqual([{ rule: 'a', name: 'a', platform: 'macos', gap: 'no source names its files' }]);
  });
});
