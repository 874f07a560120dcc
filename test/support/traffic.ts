/** Steady GraphQL traffic from a few concurrent clients, every answer recorded with its timing. */

export interface TrafficOperation {
  name: string;
  query: string;
  /** The answer's `data` when the graph is healthy. */
  expected: unknown;
}

export interface Exchange {
  operation: string;
  startedAt: number;
  ms: number;
  status: number;
  outcome: 'correct' | 'wrong' | 'error' | 'network';
  codes: string[];
  body: string;
}

export interface Traffic {
  exchanges: Exchange[];
  stop(): Promise<Exchange[]>;
}

export function startTraffic(url: string, operations: TrafficOperation[], clients: number): Traffic {
  const exchanges: Exchange[] = [];
  let running = true;
  const client = async (offset: number) => {
    for (let i = offset; running; i++) {
      const operation = operations[i % operations.length]!;
      const startedAt = performance.now();
      let status = 0;
      let body = '';
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: operation.query }),
          signal: AbortSignal.timeout(60_000),
        });
        status = response.status;
        body = await response.text();
      } catch (error) {
        exchanges.push({ operation: operation.name, startedAt, ms: performance.now() - startedAt, status, outcome: 'network', codes: [], body: String(error) });
        await new Promise((resolve) => setTimeout(resolve, 50));
        continue;
      }
      const answer = JSON.parse(body) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
      const outcome = answer.errors ? 'error' : JSON.stringify(answer.data) === JSON.stringify(operation.expected) ? 'correct' : 'wrong';
      exchanges.push({
        operation: operation.name,
        startedAt,
        ms: performance.now() - startedAt,
        status,
        outcome,
        codes: (answer.errors ?? []).map((error) => error.extensions?.code ?? 'NONE'),
        body: outcome === 'correct' ? '' : body.slice(0, 500),
      });
    }
  };
  const done = Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
  return {
    exchanges,
    async stop() {
      running = false;
      await done;
      return exchanges;
    },
  };
}
