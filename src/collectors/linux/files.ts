import { collectFiles } from '../shared/files.js';
import type { Collector, CollectorResult } from '../types.js';

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
    const reason = ctx.elevated ? undefined : "paths inside other users' home folders may not be visible without sudo";
    return {
      tables: { files },
      coverage: [reason ? { source: this.id, table: 'files', status: 'partial', reason } : { source: this.id, table: 'files', status: 'ok' }],
    };
  },
};
