import { behavioursEs } from './behaviours.es.js';
import type { MessageKey } from './en.js';

// Spanish messages: keyed exactly like en.ts (a missing or extra key is a type error and a test failure).
// "equipo" for computer: understood in Spain and in Latin America.
export const es: Record<MessageKey, string> = {
  'capability.keystrokes': 'Registra las teclas que pulsas, incluido el propio texto.',
  'capability.keystroke-counts': 'Cuenta cuánto escribes, sin guardar lo que escribes.',
  'capability.mouse-activity': 'Sigue los movimientos y clics del ratón como medida de actividad.',
  'capability.screenshots': 'Hace fotos de tu pantalla, cada cierto tiempo o cuando ocurre algo.',
  'capability.screen-recording': 'Graba vídeo de tu pantalla.',
  'capability.live-screen-view': 'Permite que alguien vea tu pantalla en directo.',
  'capability.remote-control': 'Permite que alguien tome el control de tu ratón y teclado a distancia.',
  'capability.remote-shell': 'Permite que alguien ejecute órdenes en el equipo a distancia.',
  'capability.file-transfer': 'Permite que alguien copie archivos al equipo o desde él a distancia.',
  'capability.webcam': 'Puede encender tu cámara para hacer fotos o vídeo.',
  'capability.microphone': 'Puede grabar sonido con tu micrófono.',
  'capability.app-usage': 'Registra qué programas y ventanas usas, y durante cuánto tiempo.',
  'capability.web-history': 'Registra los sitios web que visitas.',
  'capability.email': 'Registra el correo que envías o recibes (contenido o datos como remitente y asunto).',
  'capability.chat': 'Registra chats y mensajes instantáneos.',
  'capability.files': 'Registra lo que haces con archivos: abrir, copiar, renombrar, borrar, subir.',
  'capability.clipboard': 'Registra lo que copias y pegas.',
  'capability.printing': 'Registra lo que imprimes.',
  'capability.usb': 'Registra o bloquea memorias USB y otros dispositivos extraíbles.',
  'capability.location': 'Registra dónde está el equipo.',
  'capability.idle-time': 'Mide cuándo no estás delante del equipo o no estás activo.',
  'capability.productivity-score': 'Convierte tu actividad en una puntuación o nota de productividad.',
  'capability.screen-ocr': 'Lee el texto que aparece en tu pantalla para poder buscarlo.',
  'capability.network-traffic': 'Inspecciona las conexiones o el tráfico de red del equipo.',
  'capability.login-activity': 'Registra cuándo inicias o cierras sesión y cuándo bloqueas o desbloqueas el equipo.',
  'capability.content-blocking': 'Puede bloquear sitios web, programas o acciones.',
  'capability.behavior-alerts': 'Lanza alertas sobre conductas que sus reglas consideran de riesgo.',
  'capability.software-inventory': 'Recoge una lista del hardware y del software instalado en el equipo.',
  'capability.remote-software': 'Puede instalar software o ejecutar scripts en el equipo a distancia.',
  'capability.device-configuration': 'Controla los ajustes y las políticas de seguridad del equipo.',
  'capability.remote-wipe': 'Puede bloquear o borrar el equipo a distancia.',
  'capability.security-telemetry': 'Registra eventos de seguridad (programas iniciados, archivos modificados, conexiones) para detectar ataques.',

  'category.employee-monitoring': 'Vigilancia de empleados',
  'category.insider-threat-dlp': 'Amenaza interna / prevención de fuga de datos',
  'category.time-tracking': 'Control horario y de tiempo',
  'category.task-mining': 'Minería de tareas / grabación del trabajo para automatización o entrenamiento de IA',
  'category.classroom-monitoring': 'Vigilancia de aulas y laboratorios',
  'category.remote-access': 'Acceso remoto / administración remota',
  'category.keylogger-spyware': 'Keylogger / software espía',
  'category.parental-control': 'Control parental',
  'category.security-edr': 'Seguridad / detección y respuesta en el equipo (EDR)',
  'category.device-management': 'Gestión de dispositivos (MDM)',
  'category.suspicious': 'Patrón sospechoso (no es un producto concreto)',

  'table.processes': 'programas en ejecución',
  'table.services': 'servicios y tareas en segundo plano',
  'table.packages': 'paquetes instalados',
  'table.apps': 'aplicaciones instaladas',
  'table.autostart': 'programas que se inician solos',
  'table.drivers': 'controladores y extensiones',
  'table.files': 'carpetas de instalación y ubicaciones de archivos conocidas',
  'table.registry': 'claves del registro',
  'table.browser_extensions': 'extensiones del navegador',
  'table.permissions': 'permisos de privacidad (pantalla, teclado, cámara, micrófono)',
  'table.network': 'consultas y conexiones de red',
  'table.device_access': 'programas que leen el teclado y el ratón directamente',
  'table.input_devices': 'teclados y ratones',
  'table.settings': 'ajustes de políticas y de configuración',
  'table.certificates': 'certificados raíz añadidos',
  'table.event_taps': 'capturas de eventos del teclado (event taps)',

  'confidence.high': 'confianza alta',
  'confidence.medium': 'confianza media',
  'confidence.low': 'confianza baja',
  'confidence.high.means': 'los propios archivos, servicios o paquetes del agente están en este equipo',
  'confidence.medium.means': 'una señal más débil: un nombre de programa característico o contacto con los servidores del agente',
  'confidence.low.means': 'solo un indicio: se visitó el sitio web del fabricante, lo que no significa que el agente esté instalado',

  'default.on': 'activado de fábrica',
  'default.configurable': 'si la empresa lo activa',
  'hidden.yes': 'Sí: el fabricante ofrece un modo sin icono, sin ventana y sin entrada en la lista de programas.',
  'hidden.no': 'No: el fabricante lo documenta como visible para el usuario.',
  'hidden.unknown': 'No se sabe: no encontramos ninguna fuente pública en un sentido ni en otro.',

  'platform.windows': 'Windows',
  'platform.macos': 'macOS',
  'platform.linux': 'Linux',

  'cli.scan-notice': `
Antes de analizar: discreto no es invisible.
  bosswatch solo lee, pero se puede ver. La monitorización que busca (grabadores de pantalla, de
  teclas y de actividad) lo registra como a cualquier otro programa, informe incluido. Los registros
  de tu empresa pueden ver que se ejecutó y qué buscó: eventos de creación de procesos (Windows 4688,
  Sysmon 1) con la línea de órdenes, la transcripción y el registro de bloques de script de PowerShell
  (4104), el análisis AMSI del antivirus o EDR, los demonios de auditoría en macOS y Linux, y la
  grabación de pantalla de lo que muestre. En Windows inicia un solo proceso:
    {command}
  con un script de solo lectura en la entrada estándar (detalles: README, "How bosswatch starts PowerShell").`,
  'error.unknown-lang': 'idioma desconocido «{lang}» (usa {langs})',
  'error.unknown-format': 'formato desconocido «{format}» (usa {formats})',

  // hallazgos de comportamiento (src/detect)
  ...behavioursEs,
};
