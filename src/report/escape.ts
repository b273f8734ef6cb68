// Text from the machine (names, paths) could carry escape sequences that repaint or hijack a terminal.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Makes control, C1 and bidi-override characters visible as \xNN / \uNNNN; keeps tabs and newlines out too. */
export function escapeTerminal(s: string): string {
  return s.replace(/[\t\n]/g, ' ').replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

export function escapeHtml(s: string): string {
  return escapeTerminal(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
