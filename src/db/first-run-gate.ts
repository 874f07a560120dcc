import { DatabaseUnavailableError } from './errors.ts';

/**
 * Lets one query text at a time run until it has once succeeded. Neo4j plans a query text on its
 * first run and keeps the plan; a large text takes it seconds to plan, and every client that asks it
 * before the plan is cached plans it too, all at once, so that after a restart (an empty plan
 * cache) under traffic each of them can run past its timeout and none ever caches the plan. Behind
 * the gate, the first request plans; the others wait for it and then run on the cached plan.
 *
 * Whatever says Neo4j went away forgets every text, since a restarted Neo4j has no plans, and is
 * what everyone waiting on that run hears too.
 */
export class FirstRunGate {
  private readonly warm = new Set<string>();
  private readonly leaders = new Map<string, Promise<unknown>>();

  /** At most this many texts are remembered; past it all are forgotten (the cost: one more gated run each). */
  constructor(private readonly capacity = 1_000) {}

  /** Whether a text has once run: a read of it needs no planning and waits for no one. */
  isWarm(text: string): boolean {
    return this.warm.has(text);
  }

  /** Runs `work`; the first run of a text (the leader) runs `prepare` first: the reader learns so that it leads, and allows its run the time Neo4j takes to plan the text. */
  async run<T>(text: string, work: () => Promise<T>, prepare?: () => Promise<unknown>): Promise<T> {
    for (;;) {
      if (this.warm.has(text)) return this.observe(text, work);
      const leader = this.leaders.get(text);
      if (!leader) {
        const mine = this.observe(text, prepare ? () => prepare().then(work) : work);
        this.leaders.set(text, mine);
        try {
          return await mine;
        } finally {
          this.leaders.delete(text);
        }
      }
      // Neo4j away: everyone waiting hears it at once rather than queueing to hear it one by one.
      // Any other failure may be the leader's own (its parameters, its deadline): the next waiter leads.
      await leader.catch((error: unknown) => {
        if (error instanceof DatabaseUnavailableError) throw error;
      });
    }
  }

  private async observe<T>(text: string, work: () => Promise<T>): Promise<T> {
    try {
      const result = await work();
      if (this.warm.size >= this.capacity) this.warm.clear();
      this.warm.add(text);
      return result;
    } catch (error) {
      if (error instanceof DatabaseUnavailableError) this.warm.clear();
      throw error;
    }
  }
}
