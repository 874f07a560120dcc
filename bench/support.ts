/** What the benchmarks share: the machine they ran on, and API processes of their own. */
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { PROJECT_ROOT } from '../src/config.ts';

export function machine(): string {
  return `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

export async function post(url: string, query: string): Promise<{ data?: unknown; errors?: unknown[] }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return (await response.json()) as { data?: unknown; errors?: unknown[] };
}

/** Runs a TypeScript entry point in its own Node process, so its CPU and memory are its own. */
export function child(script: string, env: Record<string, string>, nodeOptions: string[] = []): ChildProcess {
  const process_ = spawn(process.execPath, ['--import', 'tsx', ...nodeOptions, script], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  process_.stdout?.resume();
  return process_;
}

export async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 120; i++) {
    try {
      const answer = await post(url, '{ __typename }');
      if (answer.data) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${url} did not answer`);
}

export interface Drive {
  rps: number;
  p50: number;
  p99: number;
  /** HTTP errors, timeouts, non-2xx answers, and answers with GraphQL errors (sampled). */
  errors: number;
  requests: number;
}

/** Drives one GraphQL operation at `connections` concurrent connections for `seconds`, checking answers for errors. */
export async function drive(url: string, query: string, connections: number, seconds: number): Promise<Drive> {
  const { default: autocannon } = await import('autocannon');
  let graphqlErrors = 0;
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
    connections,
    duration: seconds,
    setupClient: (client) => {
      client.on('body', (body: Buffer) => {
        if (body.includes('"errors"')) graphqlErrors++;
      });
    },
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx + graphqlErrors,
    requests: result.requests.total,
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
