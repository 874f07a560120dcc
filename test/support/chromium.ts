/**
 * The Chromium the browser tests drive: CHROMIUM_PATH when set, else the system's Chromium when there
 * is one, else the one the @sparticuz/chromium devDependency carries inside its package (unpacked
 * to the temporary folder on first use), so that `npm test` needs nothing beyond `npm install`.
 */
import { existsSync } from 'node:fs';

export const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const SYSTEM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface ChromiumToDrive {
  executablePath: string;
  args: string[];
  /** Where it came from, for the test's own output. */
  source: 'CHROMIUM_PATH' | 'system' | 'package';
}

export async function chromiumToDrive(env: NodeJS.ProcessEnv = process.env, systemPath = SYSTEM_CHROMIUM): Promise<ChromiumToDrive> {
  const configured = env.CHROMIUM_PATH;
  if (configured) {
    if (!existsSync(configured)) throw new Error(`CHROMIUM_PATH names ${configured}, which does not exist`);
    return { executablePath: configured, args: SYSTEM_ARGS, source: 'CHROMIUM_PATH' };
  }
  if (existsSync(systemPath)) return { executablePath: systemPath, args: SYSTEM_ARGS, source: 'system' };
  const { default: bundled } = await import('@sparticuz/chromium');
  // Its own flags: it is a headless shell built to run without a display, a GPU or a sandbox.
  // --single-process, meant for one page in a serverless function, closes the browser when a second page opens.
  const args = bundled.args.filter((arg) => arg !== '--single-process');
  return { executablePath: await bundled.executablePath(), args: [...args, '--disable-quic', '--disable-background-networking'], source: 'package' };
}
