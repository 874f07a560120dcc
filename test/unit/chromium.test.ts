import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
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

  it('when there is none, then the one inside the npm package is unpacked into a folder of its version, and renders two pages at once', async () => {
    const bundled = await chromiumToDrive({}, '/nonexistent/chromium');
    expect(bundled.source).toBe('package');
    expect(existsSync(bundled.executablePath)).toBe(true);
    expect(bundled.executablePath).toMatch(/entity-graph-chromium-\d+\.\d+\.\d+\/chromium$/);
    expect(bundled.args).not.toContain('--single-process');
    const browser = await chromium.launch({ executablePath: bundled.executablePath, args: bundled.args });
    try {
      const [first, second] = [await browser.newPage(), await browser.newPage()];
      await first.setContent('<p>first</p>');
      await second.setContent('<p>second</p>');
      expect([await first.textContent('p'), await second.textContent('p')]).toEqual(['first', 'second']);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
