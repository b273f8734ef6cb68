// Hand-curated additions to the LOLRMM catalogue, read by scripts/gen-lolrmm-rules.mjs.
//
// Every fact here has the public source it came from (a GitHub file pinned to a commit where possible, else the
// vendor's own page). The generator adds each source to the rule's references. Only facts (names, paths, labels,
// ids) are taken from these sources, never their prose. Keep entries sorted by rule id.

const CASK = 'https://github.com/Homebrew/homebrew-cask/blob';
const NIX = 'https://github.com/NixOS/nixpkgs/blob';
const LOLRMM = 'https://github.com/magicsword-io/LOLRMM/blob/main/yaml/';
const INSTALLOMATOR = 'https://github.com/Installomator/Installomator/blob';
// Fleet-maintained apps: each windows.json has the osquery `programs` query (Uninstall DisplayName) Fleet uses to see the app installed
const FLEET = 'https://github.com/fleetdm/fleet/blob';
const SIGMA_RAT_SERVICES = 'https://github.com/SigmaHQ/sigma/blob/19e1a274f7a5ec939f16805818a9a74666b9cd1f/rules/windows/builtin/system/service_control_manager/win_system_service_install_remote_access_software.yml';

/**
 * Catalogue entries outside Category RMM that are remote-access servers (something installed on the watched
 * computer), so they get a rule too. Entries for clients, tunnels or file-sync tools stay out.
 */
export const INCLUDE_ENTRIES = {
  'chrome_remote_desktop.yaml': 'the Chrome Remote Desktop host lets someone reach this computer',
  'realvnc.yaml': 'RealVNC Server lets someone reach this computer',
  'vnc_connect.yaml': 'VNC Connect is the RealVNC Server product',
  'tightvnc.yaml': 'TightVNC Server lets someone reach this computer',
  'ultravnc.yaml': 'UltraVNC Server lets someone reach this computer',
  'ultra_vnc.yaml': 'the same product as ultravnc.yaml',
  'parsec.yaml': 'Parsec on Windows and macOS hosts sessions: someone can reach this computer',
  'nomachine.yaml': 'the NoMachine package installs its server, which lets someone reach this computer',
};

/**
 * Catalogue entries that describe one product (one install = one finding). `name`/`vendor` override what the
 * catalogue entries say; the other entries' names become aliases, with `aliases` added.
 */
export const MERGES = [
  {
    files: ['connectwise_automate_(labtech).yaml', 'labtech_rmm_(now_connectwise_automate).yaml', 'labteachconnectwiseautomate.yaml'],
    name: 'ConnectWise Automate',
    vendor: 'ConnectWise',
    aliases: ['LabTech'],
    why: 'LabTech was renamed ConnectWise Automate; "LabTeach" is a misspelt duplicate entry',
  },
  {
    files: ['screenconnect.yaml', 'connectwise_control.yaml', '247ithelp.com_(connectwise).yaml'],
    name: 'ConnectWise ScreenConnect',
    vendor: 'ConnectWise',
    aliases: ['ConnectWise Control', 'ConnectWise Remote Workforce'],
    why: 'ConnectWise Control was the name of ScreenConnect from 2015 to 2023; the 247ithelp.com entry lists only Remote Workforce Client.exe, which the ScreenConnect entry also lists (Remote Workforce is built on ScreenConnect)',
  },
  {
    files: ['splashtop.yaml', 'splashtop_remote.yaml', 'splashtopbeta.yaml'],
    name: 'Splashtop Streamer',
    vendor: 'Splashtop Inc.',
    aliases: ['Splashtop', 'Splashtop Remote'],
    why: 'all three entries describe the Splashtop Streamer agent (SRService.exe, SRServer.exe)',
  },
  {
    files: ['level.yaml', 'level.io.yaml', 'levelio.yaml'],
    name: 'Level',
    vendor: 'Level Software, Inc.',
    aliases: ['Level.io'],
    why: 'the same agent (C:\\Program Files\\Level\\level.exe) listed three times',
  },
  {
    files: ['royal_apps.yaml', 'royal_ts.yaml', 'royal_server.yaml'],
    name: 'Royal TS',
    vendor: 'Royal Apps GmbH',
    aliases: ['Royal Apps', 'Royal Server'],
    why: 'one vendor entry and two product entries that share royalts.exe and royalserver.exe',
  },
  {
    files: ['laplink_everywhere.yaml', 'laplink_gold.yaml'],
    name: 'Laplink Everywhere',
    vendor: 'Laplink Software, Inc.',
    aliases: ['Laplink Gold'],
    why: 'both entries name laplink.exe; the catalogue does not tell the two products apart',
  },
  {
    files: ['comodo_rmm.yaml', 'itarian.yaml'],
    name: 'Itarian',
    vendor: 'ITarian LLC',
    aliases: ['Comodo RMM', 'Comodo One'],
    why: 'Comodo RMM became Itarian; both entries list ITSMAgent.exe and RViewer.exe',
  },
  {
    files: ['remote_utilities.yaml', 'remoteutilities.yaml', 'remote_manipulator_system.yaml'],
    name: 'Remote Utilities',
    vendor: 'Remote Utilities LLC',
    aliases: ['Remote Manipulator System', 'RMS'],
    why: 'Remote Manipulator System (RMS) is the Russian-market edition of Remote Utilities (same rutserv.exe / rfusclient.exe)',
  },
  {
    files: ['ninjaone_(formerly_ninjarmm).yaml', 'ninjarmm.yaml'],
    name: 'NinjaOne',
    vendor: 'NinjaOne, LLC',
    aliases: ['NinjaRMM'],
    why: 'NinjaRMM was renamed NinjaOne; the catalogue lists both names',
  },
  {
    files: ['beanywhere.yaml'],
    name: 'N-able Take Control',
    vendor: 'N-able',
    aliases: ['BeAnywhere', 'Dameware Remote Everywhere', 'SolarWinds Take Control'],
    why: 'BeAnywhere became SolarWinds/N-able Take Control, also sold as Dameware Remote Everywhere: one family sharing BASupSrvc.exe',
  },
  {
    files: ['realvnc.yaml', 'vnc_connect.yaml'],
    name: 'RealVNC Server',
    vendor: 'RealVNC Ltd',
    aliases: ['VNC Connect', 'VNC Server', 'RealVNC'],
    why: 'VNC Connect is the product name of RealVNC Server',
  },
  {
    files: ['ultravnc.yaml', 'ultra_vnc.yaml'],
    name: 'UltraVNC Server',
    vendor: 'uvnc bvba',
    aliases: ['UltraVNC', 'Ultra VNC'],
    why: 'the same product listed twice',
  },
  {
    files: ['sunlogin.yaml', 'aweray.yaml'],
    name: 'Sunlogin',
    vendor: 'Oray',
    aliases: ['SunLogin', 'AweSun', 'AweRay', 'Sunlogin Client'],
    why: 'AweSun (AweRay) is the international edition of Oray\'s Sunlogin: the Homebrew cask awesun names it "Sunlogin Client" and its app keeps the Sunlogin bundle id com.oray.sunlogin.macclient',
  },
  {
    files: ['isl_online.yaml', 'islonline.yaml', 'isl_light.yaml'],
    name: 'ISL Online',
    vendor: 'XLAB d.o.o.',
    aliases: ['ISL Light', 'ISL AlwaysOn'],
    why: 'ISL Light and ISL AlwaysOn are the programs of ISL Online; the entries share ISLLight.exe and isllightservice.exe, so one install gave two findings',
  },
  { files: ['tightvnc.yaml'], name: 'TightVNC Server', vendor: 'GlavSoft LLC', aliases: ['TightVNC'], why: 'name the server' },
  {
    files: ['chrome_remote_desktop.yaml'],
    name: 'Chrome Remote Desktop host',
    vendor: 'Google LLC',
    aliases: ['Chrome Remote Desktop', 'Chromoting'],
    why: 'name the host part, which is what is installed on the watched computer',
  },
];

/**
 * Generated indicators that would accuse ordinary software or browsing, removed per rule (after the generic guards).
 * key: `<platform>:<kind>:<value>` as in indicatorKeys() (lower case for Windows and registry), or `domain:<host>`.
 */
