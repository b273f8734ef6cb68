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

// Characters that make Markdown emphasis, code, links, HTML or entities, table cells, mentions (@) or issue links (#);
// a line never starts with machine text, so line-start markers (- + 1.) need no escape.
const MD_SPECIAL = /[\\`*_[\]<>|~@#&]/g;

/** Makes machine text literal in Markdown (GitHub, GitLab, email clients that render it). */
export function escapeMarkdown(s: string): string {
  return escapeTerminal(s).replace(MD_SPECIAL, (c) => `\\${c}`);
}

/**
 * One CSV field (RFC 4180), safe to open in a spreadsheet: a value that starts with =, +, -, @, tab or CR would be
 * taken as a formula, so it gets a leading apostrophe; control characters other than LF are made visible (CR is only
 * ever the record separator).
 */
export function csvField(s: string): string {
  const formula = /^[=+\-@\t\r]/.test(s);
  let v = s.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
  if (formula) v = `'${v}`;
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

// Inside JSON these only occur in strings, where \uXXXX is the same value: escaping them is lossless.
const JSON_INVISIBLE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** JSON.stringify whose output carries no raw C1, bidi or line-separator character (JSON already escapes C0). */
export function jsonText(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(JSON_INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
