import { UserFacingError } from './errors.ts';

/** Prints an error the user can act on as its message alone; anything else with its stack. */
export function printError(error: unknown): void {
  console.error(error instanceof UserFacingError ? `error: ${error.message}` : error);
}

/** Node's own argument parser refuses unknown options and missing values with these codes. */
const isUsageError = (error: unknown) => error instanceof Error && /^ERR_PARSE_ARGS_/.test((error as NodeJS.ErrnoException).code ?? '');

/**
 * Every command's entry point: runs its body and exits with the code it returns, or keeps the
 * process when it is `serving` (it stops on a signal). A usage error exits with 2, an error the
 * user can act on prints its message and exits with 1, and anything else prints its stack.
 */
export async function runCli(body: () => Promise<number | 'serving'>): Promise<void> {
  let code: number;
  try {
    const outcome = await body();
    if (outcome === 'serving') return;
    code = outcome;
  } catch (error) {
    if (isUsageError(error)) {
      console.error(`error: ${(error as Error).message} (see --help)`);
      code = 2;
    } else {
      printError(error);
      code = 1;
    }
  }
  process.exit(code);
}
