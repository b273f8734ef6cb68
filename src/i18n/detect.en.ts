// English evidence lines of behaviour findings (src/detect): the detectors write key + params, renderers translate.
// Spread into en.ts; every key must exist in detect.es.ts too. {name} is a value from the machine (escaped by renderers);
// [[ ... ]] is a part kept only when every placeholder in it has a value (an optional issuer, profile id, link state).
export const detectEn = {
  // values from the machine alone (a path, a command line, a device, an address): the same in every language
  'detect.value': '{value}',
  'detect.setting': '{where}: {name}[[ = {value}]]',
  'detect.in-file': '{file}: {value}',
  'detect.device': '{device}[[ ({name})]]',
  'detect.browser-extension': '{browser}: {id}[[ ({name})]]',
  'detect.listening': '{address}:{port}',
  'detect.hidden-program': '{name} — {folder}',
  'detect.service': '{name}: {path}',
  'detect.permission': '{service}: {client} ({source})',

  'detect.consent': '{service}: {client}[[ since {since}]]',
  'detect.input-group': '{file}: input group members {members}',

  'detect.proxy.mac.http': 'this Mac sends web traffic (HTTP) through a proxy at {proxy} ({source}: {key})',
  'detect.proxy.mac.https': 'this Mac sends secure web traffic (HTTPS) through a proxy at {proxy} ({source}: {key})',
  'detect.proxy.mac.socks': 'this Mac sends network traffic (SOCKS) through a proxy at {proxy} ({source}: {key})',
  'detect.proxy.mac.ftp': 'this Mac sends FTP traffic through a proxy at {proxy} ({source}: {key})',
  'detect.proxy.mac.rtsp': 'this Mac sends streaming traffic (RTSP) through a proxy at {proxy} ({source}: {key})',
  'detect.proxy.mac.gopher': 'this Mac sends Gopher traffic through a proxy at {proxy} ({source}: {key})',
  'detect.proxy.mac.pac': "a PAC file at {url} decides which proxy this Mac's web traffic goes through ({source}: ProxyAutoConfigEnable 1)",
  'detect.proxy.mac.pac-inline': "a PAC script written into the settings decides which proxy this Mac's web traffic goes through ({source}: ProxyAutoConfigEnable 1)",
  'detect.proxy.mac.pac-none': 'automatic proxy configuration is on, without a PAC file address ({source}: ProxyAutoConfigEnable 1)',
  'detect.proxy.mac.wpad': 'this Mac looks for a PAC file on the network (WPAD) that decides which proxy its web traffic goes through ({source}: ProxyAutoDiscoveryEnable 1)',
  'detect.proxy.mac.exceptions': 'addresses that bypass the proxy: {list} ({source}: ExceptionsList)',
  'detect.proxy.profile': 'set by the configuration profile "{profile}"[[ ({id})]][[ from {publisher}]]: payload {payloads}',

  'detect.cert': '{where}: {subject}[[ (issued by {issuer})]][[ SHA-256 {sha}]][[ thumbprint {thumbprint}]]',
  'detect.cert.profile': 'the configuration profile "{profile}"[[ ({id})]][[ from {publisher}]] installs a trusted root certificate (payload {payload})',

  'detect.system-extension': '{name}[[ (team {team})]] [{state}]',
  'detect.tap.listen': 'tap {id}: listen-only, events {mask}, all programs',
  'detect.tap.listen.pid': 'tap {id}: listen-only, events {mask}, only pid {pid}',
  'detect.tap.filter': 'tap {id}: filter, events {mask}, all programs',
  'detect.tap.filter.pid': 'tap {id}: filter, events {mask}, only pid {pid}',
  'detect.mdm.allowed': '{service}: allowed[[ by profile "{profile}"]][[ ({source})]]',
  'detect.mdm.user-may': '{service}: the user may allow it[[ by profile "{profile}"]][[ ({source})]]',

  'detect.portal.screencast': '{app} may share the screen again without asking (saved screen-cast permission) ({where})',
  'detect.portal.remote-desktop': '{app} may view and control the screen again without asking (saved remote-desktop permission) ({where})',
  'detect.stream': '[[{session}: ]][[{who}]][[node {self}]] receives video from [["{name}" ]](node {node}[[, {class}]][[, {api}]][[, from {app}]]); stream {state}[[, link {link}]]',
  'detect.stream.no-state': '[[{session}: ]][[{who}]][[node {self}]] receives video from [["{name}" ]](node {node}[[, {class}]][[, {api}]][[, from {app}]]); stream state unknown[[, link {link}]]',
  'detect.mdm-enrolled': 'MDM enrollment',
  'detect.impersonation': '{path} (Windows keeps {name} in {expected})',
} as const;
