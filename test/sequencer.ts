/**
 * The order of the test files: Vitest's own (failed first, then the longest), except that the file
 * that restarts the shared test Neo4j comes last. A restart throws away what every file before it paid
 * for: Neo4j's plans of the API's and the seeder's queries, and the Java compilation of its planner.
 * Run first (Vitest's order put it first, as the longest), it left every later file a Neo4j that
 * plans and compiles it all again; run last, only it pays for that.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Files that stop and start (or kill) the Neo4j the other integration files use. */
const RESTARTS_TEST_NEO4J = ['test/integration/faults.test.ts'];

export class RestartsLastSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const restarts = (file: TestSpecification) => RESTARTS_TEST_NEO4J.some((name) => file.moduleId.endsWith(`/${name}`));
    return [...sorted.filter((file) => !restarts(file)), ...sorted.filter(restarts)];
  }
}