export const REMOVE = {
  'lite-manager': [['windows:process:romviewer.exe', 'LiteManager Viewer, the client that connects to other computers']],
  'remote-utilities': [['windows:process:rutview.exe', 'Remote Utilities Viewer, the client that connects to other computers']],
  'n-able-advanced-monitoring-agent': [
    // Take Control's programs, which the N-sight agent can install alongside: they name Take Control, not this agent
    ['windows:process:basupapp.exe', 'program of N-able Take Control (BeAnywhere), which has its own rule'],
    ['windows:process:basupsrvc.exe', 'program of N-able Take Control (BeAnywhere), which has its own rule'],
    ['windows:process:basupsrvccnfg.exe', 'program of N-able Take Control (BeAnywhere), which has its own rule'],
    ['windows:process:basuptshelper.exe', 'program of N-able Take Control (BeAnywhere), which has its own rule'],
    ['domain:*.beanywhere.com', 'host of N-able Take Control (BeAnywhere), which has its own rule'],
  ],
};

/**
 * Per rule id: where the product ships (vendor download or system-requirements page) and facts the catalogue
 * lacks, grouped by the source they come from. Platform keys inside a fact block use the rule schema's indicator
 * kinds. `gaps` gives the honest reason for a platform the product ships on without a known installed artefact.
 */
