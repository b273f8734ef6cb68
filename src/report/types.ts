import type { ChalkInstance } from 'chalk';
import type { z } from 'zod';
import type { Lang } from '../i18n/index.js';
import type { ReportSchema } from './schema.js';

export const REPORT_FORMAT = 'bosswatch-report';
export const REPORT_VERSION = 2;
/** What a finding means for the person, most invasive first (zod-free: the scan imports it, the schema too). */
export const FINDING_GROUPS = ['records-activity', 'remote-screen', 'it-management'] as const;

export type Report = z.infer<typeof ReportSchema>;
export type ReportFinding = Report['findings'][number];
export type ReportEvidence = ReportFinding['evidence'][number];
export type ReportCapability = ReportFinding['capabilities'][number];
export type ReportBehaviour = NonNullable<Report['behaviours']>[number];
export type FindingGroup = ReportFinding['group'];

export interface RenderOptions {
  verbose: boolean;
  color: ChalkInstance;
  /** Language of the text; English when not given. */
  lang?: Lang;
  /** Terminal width in columns for wrapping (terminal format only); 80 when not given. */
  width?: number;
}
