/**
 * Where the API serves what Neo4j Browser loads from it. The local Neo4j's configuration points
 * Browser at the style (`browser.post_connect_cmd`), so both sides take the address from here.
 */
export const BROWSER_ROUTES = {
  folder: '/browser/',
  style: '/browser/style.grass',
  guide: '/browser/guide.html',
} as const;

/** The style's address on an API listening on this machine's loopback. */
export const localStyleUrl = (apiPort: number): string => `http://127.0.0.1:${apiPort}${BROWSER_ROUTES.style}`;
