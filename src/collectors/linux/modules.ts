import { readText } from '../shared/read.js';
import type { DriverRow } from '../../snapshot/schema.js';
import type { Collector, CollectorResult } from '../types.js';
import { reason } from '../shared/reason.js';

/** /proc/modules: "name size refcount deps state address". */
export function parseProcModules(text: string): DriverRow[] {
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => ({ name: l.split(' ')[0], kind: 'kernel-module' }));
}

export const modulesCollector: Collector = {
  id: 'linux/modules',
  tables: ['drivers'],
  async collect(): Promise<CollectorResult> {
    let text: string;
    try {
      text = readText('/proc/modules');
    } catch {
      return { tables: {}, coverage: [{ source: this.id, table: 'drivers', status: 'unavailable', ...reason('no-kernel-modules') }] };
    }
    return { tables: { drivers: parseProcModules(text) }, coverage: [{ source: this.id, table: 'drivers', status: 'ok' }] };
  },
};
