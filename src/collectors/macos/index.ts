import type { Collector } from '../types.js';
import { appsCollector } from './apps.js';
import { browsersCollector } from './browsers.js';
import { btmCollector } from './btm.js';
import { kextsCollector, systemExtensionsCollector } from './drivers.js';
import { eventTapsCollector } from './eventtaps.js';
import { filesCollector } from './files.js';
import { hostCollector } from './host.js';
import { launchdCollector } from './launchd.js';
import { networkCollector } from './network.js';
import { pkgutilCollector } from './pkgutil.js';
import { processesCollector } from './processes.js';
import { profilesCollector } from './profiles.js';
import { proxyCollector } from './proxy.js';
import { tccCollector } from './tcc.js';
import { trustSettingsCollector } from './trust.js';

export const macosCollectors: Collector[] = [
  hostCollector,
  processesCollector,
  appsCollector,
  launchdCollector,
  btmCollector,
  systemExtensionsCollector,
  kextsCollector,
  pkgutilCollector,
  profilesCollector,
  tccCollector,
  filesCollector,
  browsersCollector,
  networkCollector,
  eventTapsCollector,
  proxyCollector,
  trustSettingsCollector,
];
