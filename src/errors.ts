import type { MessageKey, Params } from './i18n/index.js';

// Known errors print one line and exit 2; anything else is a bug and prints its stack.
/** The catalogue message of an error, printed in the user's language instead of the English message. */
export interface ErrorMessage {
  key: MessageKey;
  params?: Params;
}

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
