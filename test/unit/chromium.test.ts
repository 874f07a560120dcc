import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chromiumToDrive } from '../support/chromium.ts';

describe('the Chromium the browser tests drive', () => {
  it('when CHROMIUM_PATH is set, then it is used, and a path that does not exist is an error', async () => {
    expect(await chromiumToDrive({ CHROMIUM_PATH: process.execPath }, '/nonexistent')).toMatchObject({ executablePath: process.execPath, source: 'CHROMIUM_PATH' });
    await expect(chromiumToDrive({ CHROMIUM_PATH: '/nonexistent/chromium' })).rejects.toThrow('CHROMIUM_PATH names /nonexistent/chromium');
  });

  it('when the system has a Chromium, then it is used', async () => {
    expect(await chromiumToDrive({}, process.execPath)).toMatchObject({ executablePath: process.execPath, source: 'system' });
  });

  it('when there is none, then the one inside the npm package is unpacked and used, without --single-process', async () => {
    const bundled = await chromiumToDrive({}, '/nonexistent/chromium');
    expect(bundled.source).toBe('package');
    expect(existsSync(bundled.executablePath)).toBe(true);
    expect(bundled.args).not.toContain('--single-process');
  });
});
