import type { MessageKey, Params, Translator } from './i18n/index.js';

// Known errors print one line and exit 2; anything else is a bug and prints its stack.
/** The catalogue message of an error, printed in the user's language instead of the English message. */
export interface ErrorMessage {
  key: MessageKey;
  params?: Params;
  /** Placeholders that are themselves messages (a reason, a hint), translated in the same language. */
  parts?: Readonly<Record<string, ErrorMessage>>;
}

/** The text of a catalogue message and its parts in tr's language. */
export function messageText(tr: Translator, m: ErrorMessage): string {
  const parts = m.parts ? Object.fromEntries(Object.entries(m.parts).map(([k, v]) => [k, messageText(tr, v)])) : {};
  return tr.t(m.key, { ...m.params, ...parts });
}

/** Machine text (a parser's or the OS's words) as a message part, quoted as it is. */
export const machineText = (detail: string): ErrorMessage => ({ key: 'err.machine', params: { detail } });

export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string, readonly i18n?: ErrorMessage) {
    super(message);
  }
}

export class InputError extends Error {
  readonly exitCode = 2;
  constructor(message: string, readonly i18n?: ErrorMessage) {
    super(message);
  }
}

export function isKnownError(e: unknown): e is UsageError | InputError {
  return e instanceof UsageError || e instanceof InputError;
}

export const EXIT = { nothingFound: 0, found: 1, usage: 2 } as const;
