// One status line on standard error while a long inventory runs; nothing at all unless stderr is a terminal.

export interface Progress {
  /** Replaces the status line, e.g. step('reading the installed services', 3, 17). */
  step(what: string, done?: number, total?: number): void;
  /** Clears the status line. */
  done(): void;
}

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(s: string): unknown;
}

const SILENT: Progress = { step() {}, done() {} };

/** A progress line on `stream`, or a silent one when it is not an interactive terminal (a pipe, a file, CI logs). */
export function createProgress(stream: ProgressStream | undefined = process.stderr, env: NodeJS.ProcessEnv = process.env): Progress {
  if (!stream?.isTTY || env.CI || env.TERM === 'dumb') return SILENT;
  let shown = false;
  return {
    step(what, done, total) {
      const count = done !== undefined && total ? ` (${done} of ${total})` : '';
      // machine text never reaches this line, but strip control characters anyway
      const text = `bosswatch: ${what}${count}`.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
      const width = Math.max(20, (stream.columns ?? 80) - 1);
      stream.write(`\r\u001b[2K${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\u001b[2K');
      shown = false;
    },
  };
}
