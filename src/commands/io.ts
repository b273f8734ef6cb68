import { writeFileSync } from 'node:fs';
import type { ChalkInstance } from 'chalk';
import { InputError } from '../errors.js';
import type { Lang } from '../i18n/index.js';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  color: ChalkInstance;
  /** The user's language (--lang or the environment). */
  lang: Lang;
}

/** Writes the one output file the user asked for, or prints to standard output. */
export function emit(io: Io, text: string, output?: string): void {
  if (!output) {
    io.out(text);
    return;
  }
  try {
    writeFileSync(output, text);
  } catch (e) {
    throw new InputError(`cannot write ${output}: ${(e as Error).message}`);
  }
}
