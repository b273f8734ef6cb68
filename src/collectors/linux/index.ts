import type { Collector } from '../types.js';
import { autostartCollector } from './autostart.js';
import { browsersCollector } from './browsers.js';
import { filesCollector } from './files.js';
import { inputCollector } from './input.js';
import { modulesCollector } from './modules.js';
import { packagesCollector } from './packages.js';
import { procCollector } from './proc.js';
import { unitsCollector } from './units.js';

export const linuxCollectors: Collector[] = [procCollector, unitsCollector, packagesCollector, autostartCollector, modulesCollector, filesCollector, browsersCollector, inputCollector];
export { linuxHost } from './host.js';
