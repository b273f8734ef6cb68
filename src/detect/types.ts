import type { CapabilityId } from '../rules/vocabulary.js';
import type { Platform, Snapshot, TableName } from '../snapshot/schema.js';
import type { BehaviourId, DetectKey, EvidenceParams, WhatKey } from './messages.js';

export type Confidence = 'high' | 'medium' | 'low';

/** What the behaviour is about: a running program, or a setting someone configured. */
export type BehaviourSubject =
  | { kind: 'process'; pid?: number; name: string; path?: string }
  | { kind: 'setting'; file?: string; key?: string; value?: string };

export interface BehaviourEvidence {
  table: TableName;
  /** Index of the row in its snapshot table (used to tell whether a product finding already explains it). */
  row: number;
  /** The evidence line in English (a path, a device, a policy name with its value, a plain sentence), for older readers. */
  item: string;
  /** The line's message key (src/i18n/detect.*.ts): renderers say it in the report's language from params. */
  key: DetectKey;
  /** Values from the machine that fill the line (paths, names), escaped by renderers like any machine value. */
  params: EvidenceParams;
  /** What the row is (a key of the plain words in the catalogues: process, openDevice, policy...). */
  what: WhatKey;
}

export interface BehaviourFinding {
  id: BehaviourId;
  capabilities: CapabilityId[];
  confidence: Confidence;
  subject: BehaviourSubject;
  evidence: BehaviourEvidence[];
}

/** One behaviour: a pure function from a snapshot to findings, with the public sources that describe the technique. */
export interface Detector {
  id: BehaviourId;
  platforms: readonly Platform[];
  capabilities: readonly CapabilityId[];
  /** Where the technique and its traces are documented (vendor or project docs first). */
  sources: readonly string[];
  detect(s: Snapshot): BehaviourFinding[];
}
