import type { detectEn } from './detect.en.js';

// Spanish evidence lines of behaviour findings; [[ ... ]] as in detect.en.ts.
export const detectEs: Record<keyof typeof detectEn, string> = {
  'detect.value': '{value}',
  'detect.setting': '{where}: {name}[[ = {value}]]',
  'detect.in-file': '{file}: {value}',
  'detect.device': '{device}[[ ({name})]]',
  'detect.browser-extension': '{browser}: {id}[[ ({name})]]',
  'detect.listening': '{address}:{port}',
  'detect.hidden-program': '{name} — {folder}',
  'detect.service': '{name}: {path}',
  'detect.permission': '{service}: {client} ({source})',

  'detect.consent': '{service}: {client}[[ desde {since}]]',
  'detect.input-group': '{file}: miembros del grupo input: {members}',

  'detect.proxy.mac.http': 'este Mac envía el tráfico web (HTTP) a través de un proxy en {proxy} ({source}: {key})',
  'detect.proxy.mac.https': 'este Mac envía el tráfico web seguro (HTTPS) a través de un proxy en {proxy} ({source}: {key})',
  'detect.proxy.mac.socks': 'este Mac envía el tráfico de red (SOCKS) a través de un proxy en {proxy} ({source}: {key})',
  'detect.proxy.mac.ftp': 'este Mac envía el tráfico FTP a través de un proxy en {proxy} ({source}: {key})',
  'detect.proxy.mac.rtsp': 'este Mac envía el tráfico de audio y vídeo en directo (RTSP) a través de un proxy en {proxy} ({source}: {key})',
  'detect.proxy.mac.gopher': 'este Mac envía el tráfico Gopher a través de un proxy en {proxy} ({source}: {key})',
  'detect.proxy.mac.pac': 'un archivo PAC en {url} decide por qué proxy pasa el tráfico web de este Mac ({source}: ProxyAutoConfigEnable 1)',
  'detect.proxy.mac.pac-inline': 'un script PAC escrito en los ajustes decide por qué proxy pasa el tráfico web de este Mac ({source}: ProxyAutoConfigEnable 1)',
  'detect.proxy.mac.pac-none': 'la configuración automática del proxy está activada, sin dirección de archivo PAC ({source}: ProxyAutoConfigEnable 1)',
  'detect.proxy.mac.wpad': 'este Mac busca en la red un archivo PAC (WPAD) que decide por qué proxy pasa su tráfico web ({source}: ProxyAutoDiscoveryEnable 1)',
  'detect.proxy.mac.exceptions': 'direcciones que no pasan por el proxy: {list} ({source}: ExceptionsList)',
  'detect.proxy.profile': 'lo fija el perfil de configuración «{profile}»[[ ({id})]][[ de {publisher}]]: carga útil {payloads}',

  'detect.cert': '{where}: {subject}[[ (emitido por {issuer})]][[ SHA-256 {sha}]][[ huella {thumbprint}]]',
  'detect.cert.profile': 'el perfil de configuración «{profile}»[[ ({id})]][[ de {publisher}]] instala un certificado raíz de confianza (carga útil {payload})',

  'detect.system-extension': '{name}[[ (ID de equipo {team})]] [{state}]',
  'detect.tap.listen': 'captura {id}: solo escucha, eventos {mask}, en todos los programas',
  'detect.tap.listen.pid': 'captura {id}: solo escucha, eventos {mask}, solo en el pid {pid}',
  'detect.tap.filter': 'captura {id}: filtro que puede cambiar los eventos, eventos {mask}, en todos los programas',
  'detect.tap.filter.pid': 'captura {id}: filtro que puede cambiar los eventos, eventos {mask}, solo en el pid {pid}',
  'detect.mdm.allowed': '{service}: permitido[[ por el perfil «{profile}»]][[ ({source})]]',
  'detect.mdm.user-may': '{service}: el usuario puede permitirlo[[ según el perfil «{profile}»]][[ ({source})]]',

  'detect.portal.screencast': '{app} puede volver a compartir la pantalla sin preguntar (permiso guardado para compartir la pantalla) ({where})',
  'detect.portal.remote-desktop': '{app} puede volver a ver y controlar la pantalla sin preguntar (permiso guardado de escritorio remoto) ({where})',
  'detect.stream': '[[{session}: ]][[{who}]][[nodo {self}]] recibe vídeo de [[«{name}» ]](nodo {node}[[, {class}]][[, {api}]][[, de {app}]]); flujo {state}[[, enlace {link}]]',
  'detect.stream.no-state': '[[{session}: ]][[{who}]][[nodo {self}]] recibe vídeo de [[«{name}» ]](nodo {node}[[, {class}]][[, {api}]][[, de {app}]]); estado del flujo desconocido[[, enlace {link}]]',
  'detect.mdm-enrolled': 'inscripción en MDM',
  'detect.impersonation': '{path} (Windows guarda {name} en {expected})',
};
