import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { explainBehaviourText, behaviourIdOf } from '../../src/detect/explain.js';
import { DETECTORS } from '../../src/detect/index.js';
import { BEHAVIOUR_IDS, WHAT } from '../../src/detect/messages.js';
import { CATALOGUES, LANGS } from '../../src/i18n/index.js';
import { CAPABILITIES } from '../../src/rules/vocabulary.js';

describe('behaviour framework', () => {
  it('gives every behaviour a title, a meaning, what it does not prove and how it is found, in every language', () => {
    for (const lang of LANGS) {
      const cat = CATALOGUES[lang] as Record<string, string>;
      for (const id of BEHAVIOUR_IDS) for (const part of ['title', 'means', 'not_proof', 'how']) expect(cat[`behaviour.${id}.${part}`], `${lang} ${id}.${part}`).toBeTruthy();
      for (const w of Object.keys(WHAT)) expect(cat[`behaviour.what.${w}`], `${lang} what.${w}`).toBeTruthy();
    }
  });

  it('has one detector per id, with capabilities from the rules vocabulary and public sources', () => {
    const ids = DETECTORS.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const d of DETECTORS) {
      expect(BEHAVIOUR_IDS).toContain(d.id);
      for (const c of d.capabilities) expect(Object.keys(CAPABILITIES)).toContain(c);
      expect(d.sources.length, d.id).toBeGreaterThan(0);
      for (const s of d.sources) expect(s).toMatch(/^https:\/\//);
    }
  });

  it('explains a behaviour by its id, in English and Spanish', () => {
    const c = new Chalk({ level: 0 });
    expect(behaviourIdOf('Input.Device-Reader')).toBe('input.device-reader');
    expect(behaviourIdOf('teramind')).toBeUndefined();
    const text = explainBehaviourText('input.x11-listener', c);
    expect(text).toContain('A program listens to every key on the X display — input.x11-listener');
    expect(text).toContain('Records the keys you type, including the text itself.');
    expect(text).toContain('https://manpages.debian.org/bookworm/xinput/xinput.1.en.html');
    expect(explainBehaviourText('input.x11-listener', c, 'es')).toContain('Un programa escucha todas las teclas de la pantalla X');
  });
});
