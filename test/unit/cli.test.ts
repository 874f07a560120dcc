import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { printError } from '../../src/cli.ts';
import { ConfigError } from '../../src/config.ts';
import { DatabaseError, DatabaseUnavailableError } from '../../src/db/errors.ts';
import { LocalServerError } from '../../src/db/local/configuration.ts';
import { evidenceMerge } from '../../src/graph/write/evidence.ts';
import { SeedStateError } from '../../src/seed/run.ts';
import { SeedValidationError } from '../../src/seed/validate.ts';
import { runProgram } from '../support/program.ts';

describe('how the command-line tools print an error', () => {
  const printed = vi.spyOn(console, 'error').mockImplementation(() => {});
  afterEach(() => printed.mockClear());
  // The unit files share a worker (isolate: false): the next file's console is its own again.
  afterAll(() => printed.mockRestore());

  it('when the user can act on it, then its message alone is printed, whatever its class is called', () => {
    const expected = [
      new ConfigError(['PORT: not a number']),
      new LocalServerError('no Java'),
      new SeedValidationError(['a.yaml: id: bad']),
      new SeedStateError('old graph'),
      new DatabaseUnavailableError('Neo4j is away'),
      new DatabaseError('refused', 'Neo.ClientError.Security.Unauthorized', 'auth'),
    ];
    for (const error of expected) {
      error.name = 'Renamed';
      printError(error);
      expect(printed).toHaveBeenLastCalledWith(`error: ${error.message}`);
    }
  });

  it('when it is anything else, then one line says what failed and where in the project, and its stack follows only with --verbose', () => {
    const bug = (() => {
      try {
        return evidenceMerge([{ source: 'a1', reported: '2025-01-01', status: 'asserted', time: '', details: '{}', attributedTo: '' }], [{ quote: 'q', source: 'a1', reported: '2025-01-01', status: 'asserted', time: '', details: '{}', attributedTo: '' }]);
      } catch (error) {
        return error as Error;
      }
    })() as Error;
    printError(bug);
    expect(printed).toHaveBeenCalledTimes(1);
    expect(printed).toHaveBeenLastCalledWith(
      expect.stringMatching(
        /^error: unexpected Error: evidence of article a1 is added to a fact that still holds its earlier evidence \(at src\/graph\/write\/evidence\.ts:\d+\)\. This is a bug of entity-graph: run the command again with --verbose for its stack trace\.$/,
      ),
    );
    printed.mockClear();
    printError(bug, true);
    expect(printed).toHaveBeenCalledTimes(2);
    expect(printed).toHaveBeenLastCalledWith(bug.stack);

    const named = Object.assign(new Error('looks expected by name only\nsecond line'), { name: 'SeedValidationError' });
    printError(named);
    expect(printed).toHaveBeenLastCalledWith(expect.stringMatching(/^error: unexpected SeedValidationError: looks expected by name only \(at test\/unit\/cli\.test\.ts:\d+\)\. /));
  });
});

describe('every command line', () => {
  it('when given an option it does not know, then it exits with 2, names the option and points to --help, without a stack trace', async () => {
    const entries = ['src/main.ts', 'src/api/main.ts', 'src/seed/cli.ts', 'src/draft/cli.ts', 'src/db/local/cli.ts'];
    const runs = await Promise.all(entries.map((entry) => runProgram(entry, ['--no-such-option'])));
    for (const [i, run] of runs.entries()) {
      expect(run.status, `${entries[i]}: ${run.stderr}`).toBe(2);
      expect(run.stderr).toMatch(/^error: Unknown option '--no-such-option'.*\(see --help\)\n$/s);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
    // Five Node processes, each compiling TypeScript: seconds on a busy machine.
  }, 40_000);
});
