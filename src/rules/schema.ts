import { z } from 'zod';
import { Platform, TABLES } from '../snapshot/schema.js';
import { expandRulePath, isHomeRelative } from '../platform/index.js';
import { wildcardCounts } from '../match/glob.js';
import { nameGlobAnchor, pathGlobAnchor } from './anchors.js';
import { CAPABILITIES, CAPABILITY_DEFAULTS, CATEGORIES, HIDDEN_MODE, isCommonName } from './vocabulary.js';

const url = z.url({ protocol: /^https?$/ });
const nonEmpty = z.string().trim().min(1);

// A string is an exact value; `{ glob }` opts into wildcards (`*` within one segment, `**` across segments).
export const Pattern = z.union([nonEmpty, z.strictObject({ glob: nonEmpty, note: nonEmpty.optional() })]);
export type Pattern = z.infer<typeof Pattern>;

export const ProcessIndicator = z
  .strictObject({
    name: nonEmpty.optional(),
    path: nonEmpty.optional(),
    path_glob: nonEmpty.optional(),
    note: nonEmpty.optional(),
  })
  .refine((p) => p.name || p.path || p.path_glob, { message: 'a process indicator needs name, path or path_glob' });
export type ProcessIndicator = z.infer<typeof ProcessIndicator>;

const list = <T extends z.ZodType>(t: T) => z.array(t).min(1).optional();

export const PlatformIndicators = z.strictObject({
  processes: list(ProcessIndicator),
  services: list(Pattern),
  packages: list(Pattern),
  paths: list(Pattern),
  registry: list(Pattern),
  drivers: list(Pattern),
  autostart: list(Pattern),
  browser_extensions: list(nonEmpty),
  bundle_ids: list(Pattern),
  launchd: list(Pattern),
  signers: list(nonEmpty),
});
export type PlatformIndicators = z.infer<typeof PlatformIndicators>;
export type IndicatorKind = keyof PlatformIndicators | 'agent_domains' | 'website_domains';

export const Capability = z.strictObject({
  id: z.enum(Object.keys(CAPABILITIES) as [keyof typeof CAPABILITIES, ...(keyof typeof CAPABILITIES)[]], {
    error: (i) => `unknown capability id ${JSON.stringify(i.input)} (the vocabulary is CAPABILITIES in src/rules/vocabulary.ts)`,
  }),
  default: z.enum(CAPABILITY_DEFAULTS),
  source: url,
  note: nonEmpty.optional(),
});

// Rule text in another language; the English fields stay the source of truth and fill any field left out.
export const RuleTranslation = z.strictObject({
  summary: nonEmpty,
  capabilities: z.record(z.string(), nonEmpty).optional(),
  hidden_mode: nonEmpty.optional(),
});
export type RuleTranslation = z.infer<typeof RuleTranslation>;
/** Languages a rule may be translated into (English is the rule itself). */
export const TRANSLATION_LANGS = ['es'] as const;
export const Translations = z.strictObject({ es: RuleTranslation.optional() });
export type Translations = z.infer<typeof Translations>;

export const Reference = z.strictObject({ url, title: nonEmpty.optional() });

// Where the product ships: the vendor's download or system-requirements page; `gap` names a known lack of indicators.
export const PlatformDeclaration = z.strictObject({
  source: url,
  gap: nonEmpty.optional(),
});
export type PlatformDeclaration = z.infer<typeof PlatformDeclaration>;
export const Platforms = z
  .strictObject({
    windows: PlatformDeclaration.optional(),
    macos: PlatformDeclaration.optional(),
    linux: PlatformDeclaration.optional(),
  })
  .refine((p) => p.windows || p.macos || p.linux, { message: 'platforms needs at least one of windows, macos, linux' });
export type Platforms = z.infer<typeof Platforms>;

// A test case is a partial snapshot: only the tables it needs.
const CaseTables = z.strictObject(
  Object.fromEntries(Object.entries(TABLES).map(([k, v]) => [k, z.array(v).optional()])) as {
    [K in keyof typeof TABLES]: z.ZodOptional<z.ZodArray<(typeof TABLES)[K]>>;
  },
);
export const RuleCase = z.strictObject({
  description: nonEmpty.optional(),
  platform: Platform,
  snapshot: CaseTables,
  expect: z.enum(['high', 'medium', 'low']).optional(),
});
export type RuleCase = z.infer<typeof RuleCase>;

