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
