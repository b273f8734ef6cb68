import { en } from '../../src/i18n/en.js';
import { es } from '../../src/i18n/es.js';

// The English catalogue as phrases to look for: every run of 4+ words between placeholders of a message Spanish words differently.
const MIN_WORDS = 4;
const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

export const ENGLISH_PHRASES: readonly { key: string; phrase: string }[] = Object.entries(en).flatMap(([key, text]) => {
  if ((es as Record<string, string>)[key] === text) return [];
  return text
    .split(/\{[a-z_]+\}|\n/)
    .map((part) => norm(part.replace(/^[\s.,;:()'"«»·—-]+|[\s.,;:()'"«»·—-]+$/g, '')))
    .filter((part) => part.split(' ').filter((w) => /[a-z]{2}/.test(w)).length >= MIN_WORDS)
    .map((phrase) => ({ key, phrase }));
});

/** Text as a reader sees it: tags dropped and entities decoded (HTML), JSON and CSV quoting undone, lines joined. */
export function readable(text: string): string {
  return norm(
    text
      .replace(/<[^>]*>/g, ' ')
      .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
      .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCodePoint(parseInt(h, 16)))
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
      .replace(/\\"/g, '"')
      .replace(/""/g, '"'),
  );
}

/** The English catalogue phrases found in text, e.g. a Spanish report ("key: phrase" for the failure message). */
export function englishIn(text: string): string[] {
  const r = readable(text);
  return ENGLISH_PHRASES.filter(({ phrase }) => r.includes(phrase)).map(({ key, phrase }) => `${key}: ${phrase}`);
}
