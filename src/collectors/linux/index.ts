import type { Collector } from '../types.js';
import { autostartCollector } from './autostart.js';
import { browsersCollector } from './browsers.js';
import { configCollector } from './config.js';
import { filesCollector } from './files.js';
import { inputCollector } from './input.js';
import { modulesCollector } from './modules.js';
import { packagesCollector } from './packages.js';
import { permissionStoreCollector } from './permission-store.js';
import { pipewireCollector } from './pipewire.js';
import { procCollector } from './proc.js';
import { unitsCollector } from './units.js';

export const linuxCollectors: Collector[] = [procCollector, unitsCollector, packagesCollector, autostartCollector, modulesCollector, filesCollector, browsersCollector, inputCollector, configCollector, pipewireCollector, permissionStoreCollector];
export { linuxHost } from './host.js';
