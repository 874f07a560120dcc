/**
 * The Chromium the browser tests drive: CHROMIUM_PATH when set, else the system's Chromium when there
 * is one, else the one the @sparticuz/chromium devDependency carries inside its package (unpacked
 * to the temporary folder on first use), so that `npm test` needs nothing beyond `npm install`.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

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
  return { executablePath: await unpackedPerVersion(() => bundled.executablePath()), args: [...args, '--disable-quic', '--disable-background-networking'], source: 'package' };
}

/**
 * The package unpacks into the temporary folder and reuses whatever it finds there, so the graphics
 * libraries of another version left in /tmp crash the browser at launch. Each version gets its own folder.
 */
async function unpackedPerVersion(unpack: () => Promise<string>): Promise<string> {
  // The package exports no package.json; its entry point sits two folders below it.
  const manifest = join(dirname(createRequire(import.meta.url).resolve('@sparticuz/chromium')), '..', '..', 'package.json');
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  const folder = join(tmpdir(), `entity-graph-chromium-${version}`);
  mkdirSync(folder, { recursive: true });
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = folder;
  try {
    return await unpack();
  } finally {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  }
}
