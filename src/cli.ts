import { ConfigError } from './config.ts';

/** Errors the user can act on, printed as their message alone, without a stack trace. */
const EXPECTED = new Set(['ConfigError', 'LocalServerError', 'SeedValidationError', 'DatabaseUnavailableError', 'DatabaseError']);

/** Runs a command's body and exits with its code; expected errors print their message, anything else its stack. */
export async function runCli(body: () => Promise<number>): Promise<never> {
  let code: number;
  try {
    code = await body();
  } catch (error) {
    if (error instanceof ConfigError || (error instanceof Error && EXPECTED.has(error.name))) {
      console.error(`error: ${error.message}`);
    } else {
      console.error(error);
    }
    code = 1;
  }
  process.exit(code);
}
