/**
 * Runs one of the project's programs as a user does (`node --import tsx <entry> …`, from the project's folder)
 * and resolves with how it ended. Asynchronous, unlike spawnSync, so that programs that do not depend on each
 * other run side by side: each spends most of a second of one core starting up.
 */
import { spawn } from 'node:child_process';
import { PROJECT_ROOT } from '../../src/config.ts';

export interface ProgramRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runProgram(entry: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<ProgramRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], { cwd: PROJECT_ROOT, env });
    let [stdout, stderr] = ['', ''];
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}
