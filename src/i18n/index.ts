import { en, type MessageKey } from './en.js';
import { es } from './es.js';

export type { MessageKey };
export const LANGS = ['en', 'es'] as const;
export type Lang = (typeof LANGS)[number];
export type Params = Readonly<Record<string, string | number>>;
/** Keys with plural forms: `x.one` and `x.other` both exist. */
type Plural<K> = K extends `${infer B}.one` ? (`${B}.other` extends MessageKey ? B : never) : never;
export type PluralKey = Plural<MessageKey>;

export const CATALOGUES: Readonly<Record<Lang, Readonly<Record<MessageKey, string>>>> = { en, es };

export interface Translator {
  readonly lang: Lang;
  /** The message for key in this language, with {placeholders} filled from params (no escaping: renderers escape). */
  t(key: MessageKey, params?: Params): string;
  /** The plural form of key for count; {n} is the count. */
  n(key: PluralKey, count: number, params?: Params): string;
}

const fill = (text: string, params?: Params) =>
  params ? text.replace(/\{([a-z_]+)\}/g, (m, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : m)) : text;

const cache = new Map<Lang, Translator>();

export function translator(lang: Lang = 'en'): Translator {
  let tr = cache.get(lang);
  if (!tr) {
    const cat = CATALOGUES[lang];
    const t = (key: MessageKey, params?: Params) => fill(cat[key] ?? en[key], params);
    // English and Spanish both use "one" for exactly 1 and "other" otherwise
    const n = (key: PluralKey, count: number, params?: Params) =>
      t(`${key}.${count === 1 ? 'one' : 'other'}` as MessageKey, { ...params, n: count });
    tr = Object.freeze({ lang, t, n });
    cache.set(lang, tr);
  }
  return tr;
}

export const isLang = (s: string): s is Lang => (LANGS as readonly string[]).includes(s);

/** The language of a locale name such as es_ES.UTF-8, es-MX or en_GB; undefined when it is not one we have. */
export function langOfLocale(locale: string | undefined): Lang | undefined {
  if (!locale) return undefined;
  const base = locale.trim().toLowerCase().split(/[_.@-]/)[0];
  return isLang(base) ? base : undefined;
}

/** POSIX order: LC_ALL, then LC_MESSAGES, then LANG; the first one set decides, and an unknown language is English. */
export function langFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): Lang {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const v = env[name];
    if (v) return langOfLocale(v) ?? 'en';
  }
  return 'en';
}
