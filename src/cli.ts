import path from 'node:path';
import { PROJECT_ROOT } from './config.ts';
import { UserFacingError } from './errors.ts';

/** The option every command takes: on an unexpected error, print its stack trace too. */
export const VERBOSE_OPTION = { verbose: { type: 'boolean', default: false } } as const;
export const VERBOSE_HELP = '  --verbose          on an unexpected error, print its stack trace too';

/** The first place in the project's own code (not a dependency's) that the stack passes through, as `file:line`. */
export function whereInProject(error: Error): string | undefined {
  for (const line of (error.stack ?? '').split('\n').slice(1)) {
    const found = /\(?((?:file:\/\/)?\/[^():]+):(\d+):\d+\)?\s*$/.exec(line);
    if (!found) continue;
    const file = found[1]!.replace(/^file:\/\//, '');
    if (file.includes(`${path.sep}node_modules${path.sep}`) || !file.startsWith(PROJECT_ROOT + path.sep)) continue;
    return `${path.relative(PROJECT_ROOT, file)}:${found[2]}`;
  }
  return undefined;
}

/**
 * Prints an error: one the user can act on as its message alone; anything else (a bug) as one line
 * that says what failed and where, with its stack only when `verbose`.
 */
export function printError(error: unknown, verbose = false): void {
  if (error instanceof UserFacingError) {
    console.error(`error: ${error.message}`);
    return;
  }
  const failure = error instanceof Error ? error : new Error(String(error));
  const where = whereInProject(failure);
  console.error(
    `error: unexpected ${failure.name}: ${failure.message.split('\n')[0]}${where ? ` (at ${where})` : ''}. ` +
      (verbose ? 'This is a bug of entity-graph; its stack trace follows.' : 'This is a bug of entity-graph: run the command again with --verbose for its stack trace.'),
  );
  if (verbose) console.error(failure.stack ?? failure);
}

/** Node's own argument parser refuses unknown options and missing values with these codes. */
const isUsageError = (error: unknown) => error instanceof Error && /^ERR_PARSE_ARGS_/.test((error as NodeJS.ErrnoException).code ?? '');

/**
 * Every command's entry point: runs its body and exits with the code it returns, or keeps the
 * process when it is `serving` (it stops on a signal). A usage error exits with 2, an error the
 * user can act on prints its message and exits with 1, and anything else prints one line (its stack
 * too under --verbose) and exits with 1.
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
      printError(error, process.argv.slice(2).includes('--verbose'));
      code = 1;
    }
  }
  process.exit(code);
}
