import type { ChalkInstance } from 'chalk';
import type { z } from 'zod';
import type { ReportSchema } from './schema.js';

export const REPORT_FORMAT = 'bosswatch-report';
export const REPORT_VERSION = 1;

export type Report = z.infer<typeof ReportSchema>;
export type ReportFinding = Report['findings'][number];
export type ReportEvidence = ReportFinding['evidence'][number];
export type ReportCapability = ReportFinding['capabilities'][number];
export type InputDeviceObservation = Report['observations']['input_devices'][number];

export interface RenderOptions {
  verbose: boolean;
  color: ChalkInstance;
}