export const SUPPLEMENTS = {
  'acronis-cyber-protect-remotix': {
    facts: [
      {
        source: `${CASK}/30044e9c451e726fb1009002d311171d2afd18ed/Casks/r/remotix-agent.rb`,
        title: 'Homebrew cask remotix-agent (Remotix Agent for Mac: launchd jobs, package receipts, bundle id)',
        macos: {
          bundle_ids: ['com.nulana.rxagentmac'],
          launchd: ['com.nulana.rxagentmac.daemon', 'com.nulana.rxagentmac.gui', 'com.nulana.rxagentmac.rc', 'com.nulana.rxagentmac.user'],
          packages: ['com.nulana.rxagentmac', 'com.nulana.rxagentmac.daemon'],
          paths: ['/Library/LaunchDaemons/com.nulana.rxagentmac.daemon.plist', '/Library/LaunchAgents/com.nulana.rxagentmac.user.plist'],
        },
      },
    ],
  },
  anydesk: {
    platforms: {
      windows: 'https://anydesk.com/en/downloads/windows',
      macos: 'https://anydesk.com/en/downloads/mac-os',
      linux: 'https://anydesk.com/en/downloads/linux',
    },
    facts: [
      {
        source: `${FLEET}/156ae214d6663b6aa05eb1f95c46a86159c8450a/ee/maintained-apps/outputs/anydesk/windows.json`,
        title: 'Fleet-maintained app anydesk (Windows Uninstall entry AnyDesk, publisher AnyDesk Software GmbH, key Uninstall\\AnyDesk)',
        windows: { packages: ['AnyDesk'] },
      },
      {
        source: `${INSTALLOMATOR}/621ffeeb29aeac3b5a4b76cfe31edbb488df9c35/fragments/labels/anydesk.sh`,
        title: 'Installomator label anydesk (Apple Team ID of the AnyDesk app)',
        macos: { signers: ['KU6W3B6JMZ'] },
      },
      {
        source: `${CASK}/041cc140b84ea7bb3db7eccacfc1280b7be472a9/Casks/a/anydesk.rb`,
        title: 'Homebrew cask anydesk (app, launchd jobs, helper tool)',
        macos: {
          bundle_ids: ['com.philandro.anydesk'],
          launchd: ['com.philandro.anydesk.service', 'com.philandro.anydesk.Helper', 'com.philandro.anydesk.Frontend'],
          paths: ['/Applications/AnyDesk.app', '/Library/PrivilegedHelperTools/com.philandro.anydesk.Helper'],
        },
      },
      {
        source: `${NIX}/02cb9a1884289bef5fbba6d2243c31b5d65d534d/pkgs/by-name/an/anydesk/package.nix`,
        title: 'nixpkgs anydesk (program /usr/bin/anydesk, systemd unit anydesk.service)',
        linux: { processes: [{ path: '/usr/bin/anydesk' }], services: ['anydesk.service'] },
      },
    ],
  },
  atera: {
    gaps: {
      macos: 'one uninstall script names /Applications/AteraAgent.app and com.atera.ateraagent, but it could not be cited by a stable address; no vendor page or cask was found',
      linux: 'no vendor page or package manifest we could cite names the files of the Linux agent',
    },
    facts: [
      {
        source: 'https://github.com/j-alger/Atera-Uninstall/blob/eb897b71b92c5fcdec030f829e6156a2d02a3aec/AteraRemoval.ps1',
        title: 'Atera agent removal script (Uninstall entry AteraAgent, folder Program Files\\ATERA Networks, service AteraAgent)',
        windows: { packages: ['AteraAgent'] },
      },
      {
        source: `${LOLRMM}atera.yaml`,
        title: 'LOLRMM atera.yaml code-signing certificate (Authenticode signer Atera Networks Ltd)',
        windows: { signers: ['Atera Networks Ltd'] },
      },
    ],
  },
  beyondtrust: {
    facts: [
      {
        source: 'https://github.com/mmstrauss/powershell/blob/7493eb3ec9d997c7ac43e3a007c4ec6782a1a899/BomgarInstances.ps1',
        title: 'Script removing duplicate Jump Clients (Windows service display name "BeyondTrust Remote Support Jump Client ...")',
        windows: { services: [{ glob: 'BeyondTrust Remote Support Jump Client*' }] },
      },
    ],
  },
  'centrastage-now-datto': {
    platforms: {
      windows: 'https://rmm.datto.com/help/en/Content/5AGENT/Agent.htm',
      macos: 'https://rmm.datto.com/help/en/Content/5AGENT/Agent.htm',
      linux: 'https://rmm.datto.com/help/en/Content/5AGENT/Agent.htm',
    },
    facts: [
      {
        source: 'https://rmm.datto.com/help/en/Content/5AGENT/Agent.htm',
        title: 'Datto RMM help: agent service CagService and agent process AEMAgent, their folders on Windows, macOS and Linux',
        windows: {
          services: ['CagService'],
          paths: ['C:\\Program Files (x86)\\CentraStage', 'C:\\Program Files\\CentraStage', 'C:\\ProgramData\\CentraStage\\AEMAgent'],
          processes: [{ path: 'C:\\ProgramData\\CentraStage\\AEMAgent\\AEMAgent.exe' }],
        },
        macos: {
          paths: ['/Applications/AEM Agent.app', '/usr/local/share/CentraStage/AEMAgent'],
          processes: [{ path: '/usr/local/share/CentraStage/AEMAgent/AEMAgent' }],
        },
        linux: {
          paths: ['/opt/CentraStage', '/usr/local/share/CentraStage/AEMAgent'],
          processes: [{ path: '/usr/local/share/CentraStage/AEMAgent/AEMAgent' }],
        },
      },
    ],
  },
  'chrome-remote-desktop-host': {
    platforms: {
      windows: 'https://remotedesktop.google.com/access',
      macos: 'https://remotedesktop.google.com/access',
      linux: 'https://remotedesktop.google.com/access',
    },
    facts: [
      {
        source: 'https://github.com/chromium/chromium/blob/0152db5ea10427e270af219f5906729d6bec51fb/remoting/host/installer/win/chromoting.wxs',
        title: 'Chromium: Windows host installer (service chromoting, product Chrome Remote Desktop Host, Program Files\\Google\\Chrome Remote Desktop)',
        windows: {
          services: ['chromoting'],
          packages: ['Chrome Remote Desktop Host'],
          processes: [{ path_glob: 'C:\\Program Files*\\Google\\Chrome Remote Desktop\\*\\remoting_host.exe' }],
          paths: ['C:\\Program Files\\Google\\Chrome Remote Desktop', 'C:\\ProgramData\\Google\\Chrome Remote Desktop'],
          registry: ['HKLM\\SOFTWARE\\Google\\Chrome Remote Desktop'],
        },
      },
      {
        source: `${CASK}/01eb38ecc04a39c15f03c8ebcf9ccb811bdc57a0/Casks/c/chrome-remote-desktop-host.rb`,
        title: 'Homebrew cask chrome-remote-desktop-host (launchd job, package receipts)',
        macos: {
          launchd: ['org.chromium.chromoting'],
          packages: ['com.google.pkg.ChromeRemoteDesktopHost', 'com.google.pkg.ChromeRemoteDesktopHostService'],
          paths: ['/Library/PrivilegedHelperTools/org.chromium.chromoting.me2me_host.app'],
        },
      },
      {
        source: 'https://github.com/chromium/chromium/blob/06bc64e292ee9a9f4514ba00b468656645942481/remoting/host/installer/linux/chrome-remote-desktop@.service',
        title: 'Chromium: Linux host unit chrome-remote-desktop@<user>.service running /opt/google/chrome-remote-desktop',
        linux: {
          services: ['chrome-remote-desktop.service', { glob: 'chrome-remote-desktop@*' }],
          processes: [{ path: '/opt/google/chrome-remote-desktop/chrome-remote-desktop' }],
          paths: ['/opt/google/chrome-remote-desktop'],
        },
      },
      {
        source: 'https://github.com/chromium/chromium/blob/5b83ed465231eb0bb65d444348d89cb5a66501a0/remoting/host/installer/linux/debian/control',
        title: 'Chromium: Debian package chrome-remote-desktop',
        linux: { packages: ['chrome-remote-desktop'] },
      },
    ],
  },
  'connectwise-automate': {
    facts: [
      {
        source: 'https://github.com/christaylorcodes/ConnectWiseAutomateAgent/blob/89d7df5ea9ffb4313814b25fd591892fe5e1b30e/ConnectWiseAutomateAgent/Public/InstallUninstall/Uninstall-CWAA.ps1',
        title: 'ConnectWiseAutomateAgent module, Uninstall-CWAA (agent services LTService, LTSvcMon, LabVNC; keys LabTech\\Service, LabTechMSP; Uninstall keys {58A3001D-...} and {3426921d-...})',
        windows: {
          services: ['LTService', 'LTSvcMon', 'LabVNC'],
          registry: [
            'HKLM\\SOFTWARE\\LabTech\\Service',
            'HKLM\\SOFTWARE\\LabTech\\LabVNC',
            'HKLM\\SOFTWARE\\LabTechMSP',
            'HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\{58A3001D-B675-4D67-A5A1-0FA9F08CF7CA}',
            'HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\{3426921d-9ad5-4237-9145-f15dee7e3004}',
          ],
        },
      },
    ],
  },
  'connectwise-screenconnect': {
    facts: [
      {
        source: 'https://github.com/amidaware/tacticalrmm/blob/ba42c5e367aecb4ad8c88fc229d465767e450344/docs/docs/3rdparty_screenconnect.md',
        title: 'Tactical RMM docs: the ScreenConnect service is named "ScreenConnect Client (<thumbprint>)"',
        windows: { services: [{ glob: 'ScreenConnect Client (*)' }] },
      },
      {
        source: 'https://github.com/clever-22/PowerShell-Scripts/blob/55778d43538911ba246ed91242760b9da8763f34/PowerShell_ShowPresentScreenConnectFingerprints_System.ps1',
        title: 'Script listing ScreenConnect Uninstall entries: DisplayName "ScreenConnect Client (<thumbprint>)"',
        windows: { packages: [{ glob: 'ScreenConnect Client (*)' }] },
      },
      {
        source: 'https://github.com/Headbolt/ScreenClean/blob/08fd4fea101642e7455319dac44415fc85d23e17/ScreenClean.sh',
        title: 'ScreenClean (macOS): /opt/connectwisecontrol-<thumbprint>.app (or screenconnect-), launchd jobs named after it',
        macos: {
          launchd: [{ glob: 'connectwisecontrol-*' }, { glob: 'screenconnect-*' }],
          paths: [
            { glob: '/opt/connectwisecontrol-*.app/Contents/Resources/ClientLaunchParameters.txt.lproj' },
            { glob: '/opt/screenconnect-*.app/Contents/Resources/ClientLaunchParameters.txt.lproj' },
          ],
        },
      },
      {
        source: 'https://github.com/Kelderek/connectwise-control-arch',
        title: 'connectwise-control-arch PKGBUILD: the Linux .deb installs /opt/connectwisecontrol-<thumbprint> and /etc/init.d/connectwisecontrol-<thumbprint>',
        linux: {
          services: [{ glob: 'connectwisecontrol-*' }, { glob: 'screenconnect-*' }],
          packages: [{ glob: 'connectwisecontrol-*' }],
          paths: [{ glob: '/etc/init.d/connectwisecontrol-*' }, { glob: '/opt/connectwisecontrol-*/ClientLaunchParameters.txt' }],
        },
      },
    ],
  },
  domotz: {
    facts: [
      {
        source: `${LOLRMM}domotz.yaml`,
        title: 'LOLRMM domotz.yaml code-signing certificate (Authenticode signer Domotz Inc)',
        windows: { signers: ['Domotz Inc'] },
      },
    ],
  },
  'dw-service': {
    platforms: {
      windows: 'https://www.dwservice.net/en/download.html',
      macos: 'https://www.dwservice.net/en/download.html',
      linux: 'https://www.dwservice.net/en/download.html',
    },
    gaps: { windows: 'only the program names dwagent.exe, dwagsvc.exe and dwaglnc.exe are known for Windows; no citable source checked names the DWAgent install folder or service there' },
    facts: [
      {
        source: 'https://github.com/AG7GN/dwservice/blob/145a74801bf52ed4b2f2e84bc437fc320ad837bd/README.md',
        title: 'DWService setup notes: Linux agent in /usr/share/dwagent run by the systemd unit dwagent.service (/etc/systemd/system), Mac agent DWAgent.app in Applications',
        linux: { services: ['dwagent.service'], paths: ['/usr/share/dwagent', '/etc/systemd/system/dwagent.service'] },
        macos: { paths: ['/Applications/DWAgent.app'] },
      },
    ],
  },
  'fleetdeck-io': {
    facts: [
      {
        source: `${LOLRMM}fleetdeck.yaml`,
        title: 'LOLRMM fleetdeck.yaml code-signing certificates (Authenticode signer FleetDeck Inc)',
        windows: { signers: ['FleetDeck Inc', 'FLEETDECK INC.'] },
      },
    ],
  },
  gotoassist: {
    gaps: { macos: 'no Homebrew cask, Installomator label or vendor page we could cite names the files of the GoTo Resolve / GoToAssist Mac agent' },
    facts: [],
  },
  hoptodesk: {
    facts: [
      {
        source: 'https://github.com/NixOS/nixpkgs/blob/f8652245731323c1ad762f66aed7b49d8789a39e/pkgs/by-name/ho/hoptodesk/package.nix',
        title: 'nixpkgs hoptodesk (the vendor .deb: program /usr/bin/hoptodesk, systemd unit hoptodesk.service shipped in /usr/share/hoptodesk/files/systemd)',
        linux: { processes: [{ path: '/usr/bin/hoptodesk' }], services: ['hoptodesk.service'], paths: ['/usr/share/hoptodesk'] },
      },
      {
        source: 'https://github.com/microsoft/winget-pkgs/blob/c5ce81b75d2833d9c0bf311e021a7a074cf2416e/manifests/h/HopToDesk/HopToDesk/1.46.14/HopToDesk.HopToDesk.installer.yaml',
        title: 'winget HopToDesk.HopToDesk 1.46.14 (Uninstall entry HopToDesk, publisher HopToDesk, machine scope)',
        windows: { packages: ['HopToDesk'] },
      },
      {
        source: `${CASK}/08f228e5f78ab222cf2e2953462b0509cbf339b6/Casks/h/hoptodesk.rb`,
        title: 'Homebrew cask hoptodesk (app, bundle id, launchd jobs)',
        macos: {
          bundle_ids: ['com.hoptodesk.hoptodesk'],
          launchd: ['com.hoptodesk.HopToDesk_server', 'com.hoptodesk.HopToDesk_service'],
          paths: ['/Applications/HopToDesk.app', '/Library/LaunchDaemons/com.hoptodesk.HopToDesk_service.plist', '/Library/LaunchAgents/com.hoptodesk.HopToDesk_server.plist'],
        },
      },
    ],
  },
  'isl-online': {
    facts: [
      {
        source: 'https://help.islonline.com/29712/228073',
        // the per-user ISL Online Cache folder is left out: a one-off "Run Once" session leaves it without any install
        title: 'ISL Online help: installing ISL Light on Windows puts it in Program Files (x86)\\ISL Online\\ISL Light',
        windows: { paths: ['C:\\Program Files (x86)\\ISL Online\\ISL Light'] },
      },
      {
        source: 'https://1library.net/article/ways-add-computer-isl-online-offers-user-models.yd7d50og',
        title: 'ISL AlwaysOn 2.0 manual (copy): the unattended-access service isl_always_on and its key HKLM\\SOFTWARE\\ISL Online\\ISL AlwaysOn',
        windows: { services: ['isl_always_on'], registry: ['HKLM\\SOFTWARE\\ISL Online\\ISL AlwaysOn'] },
      },
    ],
  },
  'itsupport247-connectwise': {
    facts: [
      {
        source: 'https://github.com/OldestBen/ConnectWise-RMM-Removal-Tool/blob/cd3eeba7e1ae2cb5e8526e2f3d17bdc50df226a4/RMMRemoval.ps1',
        title: 'ConnectWise RMM (ITSupport247 / Continuum SAAZ agent) removal script: services SAAZ*, folders Program Files (x86)\\SAAZOD and SAAZODBKP, key WOW6432Node\\SAAZOD',
        windows: {
          services: ['SAAZappr', 'SAAZDPMACTL', 'SAAZRemoteSupport', 'SAAZScheduler', 'SAAZServerPlus', 'SAAZWatchDog'],
          paths: ['C:\\Program Files (x86)\\SAAZOD', 'C:\\Program Files (x86)\\SAAZODBKP'],
          registry: ['HKLM\\SOFTWARE\\WOW6432Node\\SAAZOD'],
        },
      },
    ],
  },
  'jump-desktop': {
    facts: [
      {
        source: `${CASK}/05235215c1e9bc1b36fd186cb56de886b5271a88/Casks/j/jump-desktop-connect.rb`,
        title: 'Homebrew cask jump-desktop-connect (the host part: launchd jobs, package receipt, support folder)',
        macos: {
          launchd: ['com.p5sys.jump.connect.agent', 'com.p5sys.jump.connect.service'],
          packages: ['com.p5sys.jump.connect'],
          bundle_ids: ['com.p5sys.jump.connect'],
          paths: ['/Library/Application Support/Jump Desktop/Connect'],
        },
      },
    ],
  },
  'kaseya-vsa': {
    facts: [
      {
        source: 'https://help.kaseya.com/webhelp/en/vsa/9040000/4798.htm',
        title: 'Kaseya VSA help, Installing Multiple Agents (agent keys HKLM\\Software\\Kaseya\\Agent and Agent\\<GUID>, program files in Program Files\\<company>\\<GUID>)',
        windows: { registry: ['HKLM\\SOFTWARE\\Kaseya\\Agent'] },
      },
    ],
  },
  level: {
    facts: [
      {
        source: `${LOLRMM}level.yaml`,
        title: 'LOLRMM level.yaml code-signing certificate (Authenticode signer Level Software, Inc.)',
        windows: { signers: ['Level Software, Inc.'] },
      },
    ],
  },
  logmein: {
    facts: [
      {
        source: SIGMA_RAT_SERVICES,
        title: 'Sigma rule on remote-access service installs (LogMeIn services LogMeIn and LMIGuardianSvc)',
        windows: { services: ['LogMeIn', 'LMIGuardianSvc'] },
      },
    ],
  },
  meshcentral: {
    platforms: {
      windows: 'https://github.com/Ylianst/MeshCentral/blob/02d5ef107c1d8249a9d2fba73a8dac7d816f01a9/docs/docs/meshcentral/agents.md',
      macos: 'https://github.com/Ylianst/MeshCentral/blob/02d5ef107c1d8249a9d2fba73a8dac7d816f01a9/docs/docs/meshcentral/agents.md',
      linux: 'https://github.com/Ylianst/MeshCentral/blob/02d5ef107c1d8249a9d2fba73a8dac7d816f01a9/docs/docs/meshcentral/agents.md',
    },
    facts: [
      {
        source: 'https://github.com/Ylianst/MeshCentral/blob/02d5ef107c1d8249a9d2fba73a8dac7d816f01a9/docs/docs/meshcentral/agents.md',
        title: 'MeshCentral docs: agent install paths, Windows service "Mesh Agent", macOS launchd job meshagent',
        windows: { services: ['Mesh Agent'], paths: ['C:\\Program Files\\Mesh Agent'] },
        macos: {
          processes: [{ path: '/usr/local/mesh_services/meshagent/meshagent' }],
          launchd: ['meshagent'],
          paths: ['/usr/local/mesh_services/meshagent', '/Library/LaunchAgents/meshagent.plist'],
        },
        linux: { paths: ['/usr/local/mesh_services/meshagent'] },
      },
      {
        source: 'https://github.com/amidaware/tacticalrmm/blob/070588c66be34e2da8c5268f5ee075296d61e22b/api/tacticalrmm/core/agent_linux.sh',
        title: 'Tactical RMM Linux installer: the MeshCentral agent runs as meshagent.service',
        linux: { services: ['meshagent.service'] },
      },
    ],
  },
  'n-able-advanced-monitoring-agent': {
    facts: [
      {
        source: 'https://github.com/danielgumprecht/ws/blob/009c34e31fc710822d62d20f97287fed14abeddc/rmmunins.ps1',
        title: 'N-able agent clean-up script (N-sight Windows agent: service Advanced Monitoring Agent, folders Advanced Monitoring Agent and Advanced Monitoring Agent GP, ProgramData\\AdvancedMonitoringAgentWebProtection)',
        windows: {
          services: ['Advanced Monitoring Agent'],
          paths: [
            'C:\\Program Files (x86)\\Advanced Monitoring Agent',
            'C:\\Program Files (x86)\\Advanced Monitoring Agent GP',
            'C:\\ProgramData\\AdvancedMonitoringAgentWebProtection',
          ],
        },
      },
    ],
  },
  'n-able-take-control': {
    platforms: { windows: `${LOLRMM}beanywhere.yaml` },
    facts: [
      {
        source: 'https://github.com/danielgumprecht/ws/blob/009c34e31fc710822d62d20f97287fed14abeddc/rmmunins.ps1',
        title: 'N-able agent clean-up script (Take Control services with the _LOGICnow suffix, folders Take Control Agent, BeAnywhere Support Express, ProgramData\\GetSupportService*)',
        windows: {
          services: ['BASupportExpressStandaloneService_LOGICnow', 'BASupportExpressSrvcUpdater_LOGICnow'],
          paths: [
            'C:\\Program Files (x86)\\Take Control Agent',
            'C:\\Program Files (x86)\\BeAnywhere Support Express',
            'C:\\ProgramData\\GetSupportService',
            'C:\\ProgramData\\GetSupportService_LOGICnow',
            'C:\\ProgramData\\GetSupportService_Common',
            'C:\\ProgramData\\GetSupportService_Common_LOGICnow',
          ],
        },
      },
      {
        source: SIGMA_RAT_SERVICES,
        title: 'Sigma rule on remote-access service installs (Take Control services BASupportExpressStandaloneService, BASupportExpressSrvcUpdater)',
        windows: { services: ['BASupportExpressStandaloneService', 'BASupportExpressSrvcUpdater'] },
      },
    ],
  },
  'netsupport-manager': {
    facts: [
      {
        source: 'https://github.com/SigmaHQ/sigma/blob/54d6b5094cb7a5907f040725702fb320cc66d119/rules/windows/builtin/system/service_control_manager/win_system_service_install_netsupport_manager.yml',
        // the service name Client32 is left out: NetSupport School's student runs client32 as well
        title: 'Sigma rule on the NetSupport Manager service install (program NetSupport Manager\\client32.exe, also the service binary)',
        windows: {
          processes: [{ path: 'C:\\Program Files (x86)\\NetSupport\\NetSupport Manager\\client32.exe' }],
        },
      },
    ],
  },
  ninjaone: {
    platforms: {
      windows: 'https://www.powershellgallery.com/packages/NinjaOne/1.11.2/Content/Public%5CGet%5CManagement%5CGet-NinjaOneInstaller.ps1',
      macos: 'https://www.powershellgallery.com/packages/NinjaOne/1.11.2/Content/Public%5CGet%5CManagement%5CGet-NinjaOneInstaller.ps1',
      linux: 'https://www.powershellgallery.com/packages/NinjaOne/1.11.2/Content/Public%5CGet%5CManagement%5CGet-NinjaOneInstaller.ps1',
    },
    gaps: { macos: 'scripts written for the agent call /Applications/NinjaRMMAgent/programdata/ninjarmm-cli, but no vendor page, package manifest or cask we could cite names the macOS install' },
    facts: [
      {
        source: 'https://github.com/subsevensupport/scripts/blob/fa22c6f9240f0194b5bffe6ee8849f0bfcb64ada/ninja/NinjaOneAgentRemoval.ps1',
        title: 'NinjaOne agent removal script (Uninstall entry NinjaRMMAgent under WOW6432Node, key SOFTWARE\\NinjaRMM LLC\\NinjaRMMAgent, services NinjaRMMAgent and ncstreamer, Program Files\\NinjaRemote)',
        windows: {
          packages: ['NinjaRMMAgent'],
          registry: ['HKLM\\SOFTWARE\\WOW6432Node\\NinjaRMM LLC\\NinjaRMMAgent'],
          services: ['ncstreamer'],
          paths: ['C:\\Program Files\\NinjaRemote'],
        },
      },
      {
        source: 'https://github.com/samersultan/Ninja-One-Uninstall-Agent/blob/main/Uninstall-Ninja-One-Agent-From-Workstation.md',
        title: 'NinjaOne agent removal notes (service NinjaRMMAgent, C:\\ProgramData\\NinjaRMMAgent)',
        windows: { services: ['NinjaRMMAgent'] },
      },
      {
        source: 'https://tangled.org/karitham.dev/dotfiles/raw/main/modules/ninjaone.nix',
        title: 'NixOS module for the NinjaOne Linux .deb (agent tree at /opt/NinjaRMMAgent)',
        linux: { paths: ['/opt/NinjaRMMAgent'] },
      },
    ],
  },
  nomachine: {
    platforms: {
      windows: 'https://downloads.nomachine.com/',
      macos: 'https://downloads.nomachine.com/',
      linux: 'https://downloads.nomachine.com/',
    },
    gaps: {
      linux: 'the nixpkgs client package shows the Linux install tree is /usr/NX, but the client-only NoMachine packages install there too, and no citable source names the server program or unit, so nothing shows that this computer can be reached',
    },
    facts: [
      {
        source: 'https://github.com/greksw/nomashin_cleare_log_local/blob/0055280cd0dfb1407d7c07b58c2dadc6f2f0ddaa/nomashin_clear_log_local.bat',
        title: 'NoMachine log clean-up script (server program Program Files[ (x86)]\\NoMachine\\bin\\nxserver.exe, data in ProgramData\\NoMachine)',
        windows: {
          processes: [{ path: 'C:\\Program Files\\NoMachine\\bin\\nxserver.exe' }, { path: 'C:\\Program Files (x86)\\NoMachine\\bin\\nxserver.exe' }],
          paths: ['C:\\Program Files\\NoMachine', 'C:\\Program Files (x86)\\NoMachine', 'C:\\ProgramData\\NoMachine'],
        },
      },
      {
        source: 'https://github.com/microsoft/winget-pkgs/blob/727f6e90da7ee2fe849e07525996a32671b47f90/manifests/n/NoMachine/NoMachine/10.1.7/NoMachine.NoMachine.installer.yaml',
        title: 'winget NoMachine.NoMachine 10.1.7 (Inno Setup installer of the personal edition, machine scope, Uninstall key NoMachine_is1)',
        windows: {
          registry: ['HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\NoMachine_is1', 'HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\NoMachine_is1'],
        },
      },
      {
        source: `${CASK}/01eb38ecc04a39c15f03c8ebcf9ccb811bdc57a0/Casks/n/nomachine.rb`,
        title: 'Homebrew cask nomachine (launchd jobs of the NoMachine server, package receipts, app, support folder)',
        macos: {
          launchd: ['com.nomachine.nxserver', 'com.nomachine.server', 'com.nomachine.nxnode', 'com.nomachine.localnxserver', 'com.nomachine.nxrunner', 'com.nomachine.nxlaunchconf'],
          packages: ['com.nomachine.nxserver', 'com.nomachine.nxnode', 'com.nomachine.nxrunner', { glob: 'com.nomachine.nomachine.NoMachine-*.pkg' }],
          paths: ['/Applications/NoMachine.app', '/Library/Application Support/NoMachine'],
        },
      },
    ],
  },
  'parallels-access': {
    platforms: { windows: 'https://www.parallels.com/products/access/', macos: 'https://www.parallels.com/products/access/' },
    facts: [
      {
        source: `${CASK}/bca58b94adfe2c229b455219cab570f52b67686b/Casks/p/parallels-access.rb`,
        title: 'Homebrew cask parallels-access (launchd jobs, app, kernel extensions)',
        macos: {
          launchd: [
            'com.parallels.mobile.dispatcher.launchdaemon',
            'com.parallels.mobile.kextloader.launchdaemon',
            'com.parallels.mobile.prl_deskctl_agent.launchagent',
            'com.parallels.mobile.startgui.launchagent',
            'com.parallels.mobile.audioloader',
          ],
          drivers: ['com.parallels.virtualhid', 'com.parallels.virtualsound'],
          paths: ['/Applications/Parallels Access.app'],
        },
      },
    ],
  },
  parsec: {
    platforms: { windows: 'https://parsec.app/downloads', macos: 'https://parsec.app/downloads', linux: 'https://parsec.app/downloads' },
    gaps: { linux: 'the Linux app only connects to other computers (hosting needs Windows or macOS), so it says nothing about this computer being reachable' },
    facts: [
      {
        source: 'https://github.com/microsoft/winget-pkgs/blob/06ac625936c48b096fdf4a99dc587a787dde5e77/manifests/p/Parsec/Parsec/150.104.1.0/Parsec.Parsec.installer.yaml',
        title: 'winget Parsec.Parsec 150.104.1.0 (Uninstall entries Parsec and Parsec Virtual USB Adapter Driver, keys Parsec and ParsecVUD, machine or per-user install)',
        windows: {
          packages: ['Parsec', 'Parsec Virtual USB Adapter Driver'],
          registry: [
            'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\Parsec',
            'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\Parsec',
            'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\ParsecVUD',
          ],
        },
      },
      {
        source: `${INSTALLOMATOR}/065747256b093f922abcdc55542f215493226485/fragments/labels/parsec.sh`,
        title: 'Installomator label parsec (Apple Team ID of the Parsec app)',
        macos: { signers: ['Y9MY52XZDB'] },
      },
      {
        source: `${CASK}/0053010e50cb9114cf8194e6ad6e483655171ddf/Casks/p/parsec.rb`,
        title: 'Homebrew cask parsec (bundle id and package receipt tv.parsec.www)',
        macos: { bundle_ids: ['tv.parsec.www'], packages: ['tv.parsec.www'], paths: ['/Applications/Parsec.app'] },
      },
    ],
  },
  'quest-kace-agent-formerly-dell-kace': {
    facts: [
      {
        source: 'https://support.quest.com/ja-jp/kace-as-a-service/kb/4272244/%e3%83%9b%e3%83%af%e3%82%a4%e3%83%88%e3%83%aa%e3%82%b9%e3%83%88%e3%81%ab%e8%bf%bd%e5%8a%a0%e3%81%99%e3%81%b9%e3%81%8dkace-sma%e3%82%a8%e3%83%bc%e3%82%b8%e3%82%a7%e3%83%b3%e3%83%88%e3%81%ae%e4%bd%bf%e7%94%a8%e3%83%87%e3%82%a3%e3%83%ac%e3%82%af%e3%83%88%e3%83%aa%e3%81%a8%e5%ae%9f%e8%a1%8c%e3%83%95%e3%82%a1%e3%82%a4%e3%83%ab-4272244',
        title: 'Quest KB 4272244, folders and programs of the KACE SMA agent to allow-list (Program Files[ (x86)]\\Quest\\KACE, ProgramData\\Quest\\KACE, System32\\KUsrInit.exe, AMPWatchDog.exe)',
        windows: {
          paths: ['C:\\Program Files\\Quest\\KACE', 'C:\\Program Files (x86)\\Quest\\KACE', 'C:\\ProgramData\\Quest\\KACE'],
          processes: [
            { path: 'C:\\Windows\\System32\\KUsrInit.exe' },
            { path: 'C:\\Program Files\\Quest\\KACE\\AMPWatchDog.exe' },
            { path: 'C:\\Program Files (x86)\\Quest\\KACE\\AMPWatchDog.exe' },
          ],
        },
      },
      {
        source: 'https://www.itninja.com/blog/view/dell-kace-k1000-agent-and-server-communication-details',
        title: 'ITNinja (Dell KACE community): K1000 agent footprint of the Dell era (Program Files\\Dell\\KACE, ProgramData\\Dell\\KACE, service process AMPAgent.exe)',
        windows: { paths: ['C:\\Program Files\\Dell\\KACE', 'C:\\ProgramData\\Dell\\KACE'] },
      },
    ],
  },
  'realvnc-server': {
    platforms: {
      windows: 'https://www.realvnc.com/en/connect/download/vnc/windows/',
      macos: 'https://www.realvnc.com/en/connect/download/vnc/macos/',
      linux: 'https://www.realvnc.com/en/connect/download/vnc/linux/',
    },
    facts: [
      {
        source: `${FLEET}/1c76753373ac1509dba03e5d2bb9b8004d879eef/ee/maintained-apps/outputs/vnc-server/windows.json`,
        title: 'Fleet-maintained app vnc-server (Windows Uninstall entry "RealVNC Server <version>", publisher RealVNC)',
        windows: { packages: [{ glob: 'RealVNC Server *' }] },
      },
      {
        // the viewer is the other half of RealVNC Connect: same vendor product, one finding
        source: `${FLEET}/1c76753373ac1509dba03e5d2bb9b8004d879eef/ee/maintained-apps/outputs/vnc-viewer/windows.json`,
        title: 'Fleet-maintained app vnc-viewer (Windows Uninstall entry "RealVNC Viewer <version>", publisher RealVNC: the RealVNC Connect viewer)',
        windows: { packages: [{ glob: 'RealVNC Viewer *' }] },
      },
      {
        source: `${INSTALLOMATOR}/3d75d6050502b6d252d9c7aed10863b30bd7e529/fragments/labels/realvncserver.sh`,
        title: 'Installomator label realvncserver (app VNC Server.app, package id com.realvnc.vncserver.pkg); the cask puts its uninstaller in /Applications/RealVNC',
        macos: { paths: ['/Applications/RealVNC/VNC Server.app'] },
      },
      {
        source: `${CASK}/130e882bc136c81a7473c6ab4b77608571f5e2b0/Casks/v/vnc-server.rb`,
        title: 'Homebrew cask vnc-server (launchd jobs, package receipts)',
        macos: {
          launchd: ['com.realvnc.vncserver', 'com.realvnc.vncserver.peruser', 'com.realvnc.vncagent.peruser', 'com.realvnc.vncagent.prelogin'],
          packages: ['com.realvnc.vncserver.pkg', 'com.realvnc.vncserver.1'],
          paths: ['/Applications/RealVNC/Uninstall VNC Server.app'],
        },
      },
      {
        source: SIGMA_RAT_SERVICES,
        title: 'Sigma rule on remote-access service installs (RealVNC Server service vncserver)',
        windows: { services: ['vncserver'] },
      },
      {
        source: 'https://github.com/fcenobi/script/blob/ca6e200503dd03f41c10c9b531b116e60b106543/installvnc.sh',
        title: 'Install script for the RealVNC Linux .deb (systemd unit vncserver-x11-serviced.service)',
        linux: { services: ['vncserver-x11-serviced.service'], packages: ['realvnc-vnc-server'] },
      },
    ],
  },
  'remote-utilities': {
    facts: [
      {
        source: 'https://github.com/microsoft/winget-pkgs/blob/412ed55087f8afa54a62b0ccf8aa464de75861a2/manifests/r/RemoteUtilities/Host/7.6.2.0/RemoteUtilities.Host.locale.en-US.yaml',
        title: 'winget RemoteUtilities.Host 7.6.2.0 (package name "Remote Utilities - Host", machine-wide MSI; its AppsAndFeaturesEntries do not override that DisplayName)',
        windows: { packages: ['Remote Utilities - Host'] },
      },
      {
        source: SIGMA_RAT_SERVICES,
        title: 'Sigma rule on remote-access service installs (Remote Utilities host service RManService)',
        windows: { services: ['RManService'] },
      },
    ],
  },
  remotepc: {
    facts: [
      {
        source: SIGMA_RAT_SERVICES,
        title: 'Sigma rule on remote-access service installs (RemotePC services RPCService, RPCPerformanceService)',
        windows: { services: ['RPCService', 'RPCPerformanceService'] },
      },
    ],
  },
  rustdesk: {
    platforms: {
      windows: 'https://github.com/rustdesk/rustdesk/releases',
      macos: 'https://github.com/rustdesk/rustdesk/releases',
      linux: 'https://github.com/rustdesk/rustdesk/releases',
    },
    facts: [
      {
        source: `${FLEET}/008cdee0846321e5565e944e622d79dfb3cb7aa4/ee/maintained-apps/outputs/rustdesk/windows.json`,
        title: 'Fleet-maintained app rustdesk (Windows Uninstall entry RustDesk, publisher RustDesk)',
        windows: { packages: ['RustDesk'] },
      },
      {
        source: `${INSTALLOMATOR}/06b1161d54140208fb1d7866cbd69825b798749f/fragments/labels/rustdesk.sh`,
        title: 'Installomator label rustdesk (Apple Team ID of the RustDesk app)',
        macos: { signers: ['HZF9JMC8YN'] },
      },
      {
        source: 'https://github.com/rustdesk/rustdesk/blob/00b231c93fe7cc62ccf87bf720bd16a3337da272/res/msi/Package/Components/RustDesk.wxs',
        title: 'RustDesk MSI: service named after the product (RustDesk), program RustDesk.exe in the install folder',
        windows: { services: ['RustDesk'], processes: [{ path: 'C:\\Program Files\\RustDesk\\rustdesk.exe' }] },
      },
      {
        source: `${CASK}/0888a8d61249c942a9e0dac8467030f108c5f609/Casks/r/rustdesk.rb`,
        title: 'Homebrew cask rustdesk (bundle id, launchd plists)',
        macos: {
          bundle_ids: ['com.carriez.rustdesk'],
          launchd: ['com.carriez.RustDesk_server', 'com.carriez.RustDesk_service'],
          paths: ['/Applications/RustDesk.app', '/Library/LaunchDaemons/com.carriez.RustDesk_service.plist'],
        },
      },
      {
        source: 'https://github.com/rustdesk/rustdesk/blob/01968e71ad7dd41a18c5624f91ea908b826e98b0/res/PKGBUILD',
        title: 'RustDesk PKGBUILD (package rustdesk, /usr/lib/rustdesk, /usr/share/rustdesk)',
        linux: { processes: [{ path: '/usr/lib/rustdesk/rustdesk' }], packages: ['rustdesk'], paths: ['/usr/lib/rustdesk', '/usr/share/rustdesk'] },
      },
      {
        source: 'https://github.com/rustdesk/rustdesk/blob/2391b180468d105663898cb1dc1bf5788f8b84f8/res/DEBIAN/postinst',
        title: 'RustDesk Debian postinst (systemd unit rustdesk.service)',
        linux: { services: ['rustdesk.service'] },
      },
    ],
  },
  showmypc: {
    facts: [
      {
        source: `${LOLRMM}showmypc.yaml`,
        title: 'LOLRMM showmypc.yaml code-signing certificate (Authenticode signer ShowMyPC INC)',
        windows: { signers: ['ShowMyPC INC'] },
      },
    ],
  },
  'splashtop-streamer': {
    platforms: {
      windows: 'https://www.splashtop.com/downloads',
      macos: 'https://www.splashtop.com/downloads',
      linux: 'https://support-splashtopbusiness.splashtop.com/hc/en-us/articles/360035513772-Download-Splashtop-Streamer-for-Linux',
    },
    facts: [
      {
        // Atera deploys Splashtop's streamer under this name: the same streamer, one finding
        source: 'https://github.com/j-alger/Atera-Uninstall/blob/eb897b71b92c5fcdec030f829e6156a2d02a3aec/AteraRemoval.ps1',
        title: 'Atera agent removal script (Uninstall entry "Splashtop for RMM", the Splashtop streamer Atera installs, service SplashtopRemoteService)',
        windows: { packages: ['Splashtop for RMM'] },
      },
      {
        source: `${FLEET}/304d02e50cd65ff14a9a53aa6086bb82fff67c91/ee/maintained-apps/outputs/splashtop-streamer/windows.json`,
        title: 'Fleet-maintained app splashtop-streamer (Windows Uninstall entry "Splashtop Streamer ...", publisher Splashtop Inc., MSI)',
        windows: { packages: [{ glob: 'Splashtop Streamer*' }] },
      },
      {
        // the Splashtop Business app is the connecting side of the same Splashtop product: one finding
        source: `${FLEET}/304d02e50cd65ff14a9a53aa6086bb82fff67c91/ee/maintained-apps/outputs/splashtop-business/windows.json`,
        title: 'Fleet-maintained app splashtop-business (Windows Uninstall entry "Splashtop Business ...", publisher Splashtop Inc.)',
        windows: { packages: [{ glob: 'Splashtop Business*' }] },
      },
      {
        source: `${INSTALLOMATOR}/dd903544be6d36dc490306c92ce4c20cd176a386/fragments/labels/splashtopstreamer.sh`,
        title: 'Installomator label splashtopstreamer (the installed app is Splashtop Streamer.app)',
        macos: { paths: ['/Applications/Splashtop Streamer.app'] },
      },
      {
        source: `${CASK}/08bce03b207c7408292c0d02c4b7d07abfe35877/Casks/s/splashtop-streamer.rb`,
        title: 'Homebrew cask splashtop-streamer (bundle id, launchd jobs, package receipt)',
        macos: {
          bundle_ids: ['com.splashtop.Splashtop-Streamer'],
          launchd: ['com.splashtop.streamer-daemon', 'com.splashtop.streamer-for-root', 'com.splashtop.streamer-for-user', 'com.splashtop.streamer-srioframebuffer'],
          packages: ['com.splashtop.Splashtop-Streamer'],
          paths: ['/Library/Application Support/Splashtop Streamer'],
        },
      },
      {
        source: 'https://support-splashtopbusiness.splashtop.com/hc/en-us/articles/360035513772-Download-Splashtop-Streamer-for-Linux',
        title: 'Splashtop: Streamer for Linux (.deb package splashtop-streamer installing /opt/splashtop-streamer)',
        linux: { packages: ['splashtop-streamer'], paths: ['/opt/splashtop-streamer'], processes: [{ path: '/opt/splashtop-streamer/SRFeature' }] },
      },
    ],
  },
  sunlogin: {
    facts: [
      {
        source: `${CASK}/02e79a029824db4c61666098bc8a14535e0831c0/Casks/a/awesun.rb`,
        title: 'Homebrew cask awesun (AweSun, the international Sunlogin: launchd jobs, package receipts, app, support folder)',
        macos: {
          launchd: ['com.oray.awesun.agent', 'com.oray.awesun.desktopagent', 'com.oray.awesun.helper', 'com.oray.awesun.service', 'com.oray.awesun.startup'],
          packages: ['com.oray.awesun.macclient'],
          paths: ['/Applications/AweSun.app', '/Library/Application Support/Oray/AweSun', '/private/var/log/AweSun'],
        },
      },
      {
        source: `${CASK}/040230179fb64cd708390c0721ebf923a48f21c4/Casks/s/sunloginclient.rb`,
        title: 'Homebrew cask sunloginclient (launchd jobs, bundle id, package receipt, log folder)',
        macos: {
          bundle_ids: ['com.oray.sunlogin.macclient'],
          packages: ['com.oray.sunlogin.macclient'],
          launchd: ['com.oray.sunlogin.agent', 'com.oray.sunlogin.desktopagent', 'com.oray.sunlogin.helper', 'com.oray.sunlogin.service', 'com.oray.sunlogin.startup'],
          paths: ['/Applications/SunloginClient.app', '/private/var/log/sunlogin'],
        },
      },
    ],
  },
  supremo: {
    facts: [
      {
        source: `${LOLRMM}supremo.yaml`,
        title: 'LOLRMM supremo.yaml code-signing certificate (Authenticode signer Nanosystems S.r.l.)',
        windows: { signers: ['Nanosystems S.r.l.'] },
      },
      {
        source: `${CASK}/0c5929abad581fb9b998887b6e64c06bef87c1ae/Casks/s/supremo.rb`,
        title: 'Homebrew cask supremo (app, per-user support folder)',
        macos: { paths: ['/Applications/Supremo.app', '~/Library/Application Support/SupremoRemoteDesktop'] },
      },
    ],
  },
  syncro: {
    facts: [
      {
        source: 'https://github.com/Maelstrom96/SyncroMSP-Scripts/blob/8797350c4d3938264011c09fd3800aba8fb57806/scripts/syncro-force-fullsync.ps1',
        title: 'Syncro full-sync script (service Syncro, key WOW6432Node\\RepairTech\\Syncro, agent files in ProgramData\\Syncro\\bin, log ProgramData\\Syncro\\logs)',
        windows: {
          services: ['Syncro'],
          registry: ['HKLM\\SOFTWARE\\WOW6432Node\\RepairTech\\Syncro'],
          paths: ['C:\\ProgramData\\Syncro\\bin', 'C:\\ProgramData\\Syncro\\logs'],
        },
      },
    ],
  },
  'tactical-rmm': {
    platforms: {
      windows: 'https://github.com/amidaware/rmmagent/blob/0114ea808ea0e1bc1000638e3ec62d37c6d0397b/agent/agent.go',
      macos: 'https://github.com/amidaware/rmmagent/blob/0114ea808ea0e1bc1000638e3ec62d37c6d0397b/agent/agent.go',
      linux: 'https://github.com/amidaware/tacticalrmm/blob/070588c66be34e2da8c5268f5ee075296d61e22b/api/tacticalrmm/core/agent_linux.sh',
    },
    facts: [
      {
        source: 'https://github.com/amidaware/rmmagent/blob/0114ea808ea0e1bc1000638e3ec62d37c6d0397b/agent/agent.go',
        title: 'Tactical RMM agent constants (Windows service tacticalrmm in Program Files\\TacticalAgent; /opt/tacticalagent; macOS LaunchDaemon tacticalagent)',
        windows: {
          services: ['tacticalrmm'],
          processes: [{ path: 'C:\\Program Files\\TacticalAgent\\tacticalrmm.exe' }],
          paths: ['C:\\Program Files\\TacticalAgent', 'C:\\ProgramData\\TacticalRMM'],
        },
        macos: {
          launchd: ['tacticalagent'],
          processes: [{ path: '/opt/tacticalagent/tacticalagent' }],
          paths: ['/opt/tacticalagent', '/etc/tacticalagent', '/Library/LaunchDaemons/tacticalagent.plist'],
        },
      },
      {
        source: 'https://github.com/amidaware/tacticalrmm/blob/070588c66be34e2da8c5268f5ee075296d61e22b/api/tacticalrmm/core/agent_linux.sh',
        title: 'Tactical RMM Linux installer (/usr/local/bin/tacticalagent, tacticalagent.service, /etc/tacticalagent, /opt/tacticalmesh)',
        linux: {
          services: ['tacticalagent.service'],
          processes: [{ path: '/usr/local/bin/tacticalagent' }],
          paths: ['/etc/tacticalagent', '/opt/tacticalagent', '/opt/tacticalmesh', '/etc/systemd/system/tacticalagent.service'],
        },
      },
    ],
  },
  teamviewer: {
    platforms: {
      windows: 'https://www.teamviewer.com/en/download/windows/',
      macos: 'https://www.teamviewer.com/en/download/macos/',
      linux: 'https://www.teamviewer.com/en/download/linux/',
    },
    facts: [
      {
        source: `${FLEET}/0a3a5a21cfb92a94858cc213bef83b316fca8970/ee/maintained-apps/outputs/teamviewer/windows.json`,
        title: 'Fleet-maintained app teamviewer (Windows Uninstall entry TeamViewer, publisher TeamViewer, key Uninstall\\TeamViewer)',
        windows: { packages: ['TeamViewer'] },
      },
      {
        source: `${FLEET}/060e79f207628e52609eedabbb7268eb12a699be/ee/maintained-apps/outputs/teamviewer-host/windows.json`,
        title: 'Fleet-maintained app teamviewer-host (Windows Uninstall entry TeamViewer Host, machine-wide MSI)',
        windows: { packages: ['TeamViewer Host'] },
      },
      {
        source: `${INSTALLOMATOR}/0c1760b8cd5b69393056271479268f47c214d231/fragments/labels/teamviewer.sh`,
        title: 'Installomator label teamviewer (Apple Team ID of TeamViewer)',
        macos: { signers: ['H7UGFBUGV6'] },
      },
      {
        source: `${INSTALLOMATOR}/14f938e604960a9ceac771eab211a0f4edc91312/fragments/labels/teamviewerhost.sh`,
        title: 'Installomator label teamviewerhost (package id com.teamviewer.teamviewerhost, same Team ID)',
        macos: { packages: ['com.teamviewer.teamviewerhost'] },
      },
      {
        source: `${CASK}/02959ab6a1f440e0a5225fc9854f1fc09235bdbd/Casks/t/teamviewer-quicksupport.rb`,
        title: 'Homebrew cask teamviewer-quicksupport (bundle id of TeamViewer QuickSupport)',
        macos: { bundle_ids: ['com.teamviewer.TeamViewerQS'] },
      },
      {
        source: `${LOLRMM}teamviewer.yaml`,
        title: 'LOLRMM teamviewer.yaml code-signing certificates (Authenticode signers TeamViewer Germany GmbH, TeamViewer GmbH)',
        windows: { signers: ['TeamViewer Germany GmbH', 'TeamViewer GmbH'] },
      },
      {
        source: `${CASK}/07780d2218b1d9244e86811341f53e7fa564cd9d/Casks/t/teamviewer.rb`,
        title: 'Homebrew cask teamviewer (launchd jobs, bundle id, package receipts)',
        macos: {
          bundle_ids: ['com.teamviewer.TeamViewer'],
          launchd: ['com.teamviewer.service', 'com.teamviewer.teamviewer_service', 'com.teamviewer.desktop', 'com.teamviewer.teamviewer_desktop', 'com.teamviewer.Helper', 'com.teamviewer.teamviewer'],
          packages: ['com.teamviewer.AuthorizationPlugin', { glob: 'com.teamviewer.teamviewer.*' }],
          paths: ['/Applications/TeamViewer.app'],
        },
      },
      {
        source: `${CASK}/04b511e4a8a8630efade11381fcd90fd51c56919/Casks/t/teamviewer-host.rb`,
        title: 'Homebrew cask teamviewer-host (TeamViewer Host bundle id, support folder)',
        macos: { bundle_ids: ['com.teamviewer.TeamViewerHost'], paths: ['~/Library/Application Support/TeamViewer Host'] },
      },
      {
        source: `${NIX}/258b56aa09d8710c535fe9c0e47502f4c7fa86ee/pkgs/by-name/te/teamviewer/package.nix`,
        title: 'nixpkgs teamviewer (.deb layout: /opt/teamviewer, tv_bin/teamviewerd, teamviewerd.service)',
        linux: {
          processes: [{ path: '/opt/teamviewer/tv_bin/teamviewerd' }, { path: '/opt/teamviewer/tv_bin/TeamViewer' }],
          services: ['teamviewerd.service'],
          packages: ['teamviewer'],
          paths: ['/opt/teamviewer'],
        },
      },
    ],
  },
  'tightvnc-server': {
    platforms: {
      windows: 'https://www.tightvnc.com/download.php',
      linux: 'https://packages.debian.org/bookworm/tightvncserver',
    },
    facts: [
      {
        source: 'https://github.com/microsoft/winget-pkgs/blob/778cb0df71b771dd3d4df678b42076f7320d8940/manifests/g/GlavSoft/TightVNC/2.8.88/GlavSoft.TightVNC.installer.yaml',
        title: 'winget GlavSoft.TightVNC 2.8.88 (MSI, default install folder Program Files\\TightVNC)',
        windows: {
          paths: ['C:\\Program Files\\TightVNC', 'C:\\Program Files (x86)\\TightVNC'],
          processes: [{ path: 'C:\\Program Files\\TightVNC\\tvnserver.exe' }, { path: 'C:\\Program Files (x86)\\TightVNC\\tvnserver.exe' }],
        },
      },
      {
        source: 'https://github.com/chocolatey-community/chocolatey-packages/blob/00ae8568f9810b5cbca98bedaafcb01b544f3068/automatic/tightvnc/tools/chocolateyInstall.ps1',
        title: 'Chocolatey tightvnc install script (service tvnserver)',
        windows: { services: ['tvnserver'] },
      },
      {
        source: 'https://github.com/chocolatey-community/chocolatey-packages/blob/36b236ff7bafd50ad299559d0fd85f7d253d0c73/automatic/tightvnc/tools/chocolateyUninstall.ps1',
        title: 'Chocolatey tightvnc uninstall script (installed product named TightVNC)',
        windows: { packages: ['TightVNC'] },
      },
      {
        source: 'https://packages.debian.org/bookworm/amd64/tightvncserver/filelist',
        title: 'Debian package tightvncserver 1.3.10 file list (/usr/bin/Xtightvnc, /etc/tightvncserver.conf)',
        linux: {
          packages: ['tightvncserver'],
          processes: [{ path: '/usr/bin/Xtightvnc' }],
          paths: ['/etc/tightvncserver.conf', '/usr/bin/tightvncserver'],
        },
      },
    ],
  },
  todesk: {
    facts: [
      {
        source: 'https://github.com/microsoft/winget-pkgs/blob/25e5d5910454bb4cb382cb0512d958f7808446ee/manifests/y/Youqu/ToDesk/4.7.3.0/Youqu.ToDesk.installer.yaml',
        title: 'winget Youqu.ToDesk 4.7.3.0 (32-bit NSIS installer, machine scope, Uninstall key ToDesk)',
        windows: {
          registry: ['HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\ToDesk', 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\ToDesk'],
        },
      },
      {
        source: `${CASK}/16d477471fc38fba0a5cf8c67ee4accf96476aaa/Casks/t/todesk.rb`,
        title: 'Homebrew cask todesk (launchd jobs, bundle id, package receipt)',
        macos: {
          bundle_ids: ['com.youqu.todesk.mac'],
          packages: ['com.youqu.todesk.mac'],
          launchd: ['com.youqu.todesk.client.startup', 'com.youqu.todesk.desktop', 'com.youqu.todesk.service', 'com.youqu.todesk.startup'],
          paths: ['/Applications/ToDesk.app'],
        },
      },
    ],
  },
  ultraviewer: {
    facts: [
      {
        source: 'https://github.com/microsoft/winget-pkgs/blob/51a4d009c45c6b3706253efd370a23902827309b/manifests/d/DucFabulous/UltraViewer/6.6.127/DucFabulous.UltraViewer.installer.yaml',
        title: 'winget DucFabulous.UltraViewer 6.6.127 (32-bit Inno Setup installer, Uninstall key {E0FABD74-083B-47F4-AC5B-CA4237BF8913}_is1)',
        windows: {
          registry: [
            'HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\{E0FABD74-083B-47F4-AC5B-CA4237BF8913}_is1',
            'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\{E0FABD74-083B-47F4-AC5B-CA4237BF8913}_is1',
          ],
        },
      },
    ],
  },
  'ultravnc-server': {
    platforms: { windows: 'https://uvnc.com/downloads/ultravnc.html' },
    facts: [
      {
        source: 'https://github.com/microsoft/winget-pkgs/blob/d460ff210c43841c6d0d737594bf08c7eaad64c3/manifests/u/uvncbvba/UltraVNC/1.8.3.0/uvncbvba.UltraVNC.installer.yaml',
        title: 'winget uvncbvba.UltraVNC 1.8.3.0 (Inno Setup key Ultravnc2_is1, default folder Program Files\\uvnc\\UltraVNC)',
        windows: {
          paths: ['C:\\Program Files\\uvnc\\UltraVNC', 'C:\\Program Files (x86)\\uvnc\\UltraVNC'],
          processes: [{ path: 'C:\\Program Files\\uvnc\\UltraVNC\\winvnc.exe' }],
          registry: ['HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\Ultravnc2_is1', 'HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\Ultravnc2_is1'],
        },
      },
      {
        source: 'https://github.com/ultravnc/UltraVNC/blob/1e3848d6a07ce84bdfb8a90568726283b3304f4d/UltraVNC_installer_x64.iss',
        title: 'UltraVNC installer script (Uninstall entry UltraVNC, Program Files\\uvnc bvba\\UltraVNC\\winvnc.exe)',
        windows: { packages: ['UltraVNC'], processes: [{ path: 'C:\\Program Files\\uvnc bvba\\UltraVNC\\winvnc.exe' }] },
      },
      {
        source: 'https://github.com/KDVALONE/KDV/blob/25969c8f497a07fba1bbaefc94cd15b5e5691c43/BatScripts/UVNCINST.bat',
        title: 'UltraVNC silent-install script (service uvnc_service)',
        windows: { services: ['uvnc_service'] },
      },
    ],
  },
  'zoho-assist': {
    facts: [
      {
        // the per-user %LOCALAPPDATA%\zohomeeting folder the page also names is left out: Zoho Meeting's own client may share it
        source: 'https://www.zoho.com/assist/kb/firewall-configuration.html',
        title: 'Zoho Assist firewall and antivirus page (install folder Program Files[ (x86)]\\ZohoMeeting; programs ZohoURSService.exe, ZohoURS.exe, ZMAgent.exe)',
        windows: { paths: ['C:\\Program Files (x86)\\ZohoMeeting', 'C:\\Program Files\\ZohoMeeting'] },
      },
    ],
  },
};
