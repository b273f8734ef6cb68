import { activeExtensions } from '../macos-endpoint-security-extension/index.js';
import type { Detector } from '../types.js';

export const networkFilter: Detector = {
  id: 'macos.network-filter',
  platforms: ['macos'],
  capabilities: ['network-traffic', 'web-history'],
  sources: ['https://developer.apple.com/documentation/networkextension/content-filter-providers', 'https://developer.apple.com/documentation/networkextension'],
  detect: (s) => activeExtensions(s, 'network_extension', 'macos.network-filter', ['network-traffic', 'web-history']),
};
