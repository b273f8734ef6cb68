// Lists in reports are joined without Intl.ListFormat for speed; they must read exactly as ICU writes them.
import { describe, expect, it } from 'vitest';
import { BEHAVIOUR_IDS } from '../../src/detect/messages.js';
import { CATALOGUES } from '../../src/i18n/index.js';
import { listOf } from '../../src/report/view.js';

const intl = (lang: string, items: string[]) => new Intl.ListFormat(lang, { type: 'conjunction', style: 'long' }).format(items);

describe('listOf', () => {
  // every catalogue text (capability names, checked tables, ...) and words where Spanish "y" becomes "e"
  const words = [...new Set([...Object.values(CATALOGUES.en), ...Object.values(CATALOGUES.es)].map((v) => v.split(/[\s,.;:()]+/)[0]).filter(Boolean))];
  words.push('información', 'Iglesia', 'hijos', 'Hielo', 'hierba', 'ïa', 'ídolo', 'y', 'e', '1', '11', 'ocho', 'Ana y Luis', '');
  for (const lang of ['en', 'es'] as const) {
    it(`${lang}: equals Intl.ListFormat for lists of 0 to 5 items ending in every catalogue word`, () => {
      expect(listOf(lang, [])).toBe(intl(lang, []));
      for (let i = 0; i < words.length; i++) {
        for (let n = 1; n <= 5; n++) {
          const items = Array.from({ length: n }, (_, k) => words[(i + words.length - n + 1 + k) % words.length]);
          expect(listOf(lang, items)).toBe(intl(lang, items));
        }
      }
    });
  }
});

describe('behaviour order', () => {
  it('ids are [a-z0-9.-], where comparing code units orders them as localeCompare does', () => {
    for (const id of BEHAVIOUR_IDS) expect(id).toMatch(/^[a-z0-9.-]+$/);
    const ids = [...BEHAVIOUR_IDS, 'a', 'a-b', 'a.b', 'a0', 'ab', 'a-'];
    expect([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual([...ids].sort((a, b) => a.localeCompare(b)));
  });
});
