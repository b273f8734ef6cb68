// Rule globs become anchored RegExps built here, so rule files never supply regular expressions.

export function globToRegExp(glob: string, opts: { path: boolean; caseInsensitive: boolean; folder?: boolean }): RegExp {
  let src = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        // `**\` or `**/` may also match zero folders
        if (opts.path && (glob[i + 1] === '\\' || glob[i + 1] === '/')) {
          i++;
          src += '(?:.*[\\\\/])?';
        } else src += '.*';
      } else src += opts.path ? '[^\\\\/]*' : '.*';
    } else if (c === '?') src += opts.path ? '[^\\\\/]' : '.';
    else if (opts.path && (c === '\\' || c === '/')) src += '[\\\\/]';
    else src += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  const tail = opts.folder ? '(?:[\\\\/].*)?' : '';
  return new RegExp(`^${src}${tail}$`, opts.caseInsensitive ? 'i' : '');
}
