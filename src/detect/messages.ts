// English texts of every behaviour, in one object so that they move to the i18n catalogues in one step.

export interface BehaviourText {
  /** Short name of what was seen. */
  title: string;
  /** One plain sentence: what it means for the person at this computer. */
  means: string;
  /** One plain sentence: what it does not prove. */
  not_proof: string;
  /** How bosswatch looks for it (for `bosswatch explain`). */
  how: string;
}

export const BEHAVIOURS = {
  'input.device-reader': {
    title: 'A program reads the keyboard or mouse directly',
    means: 'This program has a keyboard or mouse device open, so it can read every key you press and every mouse movement, in every program.',
    not_proof: 'It does not show that the program keeps or sends what it reads: input remappers, games and accessibility tools do this too.',
    how: 'Lists the programs that hold /dev/input/event* or /dev/hidraw* open (from /proc/<pid>/fd), leaving out the display server, compositors, input methods and login daemons that always do.',
  },
  'input.virtual-device': {
    title: 'A program can type and move the mouse as if it were you',
    means: 'This program holds /dev/uinput open, which lets it create a virtual keyboard or mouse and send key presses and clicks to any program.',
    not_proof: 'It does not show that someone controls it from elsewhere: remote-desktop tools, macro tools and key remappers use it too.',
    how: 'Lists the programs that hold /dev/uinput open (from /proc/<pid>/fd).',
  },
  'input.group-access': {
    title: 'Keyboards and mice can be read without administrator rights',
    means: 'A setting on this computer lets ordinary programs open the keyboard and mouse devices, so any program running under the account named can read every key pressed, without asking.',
    not_proof: 'It does not show that any program does so; some games, remappers and accessibility setups need it.',
    how: 'Reads the members of the input group in /etc/group and udev rules (/etc/udev/rules.d, /lib/udev/rules.d, /usr/lib/udev/rules.d) that give input devices to other groups, to everyone, or to the logged-in user.',
  },
  'input.x11-listener': {
    title: 'A program listens to every key on the X display',
    means: 'This program asked the X server for every key press and mouse event on the whole screen, in every window, which is how simple X11 key loggers work.',
    not_proof: 'It does not show that what it hears is stored or sent anywhere; developers use these tools to test input.',
    how: 'Looks at the command lines of running programs for tools that listen to all X input: `xinput test`/`test-xi2`, `xev -root`, logkeys, xspy, xkeysnail-like loggers.',
  },
  'screen.capture-process': {
    title: 'A program is capturing the screen',
    means: 'This program is recording or photographing the screen right now, according to what it was started with.',
    not_proof: 'It does not show who receives the pictures: you may have started it yourself (a screen recording, a screenshot tool).',
    how: 'Looks at the command lines of running programs: ffmpeg with -f x11grab/kmsgrab, GStreamer pipelines with ximagesrc/pipewiresrc, import -window root, scrot, grim, xwd, wf-recorder, OBS.',
  },
  'screen.pipewire-stream': {
    title: 'A program receives a screen-cast or camera stream',
    means: 'This program is receiving video from the screen or a camera through PipeWire right now.',
    not_proof: 'It does not show that the video leaves the computer: video calls and screen recorders you started use the same path.',
    how: 'Reads `pw-dump` (PipeWire) for video streams being received (media.class Stream/Input/Video) and the program that opened them.',
  },
  'remote.vnc-listening': {
    title: 'A remote-desktop server is waiting for connections',
    means: 'A program on this computer accepts remote-desktop connections (VNC or RDP), so someone elsewhere can watch or use this screen when they connect.',
    not_proof: 'It does not show that anyone is connected, or that it is used without your knowledge.',
    how: 'Reads the listening TCP sockets (/proc/net/tcp, /proc/net/tcp6) for the VNC ports 5900-5999 and the RDP port 3389, with the program that owns them.',
  },
  'session.tty-audit': {
    title: 'What you type in terminals is recorded',
    means: 'Login is set up with pam_tty_audit, so the kernel records what you type in terminals and remote shells into the audit log that administrators read.',
    not_proof: 'It does not record graphical programs, and it does not show that anyone reads the log.',
    how: 'Reads every file in /etc/pam.d for an active pam_tty_audit line.',
  },
  'session.tlog': {
    title: 'Terminal sessions are recorded',
    means: 'Session recording (tlog) is configured, so terminal sessions — what you type and what appears — are recorded for the administrators.',
    not_proof: 'It does not record graphical programs; which users are recorded depends on the setting shown.',
    how: 'Reads /etc/tlog/tlog-rec-session.conf, SSSD [session_recording] settings and login shells set to tlog-rec-session in /etc/passwd.',
  },
  'preload.ld-so-preload': {
    title: 'A library is loaded into every program',
    means: 'The file /etc/ld.so.preload makes every program on this computer load the library named, which can see and change what those programs do (command loggers such as Snoopy work this way).',
    not_proof: 'It does not show what the library does: some security and debugging tools use this too.',
    how: 'Reads /etc/ld.so.preload.',
  },
  'preload.ld-preload-env': {
    title: 'A library is injected into a running program',
    means: 'This program was started with LD_PRELOAD or LD_AUDIT set, so the library named runs inside it and can see what it does.',
    not_proof: 'It does not show what the library does: performance tools, games overlays and compatibility shims use this too.',
    how: 'Reads LD_PRELOAD and LD_AUDIT (and nothing else) from /proc/<pid>/environ of the programs it may read.',
  },
  'macos.event-tap': {
    title: 'A program listens to the keyboard (event tap)',
    means: 'This program installed a keyboard event tap, so macOS passes it every key you press in every app.',
    not_proof: 'It does not show that what it reads is stored or sent: hotkey tools, window managers and password managers use taps too.',
    how: 'Asks macOS for its event-tap list (CGGetEventTapList, through osascript) and keeps enabled taps of key events owned by programs that are not Apple\'s.',
  },
  'macos.privacy-grant': {
    title: 'An app may record the screen or read the keyboard',
    means: 'macOS gave this app a privacy permission that lets it see the screen, read the keyboard, or control other apps.',
    not_proof: 'It does not show that the app uses the permission now; you may have allowed it yourself for a reason.',
    how: 'Reads the TCC privacy databases for apps that are not Apple\'s and are not common video-call or browser apps holding screen recording, input monitoring, accessibility, post-event or automation permissions.',
  },
  'macos.mdm-granted': {
    title: 'Your employer\'s management profile granted a privacy permission',
    means: 'A configuration profile installed by your organisation gave this app a privacy permission without asking you.',
    not_proof: 'It does not show what the app does with it: security and IT tools are granted permissions this way too.',
    how: 'Reads the privacy-permission (PPPC) payloads of installed configuration profiles and TCC rows whose reason is "MDM policy".',
  },
  'macos.endpoint-security-extension': {
    title: 'A program watches everything that happens on this Mac',
    means: 'An endpoint-security system extension is active, so its program sees every program started and every file opened on this Mac.',
    not_proof: 'It does not show that it monitors you personally: antivirus and security tools are built this way.',
    how: 'Reads `systemextensionsctl list` for enabled extensions in the endpoint_security category.',
  },
  'macos.network-filter': {
    title: 'A program can see or filter the network traffic',
    means: 'A network-extension (content filter, DNS proxy or VPN) is active, so its program can see the connections this Mac makes and may inspect their content.',
    not_proof: 'It does not show that traffic is read or recorded: VPN clients and security tools use the same kind of extension.',
    how: 'Reads `systemextensionsctl list` for enabled extensions in the network_extension category.',
  },
  'windows.input-filter-driver': {
    title: 'A driver sits between the keyboard or mouse and Windows',
    means: 'A filter driver is registered on the keyboard or mouse device class, so it sees every key press or mouse event before Windows does.',
    not_proof: 'It does not show that it records anything: touchpad, remote-desktop and virtual-machine drivers do this too.',
    how: 'Reads UpperFilters of the keyboard and mouse device classes in the registry and keeps entries other than Windows\' own kbdclass and mouclass.',
  },
  'windows.appinit-dlls': {
    title: 'A library is loaded into every Windows program',
    means: 'AppInit_DLLs is set, so Windows loads the library named into every program that shows a window, where it can watch what you do.',
    not_proof: 'It does not show what the library does: some older security and accessibility tools use this.',
    how: 'Reads AppInit_DLLs and LoadAppInit_DLLs under HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Windows (and its 32-bit view).',
  },
  'windows.wmi-subscription': {
    title: 'A command runs when something happens on this computer (WMI)',
    means: 'A WMI event subscription runs a command or script when a chosen event happens, without any program or service visible for it.',
    not_proof: 'It does not show that the command monitors you: some management tools use subscriptions too.',
    how: 'Lists __EventFilter, CommandLineEventConsumer, ActiveScriptEventConsumer and __FilterToConsumerBinding objects in the root\\subscription WMI namespace.',
  },
  'windows.os-name-impersonation': {
    title: 'A program uses a Windows component\'s name but runs from elsewhere',
    means: 'This program carries the name of a Windows component (such as dwm.exe) but runs from a folder where Windows never keeps it; some monitoring agents hide this way.',
    not_proof: 'It does not name the product; malware does this too. Look at the folder to find out what it is.',
    how: 'Compares the name and folder of every running program with the folders Windows keeps its own components in.',
  },
  'windows.hidden-program-service': {
    title: 'A hidden program runs a service',
    means: 'This program is hidden from the Installed apps list (SystemComponent=1) and also runs a service, which is how agents that should not be noticed are often installed.',
    not_proof: 'It does not show that it monitors you: some drivers and runtime components are hidden the same way.',
    how: 'Matches Uninstall entries with SystemComponent=1 against services whose program lives in the entry\'s install folder.',
  },
  'windows.camera-mic-use': {
    title: 'A program is using the camera or microphone now',
    means: 'Windows records that this program is using the camera or microphone at this moment.',
    not_proof: 'It does not show that it records you without reason: a video call you started does the same.',
    how: 'Reads the CapabilityAccessManager consent store for programs whose last use has a start time but no end time.',
  },
  'windows.recall-enabled': {
    title: 'Windows Recall screen snapshots are turned on by policy',
    means: 'A policy turns on Windows Recall, which saves snapshots of your screen every few seconds so they can be searched.',
    not_proof: 'It does not show that anyone else reads the snapshots: they are stored on this computer.',
    how: 'Reads the WindowsAI policy keys (HKLM and HKCU\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsAI): AllowRecallEnablement and DisableAIDataAnalysis.',
  },
  'windows.rdp-shadow-no-consent': {
    title: 'Your screen can be watched over Remote Desktop without asking you',
    means: 'A policy lets administrators watch (shadow) your Remote Desktop session without asking for your permission.',
    not_proof: 'It does not show that anyone is watching now.',
    how: 'Reads the Shadow value of HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services (2 = control without consent, 4 = view without consent).',
  },
  'browser.forced-extension': {
    title: 'Your employer\'s browser policy installs an extension',
    means: 'Your employer\'s browser policy installs this extension and you cannot remove it; extensions can see the pages you visit.',
    not_proof: 'It does not show what the extension does: many are password managers or single sign-on helpers.',
    how: 'Reads the browsers\' managed policies (ExtensionInstallForcelist, ExtensionSettings with force_installed) in policy files and the registry.',
  },
  'browser.reporting-connector': {
    title: 'Your employer\'s browser policy sends browsing events to the organisation',
    means: 'Your employer\'s browser policy sends reports about what happens in the browser (security events, downloads, pasted or uploaded content, visited pages) to your organisation\'s console.',
    not_proof: 'It does not show which events are kept or who reads them.',
    how: 'Reads Chrome and Edge policies such as OnSecurityEventEnterpriseConnector, OnFileAttachedEnterpriseConnector, OnBulkDataEntryEnterpriseConnector, OnPrintEnterpriseConnector, CloudReportingEnabled, ReportingConnector… and EnterpriseRealTimeUrlCheckMode.',
  },
  'browser.proxy': {
    title: 'Your employer\'s settings send web traffic through a proxy',
    means: 'Web traffic from this computer or browser goes through the proxy named, which can see which sites you visit.',
    not_proof: 'A proxy does not by itself read encrypted pages: that needs an extra root certificate too.',
    how: 'Reads proxy policies (ProxyMode, ProxyServer, ProxyPacUrl, ProxySettings) of the browsers and the system proxy settings.',
  },
  'browser.url-logging': {
    title: 'Your employer\'s browser policy checks or logs the sites you visit',
    means: 'Your employer\'s browser policy sends the addresses of the pages you visit to a service for checking or logging.',
    not_proof: 'It does not show how long addresses are kept or who reads them.',
    how: 'Reads browser policies that send visited addresses to the organisation (EnterpriseRealTimeUrlCheckMode, URL check connectors).',
  },
  'tls.extra-root-ca': {
    title: 'An extra root certificate lets someone read encrypted traffic',
    means: 'A root certificate was added to this computer\'s trusted list beyond the operating system\'s own; whoever holds its key can read and change encrypted (HTTPS) traffic on its way.',
    not_proof: 'It does not show that traffic is intercepted: companies also add their own certificates for internal sites.',
    how: 'Reads certificates added by an administrator or a policy: /usr/local/share/ca-certificates and /etc/pki/ca-trust/source/anchors on Linux, admin trust settings on macOS, policy-pushed root certificates on Windows.',
  },
  'device.managed': {
    title: 'Your employer manages this device',
    means: 'Your employer manages this device: it can install software and change settings.',
    not_proof: 'It does not show that monitoring software is installed: management is also used for updates and security.',
    how: 'Reads the device-management enrolment: MDM enrolment on macOS, Enrollments with a ProviderID on Windows, management agents (Intune, Landscape) on Linux.',
  },
  'ai.usage-export': {
    title: 'Your organisation collects what you do with an AI assistant',
    means: 'A managed setting of an AI assistant sends usage data — and with prompt logging, what you ask it — to the address your organisation chose.',
    not_proof: 'It does not show who reads the data or how long it is kept.',
    how: 'Reads the managed settings files of AI coding tools (Claude Code managed-settings.json) for telemetry export (CLAUDE_CODE_ENABLE_TELEMETRY, OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_LOG_USER_PROMPTS).',
  },
} as const satisfies Record<string, BehaviourText>;

export type BehaviourId = keyof typeof BEHAVIOURS;
export const BEHAVIOUR_IDS = Object.keys(BEHAVIOURS) as BehaviourId[];

/** Plain words for evidence rows. */
export const WHAT = {
  process: 'running program',
  openDevice: 'open input device',
  commandLine: 'command line',
  setting: 'setting',
  policy: 'policy setting',
  file: 'file',
  group: 'group member',
  udev: 'device rule',
  listening: 'listening socket',
  permission: 'privacy permission',
  extension: 'system extension',
  driver: 'driver',
  service: 'service',
  program: 'installed program (hidden)',
  certificate: 'certificate',
  stream: 'video stream',
  tap: 'event tap',
  consent: 'camera or microphone use',
  enrolment: 'management enrolment',
} as const;

export const BEHAVIOURS_HEADING = {
  title: 'What programs and settings on this computer allow',
  intro: 'These were found from what the system lets programs do or what was configured, not from a product name.',
  explained: 'Seen on this computer for this product',
} as const;
