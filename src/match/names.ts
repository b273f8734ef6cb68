// How names that rules write exactly vary on real Windows machines, and the one spelling both sides compare in.

// One trailing version or architecture part of an Uninstall DisplayName: " 1.6.22", " 15", " v2.3", " version 2.3",
// " - 2.3.1", " (2.3.1)", " (x64)", " 64-bit", " x86". Never other words ("TeamViewer Meeting Add-in").
const VERSION_PART = /(?:\s+[-–]\s*|\s+)\(?(?:v\s?|version\s+)?\d+(?:\.\d+)*[a-z]?\)?$/i;
const ARCH_PART = /(?:\s+[-–]\s*|\s+)\(?(?:x64|x86|x86_64|amd64|arm64|(?:64|32)[- ]?bit)\)?$/i;

/**
 * An Uninstall DisplayName without its trailing version and architecture parts ("Hubstaff 1.6.22" -> "Hubstaff",
 * "AnyDesk (x64)" -> "AnyDesk"), also the row's own DisplayVersion when the name ends with it; undefined when the
 * name has no such part. At most three parts go ("Foo 2.3 (x64)"), and something always stays.
 */
export function displayNameStem(name: string, version?: string): string | undefined {
  let s = name.trim();
  for (let i = 0; i < 3; i++) {
    let next = s.replace(ARCH_PART, '');
    if (next === s) next = s.replace(VERSION_PART, '');
    if (next === s && version && version.trim() && s.toLowerCase().endsWith(version.trim().toLowerCase())) {
      const head = s.slice(0, s.length - version.trim().length);
      const m = /(?:\s+[-–]\s*|\s+)(?:v\s?|version\s+)?\(?$/i.exec(head);
      if (m) next = head.slice(0, m.index);
    }
    if (next === s || !next.trim()) break;
    s = next.trim();
  }
  return s !== name.trim() ? s : undefined;
}

/** A Windows program name compared without `.exe` (Get-Process says "TeamViewer", Win32_Process "TeamViewer.exe"). */
export function programKey(name: string, windows: boolean): string {
  return windows ? name.toLowerCase().replace(/\.exe$/, '') : name;
}
