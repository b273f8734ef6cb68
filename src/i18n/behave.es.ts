import type { behaveEn } from './behave.en.js';

export const behaveEs: Record<keyof typeof behaveEn, string> = {
  'behaviour.screen.portal-permission.title': 'Un programa puede volver a compartir la pantalla sin preguntar',
  'behaviour.screen.portal-permission.means': 'El escritorio guardó un permiso para compartir la pantalla o controlarla a distancia para este programa, así que puede volver a capturar la pantalla sin que aparezca el diálogo de compartir pantalla.',
  'behaviour.screen.portal-permission.not_proof': 'No demuestra que el programa esté capturando ahora: las aplicaciones de grabación y de videollamada que usas también pueden pedir que se recuerde tu elección.',
  'behaviour.screen.portal-permission.how': 'Lee el almacén de permisos del portal del escritorio en cada carpeta personal (~/.local/share/flatpak/db/screencast y remote-desktop, archivos GVDB) buscando programas con un "sí" guardado; no se ejecuta nada y no se guardan los tokens de restauración.',
};
