import type { exportEn } from './export.en.js';

// Mensajes de `bosswatch rules export` (paquete de osquery, YAML de Fleet).
export const exportEs: Record<keyof typeof exportEn, string> = {
  'export.summary': '{queries} consultas para {rules} reglas (Windows {windows}, macOS {macos}, Linux {linux}) sobre las tablas de osquery {tables}',
  'export.wrote': 'escrito {file}',
  'export.not-exported': 'indicadores que las consultas no comprueban (osquery no tiene aquí tabla para ellos, ver docs/export.md): {list}',
  'export.file-glob': 'patrones de ruta que la tabla file de osquery no sabe expandir (un ** dentro de la ruta, ?, o %), comprobados solo en las tablas de procesos, servicios y paquetes: {list}',
  'export.empty': 'reglas sin ningún indicador que osquery pueda comprobar en una plataforma, omitidas: {list}',
  'help.rules.export': 'escribe las reglas como paquete de consultas de osquery (JSON) o como consultas y políticas de Fleet (YAML)',
  'help.rules.export.format': 'osquery (paquete de consultas, JSON) o fleet (consultas y políticas para fleetctl apply, YAML)',
  'help.rules.export.output': 'escribe en este archivo en lugar de la salida estándar',
  'export.network-only': '{n} reglas solo nombran dominios de agentes o sitios web (observaciones de red que osquery no guarda aquí): sin consulta para ellas',
  'export.none': 'ninguna regla tiene un indicador que osquery pueda comprobar: nada que exportar',
};
