import { collectFiles } from '../shared/files.js';
import type { Collector, CollectorResult } from '../types.js';
import { reason } from '../shared/reason.js';

// Where software that is not packaged usually lands on Linux.
export const LINUX_INSTALL_DIRS = [
  { dir: '/opt', depth: 2 },
  { dir: '/usr/local', depth: 1 },
  { dir: '/usr/local/bin', depth: 1 },
  { dir: '/usr/local/sbin', depth: 1 },
  { dir: '/usr/local/lib', depth: 1 },
  { dir: '/usr/local/share', depth: 1 },
  { dir: '/etc/opt', depth: 1 },
  { dir: '/var/opt', depth: 1 },
];

export const filesCollector: Collector = {
  id: 'linux/files',
  tables: ['files'],
  async collect(ctx): Promise<CollectorResult> {
    const files = collectFiles(ctx.rulePaths, LINUX_INSTALL_DIRS);
    const why = ctx.elevated ? undefined : reason('other-homes-need-sudo');
    return {
      tables: { files },
      coverage: [why ? { source: this.id, table: 'files', status: 'partial', ...why } : { source: this.id, table: 'files', status: 'ok' }],
    };
  },
};
