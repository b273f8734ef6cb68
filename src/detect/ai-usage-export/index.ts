import type { CapabilityId } from '../../rules/vocabulary.js';
import type { Snapshot } from '../../snapshot/schema.js';
import { settingEvidence, settingRows } from '../lib.js';
import type { BehaviourFinding, Detector } from '../types.js';

const on = (v: string | undefined) => v !== undefined && /^(1|true|yes|on)$/i.test(v.trim());

/**
 * Claude Code managed settings (env block) that export telemetry: CLAUDE_CODE_ENABLE_TELEMETRY=1 with an exporter
 * other than the console, and OTEL_LOG_USER_PROMPTS=1 which adds the prompt text to the exported events.
 */
export function detectAiUsageExport(s: Snapshot): BehaviourFinding[] {
  const rows = settingRows(s, (r) => r.app === 'claude-code' && r.key.startsWith('env.'));
  const byFile = new Map<string, typeof rows>();
  for (const x of rows) byFile.set(x.r.file ?? '', [...(byFile.get(x.r.file ?? '') ?? []), x]);
  const out: BehaviourFinding[] = [];
  for (const [file, list] of byFile) {
    const env = new Map(list.map((x) => [x.r.key.slice(4), x]));
    const enabled = env.get('CLAUDE_CODE_ENABLE_TELEMETRY');
    if (!enabled || !on(enabled.r.value)) continue;
    const exporters = ['OTEL_METRICS_EXPORTER', 'OTEL_LOGS_EXPORTER', 'OTEL_TRACES_EXPORTER'].map((k) => env.get(k)).filter((x) => x && x.r.value && !/^(none|console)$/i.test(x.r.value.trim()));
    if (!exporters.length) continue;
    const endpoints = [...env.entries()].filter(([k]) => /^OTEL_EXPORTER_OTLP(_[A-Z]+)?_ENDPOINT$/.test(k)).map(([, x]) => x);
    const prompts = env.get('OTEL_LOG_USER_PROMPTS');
    const logsPrompts = prompts && on(prompts.r.value);
    const capabilities: CapabilityId[] = logsPrompts ? ['app-usage', 'chat'] : ['app-usage'];
    const evidence = [enabled, ...exporters, ...endpoints, ...(logsPrompts ? [prompts] : [])].map((x) => settingEvidence(x!.r, x!.row, 'policy'));
    const endpoint = endpoints[0]?.r.value;
    out.push({
      id: 'ai.usage-export',
      capabilities,
      confidence: 'high',
      subject: { kind: 'setting', file, key: logsPrompts ? 'env.OTEL_LOG_USER_PROMPTS' : 'env.CLAUDE_CODE_ENABLE_TELEMETRY', ...(endpoint ? { value: endpoint } : {}) },
      evidence,
    });
  }
  return out;
}

export const aiUsageExport: Detector = {
  id: 'ai.usage-export',
  platforms: ['linux', 'macos', 'windows'],
  capabilities: ['app-usage', 'chat'],
  sources: ['https://code.claude.com/docs/en/monitoring-usage', 'https://code.claude.com/docs/en/settings'],
  detect: detectAiUsageExport,
};