export const Rule = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'id must be kebab-case (a-z, 0-9, -)'),
    name: nonEmpty,
    aliases: z.array(nonEmpty).optional(),
    vendor: nonEmpty,
    category: z.enum(Object.keys(CATEGORIES) as [keyof typeof CATEGORIES, ...(keyof typeof CATEGORIES)[]], {
      error: (i) => `unknown category ${JSON.stringify(i.input)} (one of: ${Object.keys(CATEGORIES).join(', ')})`,
    }),
    website: url,
    summary: nonEmpty,
    platforms: Platforms,
    /** Rules of one product family that share files: their findings merge into one (the id of the rule naming the family). */
    family: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'family must be a rule id (kebab-case)').optional(),
    capabilities: z.array(Capability),
    hidden_mode: z.strictObject({
      supported: z.enum(HIDDEN_MODE),
      source: url.optional(),
      note: nonEmpty.optional(),
    }),
    translations: Translations.optional(),
    indicators: z.strictObject({
      windows: PlatformIndicators.optional(),
      macos: PlatformIndicators.optional(),
      linux: PlatformIndicators.optional(),
      agent_domains: list(nonEmpty),
      website_domains: list(nonEmpty),
    }),
    references: z.array(Reference).min(1),
    last_reviewed: z.iso.date(),
    generated_by: nonEmpty.optional(),
    /** `false`: an installed artefact named exactly like the product is not evidence (the name is ordinary words). */
    name_fallback: z.boolean().optional(),
    tests: z.strictObject(
      {
        positive: z.array(RuleCase).min(1, 'every rule needs at least one positive test case'),
        negative: z.array(RuleCase).min(1, 'every rule needs at least one negative test case'),
      },
      { error: (i) => (i.input === undefined ? 'missing: every rule needs tests.positive and tests.negative cases' : undefined) },
    ),
  })
  .superRefine((rule, ctx) => {
    if (rule.hidden_mode.supported !== 'unknown' && !rule.hidden_mode.source) {
      ctx.addIssue({ code: 'custom', path: ['hidden_mode', 'source'], message: 'a hidden_mode answer of yes or no needs a source' });
    }
    const seen = new Set<string>();
    rule.capabilities.forEach((c, i) => {
      if (seen.has(c.id)) ctx.addIssue({ code: 'custom', path: ['capabilities', i, 'id'], message: `capability ${c.id} is listed twice` });
      seen.add(c.id);
    });
    for (const lang of TRANSLATION_LANGS) {
      const tr = rule.translations?.[lang];
      for (const id of Object.keys(tr?.capabilities ?? {})) {
        const cap = rule.capabilities.find((c) => c.id === id);
        if (!cap || !cap.note) {
          ctx.addIssue({
            code: 'custom',
            path: ['translations', lang, 'capabilities', id],
            message: cap ? `capability ${id} has no English note to translate` : `capability ${id} is not one of this rule's capabilities`,
          });
        }
      }
      if (tr?.hidden_mode && !rule.hidden_mode.note) {
        ctx.addIssue({ code: 'custom', path: ['translations', lang, 'hidden_mode'], message: 'a translated hidden_mode note needs an English hidden_mode.note' });
      }
    }
    for (const platform of ['windows', 'macos', 'linux'] as const) {
      const ind = rule.indicators[platform];
      if (!ind) continue;
      ind.processes?.forEach((p, i) => {
        if (p.name && !p.path && !p.path_glob && isCommonName(p.name)) {
          ctx.addIssue({
            code: 'custom',
            path: ['indicators', platform, 'processes', i, 'name'],
            message: `"${p.name}" is a common or OS name: add path or path_glob`,
          });
        }
      });
      for (const kind of ['services', 'autostart', 'drivers', 'packages', 'launchd'] as const) {
        ind[kind]?.forEach((p, i) => {
          if (typeof p === 'string' && isCommonName(p)) {
            ctx.addIssue({ code: 'custom', path: ['indicators', platform, kind, i], message: `"${p}" is a common or OS name and cannot identify a product` });
          }
        });
      }
      const globs = [
        ...(ind.processes ?? []).flatMap((p, i) => (p.path_glob ? [{ g: p.path_glob, path: ['processes', i, 'path_glob'], isPath: true }] : [])),
        ...(['services', 'packages', 'paths', 'registry', 'drivers', 'autostart', 'bundle_ids', 'launchd'] as const).flatMap((k) =>
          (ind[k] ?? []).flatMap((p, i) => (typeof p === 'object' ? [{ g: p.glob, path: [k, i, 'glob'], isPath: PATH_KINDS.has(k) }] : [])),
        ),
      ];
      // home-relative paths (~, %USERPROFILE%, %APPDATA%, ...) become globs over every home folder, so they need an anchor too
      (ind.paths ?? []).forEach((p, i) => {
        if (typeof p === 'string' && isHomeRelative(p, platform)) globs.push({ g: p, path: ['paths', i], isPath: true });
      });
      (ind.processes ?? []).forEach((p, i) => {
        if (p.path && isHomeRelative(p.path, platform)) globs.push({ g: p.path, path: ['processes', i, 'path'], isPath: true });
      });
      // the glob automaton is linear anyway; the bound keeps rule files readable and collectors' folder walks small
      for (const { g, path } of globs) {
        const n = wildcardCounts(g);
        if (n.star > MAX_STARS || n.globstar > MAX_GLOBSTARS) {
          ctx.addIssue({
            code: 'custom',
            path: ['indicators', platform, ...path],
            message: `glob "${g}" has ${n.star} * and ${n.globstar} ** wildcards; at most ${MAX_STARS} * and ${MAX_GLOBSTARS} ** are allowed`,
          });
        }
      }
      for (const { g, path, isPath } of globs) {
        if (!(isPath ? expandRulePath(g, platform).every((e) => pathGlobAnchor(e.path)) : nameGlobAnchor(g))) {
          ctx.addIssue({
            code: 'custom',
            path: ['indicators', platform, ...path],
            message: isPath
              ? `glob "${g}" needs a distinctive folder or file name (3+ characters, no wildcards, not a standard folder such as AppData or Program Files)`
              : `glob "${g}" must start with at least 3 characters before any wildcard`,
          });
        }
      }
    }
    // a website visit says nothing about what is installed, so it cannot be a rule's only indicator
    const hasIndicator = ['windows', 'macos', 'linux', 'agent_domains'].some((k) => rule.indicators[k as keyof typeof rule.indicators] !== undefined);
    if (!hasIndicator) {
      ctx.addIssue({ code: 'custom', path: ['indicators'], message: 'a rule needs at least one indicator of the installed or running agent (website_domains alone cannot show that)' });
    }
  });
export type Rule = z.infer<typeof Rule>;

const PATH_KINDS = new Set(['paths', 'registry']);
export const MAX_STARS = 8;
export const MAX_GLOBSTARS = 3;
