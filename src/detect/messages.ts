import { CATALOGUES, translator, type Lang, type MessageKey } from '../i18n/index.js';
import type { detectEn } from '../i18n/detect.en.js';

// Behaviour ids and the keys of their texts; the words themselves live in src/i18n/behaviours.{en,es}.ts.

export const BEHAVIOUR_IDS = [
  'input.device-reader',
  'input.virtual-device',
  'input.group-access',
  'input.x11-listener',
  'screen.capture-process',
  'screen.pipewire-stream',
  'screen.portal-permission',
  'remote.vnc-listening',
  'session.tty-audit',
  'session.tlog',
  'preload.ld-so-preload',
  'preload.ld-preload-env',
  'macos.event-tap',
  'macos.privacy-grant',
  'macos.mdm-granted',
  'macos.endpoint-security-extension',
  'macos.network-filter',
  'windows.input-filter-driver',
  'windows.appinit-dlls',
  'windows.wmi-subscription',
  'windows.os-name-impersonation',
  'windows.hidden-program-service',
  'windows.camera-mic-use',
  'windows.recall-enabled',
  'windows.rdp-shadow-no-consent',
  'browser.forced-extension',
  'browser.reporting-connector',
  'browser.proxy',
  'browser.url-logging',
  'tls.extra-root-ca',
  'device.managed',
  'ai.usage-export',
] as const;
export type BehaviourId = (typeof BEHAVIOUR_IDS)[number];

export interface BehaviourText {
  /** Short name of what was seen. */
  title: string;
  /** One plain sentence: what it means for the person at this computer. */
  means: string;
  /** One plain sentence: what it does not prove. */
  not_proof: string;
  /** How bosswatch looks for it (for `bosswatch explain`). */
  how: string;
}

export function behaviourText(id: BehaviourId, lang?: Lang): BehaviourText {
  const { t } = translator(lang);
  const k = (part: string) => t(`behaviour.${id}.${part}` as MessageKey);
  return { title: k('title'), means: k('means'), not_proof: k('not_proof'), how: k('how') };
}

/** Keys of the plain words for evidence rows (behaviour.what.<key> in the catalogues). */
export const WHAT = {
  process: 'process',
  openDevice: 'openDevice',
  commandLine: 'commandLine',
  setting: 'setting',
  policy: 'policy',
  file: 'file',
  group: 'group',
  udev: 'udev',
  listening: 'listening',
  permission: 'permission',
  extension: 'extension',
  driver: 'driver',
  service: 'service',
  program: 'program',
  certificate: 'certificate',
  stream: 'stream',
  tap: 'tap',
  consent: 'consent',
  enrolment: 'enrolment',
} as const;
export type WhatKey = keyof typeof WHAT;

export const whatText = (what: WhatKey, lang?: Lang) => translator(lang).t(`behaviour.what.${what}` as MessageKey);

export function behavioursHeading(lang?: Lang): { title: string; intro: string; explained: string } {
  const { t } = translator(lang);
  return { title: t('behaviours.title'), intro: t('behaviours.intro'), explained: t('behaviours.explained') };
}

/** Keys of the evidence lines of behaviour findings (src/i18n/detect.{en,es}.ts). */
export type DetectKey = keyof typeof detectEn;
/** Values from the machine that fill an evidence line; an absent one drops the [[ ... ]] part that names it. */
export type EvidenceParams = Readonly<Record<string, string | number>>;

export const isDetectKey = (key: string): key is DetectKey => key.startsWith('detect.') && Object.hasOwn(CATALOGUES.en, key);

/** An evidence line in a language: [[ ... ]] parts whose placeholders all have values are kept, then {placeholders} filled. */
export function evidenceText(key: DetectKey, params: EvidenceParams, lang: Lang = 'en'): string {
  const template = CATALOGUES[lang][key] ?? CATALOGUES.en[key];
  const has = (name: string) => Object.hasOwn(params, name) && params[name] !== undefined;
  const kept = template.replace(/\[\[(.*?)\]\]/g, (_m, part: string) => ([...part.matchAll(/\{([a-z_]+)\}/g)].every((m) => has(m[1])) ? part : ''));
  // one pass over the template, so a value that looks like {name} or [[ is shown as it is
  return kept.replace(/\{([a-z_]+)\}/g, (m, name: string) => (has(name) ? String(params[name]) : m));
}
