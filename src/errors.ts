/**
 * An error the user can act on from its message alone (a bad setting, a bad seed file, Neo4j away):
 * the command-line tools print its message, without a stack trace. Anything else is a bug, and is
 * printed with its stack.
 */
export class UserFacingError extends Error {}
