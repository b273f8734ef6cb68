// Word wrapping for the terminal: never inside a word, colour codes take no room.
const ANSI = /\u001b\[[0-9;]*m/g;

/** Columns a string takes on screen (colour codes excluded; one column per code point). */
export function visibleLength(s: string): number {
  let n = 0;
  for (const _ of s.replace(ANSI, '')) n++;
  return n;
}

/**
 * Splits text into lines of at most width columns at spaces. The first line starts with indent, the others with
 * hang. A word longer than the line (a long path) stays whole on a line of its own rather than being cut.
 */
export function wrap(text: string, width: number, indent = '', hang = indent): string[] {
  const words = text.split(' ').filter((w) => w !== '');
  const lines: string[] = [];
  let line = indent;
  let len = visibleLength(indent);
  let empty = true;
  for (const w of words) {
    const wl = visibleLength(w);
    if (!empty && len + 1 + wl > width) {
      lines.push(line);
      line = hang;
      len = visibleLength(hang);
      empty = true;
    }
    line += (empty ? '' : ' ') + w;
    len += (empty ? 0 : 1) + wl;
    empty = false;
  }
  lines.push(line);
  return lines;
}
