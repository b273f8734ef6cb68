// The inventory script's sections as the issue #11 garbage cases: a section whose data is missing, is not an object,
// lacks its list, or holds items of the wrong kind is not "nothing found"; real sections stay ok.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseWindowsInventory, SECTION_LISTS, SECTION_NAMES, SECTIONS, sectionShape } from '../../../src/collectors/windows/inventory.js';

const clean = JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/windows/machines/clean.inventory.json'), 'utf8')) as Record<string, { data?: unknown }>;

/** The clean recording with one section replaced. */
function withSection(name: string, section: unknown): string {
  return JSON.stringify({ ...clean, [name]: section });
}

describe('inventory sections must have the shape the script writes', () => {
  it('every section of the real clean recording has its lists', () => {
    for (const s of SECTION_NAMES) expect(sectionShape(s, clean[s]?.data), s).toEqual({ bad: 0, total: expect.any(Number) });
    const res = parseWindowsInventory(JSON.stringify(clean));
    expect(res.coverage.filter((c) => /not in the (expected )?form/.test(c.reason ?? ''))).toEqual([]);
  });

  for (const s of SECTION_NAMES) {
    it(`${s}: missing data, the wrong type, a missing list or only wrong items is an error, not ok`, () => {
      const list = SECTION_LISTS[s][0];
      const good = (clean[s]?.data ?? {}) as Record<string, unknown>;
      for (const [what, data] of [
        ['no data', undefined],
        ['a string', 'garbage'],
        ['a number', 42],
        [`no "${list}"`, { ...good, [list]: undefined }],
        [`"${list}" a number`, { ...good, [list]: 7 }],
        [`every list of numbers`, { ...good, ...Object.fromEntries(SECTION_LISTS[s].map((f) => [f, [1, 2, 3]])) }],
      ] as const) {
        const row = parseWindowsInventory(withSection(s, { data, ms: 1 })).coverage.find((c) => c.source === SECTIONS[s].source);
        expect(row?.status, `${s}: ${what}`).toBe('error');
        expect(row?.reason, `${s}: ${what}`).toMatch(/not in the form bosswatch expects/);
      }
    });
  }

  it('some items of the wrong kind among good ones: partial, with counts', () => {
    const items = (clean.services.data as { items: unknown[] }).items;
    const res = parseWindowsInventory(withSection('services', { data: { items: [...items, 'junk', 5] }, ms: 1 }));
    const row = res.coverage.find((c) => c.source === 'windows/services')!;
    expect(row.status).toBe('partial');
    expect(row.reason).toContain(`2 of ${items.length + 2} item(s) PowerShell returned for this step were not in the expected form`);
    expect(res.tables.services?.length).toBeGreaterThan(0);
  });

  it('an empty list is a real empty answer, and a missing hosts file needs no lines', () => {
    const res = parseWindowsInventory(withSection('listening', { data: { items: [] }, ms: 1 }));
    expect(res.coverage.find((c) => c.source === 'windows/listening')?.status).toBe('ok');
    const hosts = parseWindowsInventory(withSection('hosts_file', { data: { path: 'C:\\Windows\\System32\\drivers\\etc\\hosts', exists: false }, ms: 1 }));
    expect(hosts.coverage.find((c) => c.source === 'windows/hosts-file')?.status).toBe('ok');
  });

  it('a behaviour-facts section with neither data nor an error is reported, not dropped', () => {
    const res = parseWindowsInventory(withSection('behaviour_facts', { ms: 1 }));
    expect(res.coverage.find((c) => c.source === 'windows/behaviour-facts')).toMatchObject({ status: 'error' });
  });
});
