import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.js';
import { es } from '../../src/i18n/es.js';
import { CATALOGUES, LANGS, langFromEnv, langOfLocale, translator } from '../../src/i18n/index.js';
import { CAPABILITIES, CATEGORIES } from '../../src/rules/vocabulary.js';

const placeholders = (s: string) => [...s.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  it('Spanish has exactly the keys of English, no more and no fewer', () => {
    const enKeys = Object.keys(en).sort();
    const esKeys = Object.keys(es).sort();
    expect(esKeys.filter((k) => !enKeys.includes(k)), 'in es.ts but not en.ts').toEqual([]);
    expect(enKeys.filter((k) => !esKeys.includes(k)), 'in en.ts but not es.ts').toEqual([]);
    for (const lang of LANGS) expect(Object.keys(CATALOGUES[lang]).sort()).toEqual(enKeys);
  });

  it('every message is non-empty and uses the same placeholders in both languages', () => {
    for (const [key, text] of Object.entries(en)) {
      const other = (es as Record<string, string>)[key];
      expect(text.trim(), key).not.toBe('');
      expect(other.trim(), key).not.toBe('');
      expect(placeholders(other), key).toEqual(placeholders(text));
    }
  });

  it('every plural message has its .one and .other form', () => {
    for (const key of Object.keys(en)) {
      if (key.endsWith('.one')) expect(Object.hasOwn(en, key.replace(/\.one$/, '.other')), key).toBe(true);
      if (key.endsWith('.other')) expect(Object.hasOwn(en, key.replace(/\.other$/, '.one')), key).toBe(true);
    }
  });

  it('has words for every capability and category of the rule vocabulary, in both languages', () => {
    for (const id of Object.keys(CAPABILITIES)) for (const l of LANGS) expect(CATALOGUES[l], id).toHaveProperty([`capability.${id}`]);
    for (const id of Object.keys(CATEGORIES)) for (const l of LANGS) expect(CATALOGUES[l], id).toHaveProperty([`category.${id}`]);
    expect(CAPABILITIES.keystrokes).toBe(en['capability.keystrokes']);
  });

  it('fills placeholders and picks plural forms', () => {
    const t = translator('es');
    expect(t.t('error.unknown-format', { format: 'pdf', formats: 'json' })).toBe('formato desconocido «pdf» (usa json)');
    expect(translator('en').t('confidence.high')).toBe('high confidence');
  });
});

describe('language from the environment', () => {
  it('reads LC_ALL, then LC_MESSAGES, then LANG, and falls back to English', () => {
    expect(langFromEnv({ LANG: 'es_ES.UTF-8' })).toBe('es');
    expect(langFromEnv({ LANG: 'es_MX' })).toBe('es');
    expect(langFromEnv({ LC_ALL: 'en_GB.UTF-8', LANG: 'es_ES.UTF-8' })).toBe('en');
    expect(langFromEnv({ LC_MESSAGES: 'es_AR.UTF-8', LANG: 'en_US.UTF-8' })).toBe('es');
    expect(langFromEnv({ LC_ALL: '', LANG: 'es_ES.UTF-8' })).toBe('es');
    expect(langFromEnv({ LANG: 'fr_FR.UTF-8' })).toBe('en');
    expect(langFromEnv({ LANG: 'C' })).toBe('en');
    expect(langFromEnv({ LANG: 'C.UTF-8' })).toBe('en');
    expect(langFromEnv({})).toBe('en');
    expect(langOfLocale('es-419')).toBe('es');
  });
});
