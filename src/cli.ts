import { ConfigError } from './config.ts';

/** Prints an error the user can act on as its message alone; anything else with its stack. */
export function printError(error: unknown): void {
  console.error(error instanceof ConfigError || (error instanceof Error && EXPECTED_ERRORS.has(error.name)) ? `error: ${error.message}` : error);
}

/** Errors the user can act on, printed as their message alone, without a stack trace. */
const EXPECTED_ERRORS = new Set(['ConfigError', 'LocalServerError', 'SeedValidationError', 'SeedStateError', 'DatabaseUnavailableError', 'DatabaseError']);

/** Runs a command's body and exits with its code; expected errors print their message, anything else its stack. */
export async function runCli(body: () => Promise<number>): Promise<never> {
  let code: number;
  try {
    code = await body();
  } catch (error) {
    printError(error);
    code = 1;
  }
  process.exit(code);
}
