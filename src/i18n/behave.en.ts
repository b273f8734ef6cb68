// English texts of the behaviours added for #9's leftovers (saved portal permissions). Spread into en.ts; every key
// must exist in behave.es.ts too.
export const behaveEn = {
  'behaviour.screen.portal-permission.title': 'A program may share the screen again without asking',
  'behaviour.screen.portal-permission.means': 'The desktop saved a screen-sharing or remote-control permission for this program, so it can start capturing the screen again without the screen-sharing dialog appearing.',
  'behaviour.screen.portal-permission.not_proof': 'It does not show that the program is capturing now: recording and video-call apps you use can also ask to remember your choice.',
  'behaviour.screen.portal-permission.how': 'Reads the desktop portal\'s permission store in each home folder (~/.local/share/flatpak/db/screencast and remote-desktop, GVDB files) for programs with a saved "yes"; nothing is run and the restore tokens are not kept.',
} as const;
