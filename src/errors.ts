// Known errors print one line and exit 2; anything else is a bug and prints its stack.
export class UsageError extends Error {
  readonly exitCode = 2;
}

export class InputError extends Error {
  readonly exitCode = 2;
}

export function isKnownError(e: unknown): e is UsageError | InputError {
  return e instanceof UsageError || e instanceof InputError;
}

export const EXIT = { nothingFound: 0, found: 1, usage: 2 } as const;
