import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Atelier — editor not built</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem}
code{background:#f3f3f3;padding:.1rem .3rem;border-radius:3px}</style></head>
<body><h1>Atelier is running, but the editor is not built</h1>
<p>The HTTP API works (try <a href="/api/health"><code>/api/health</code></a>).
To use the editor, build it and restart the server:</p>
<pre><code>pnpm --filter @atelier/web build</code></pre>
<p>or run <code>pnpm start</code>, which builds the editor and then starts the server.</p>
</body></html>`;

/**
 * A request for a file (under /assets/, or a last segment with an extension such as
 * `app.js`) rather than a client-side route: when missing it is a 404, never index.html,
 * which a browser would try to run as a script after a deploy changed the hashed names.
 */
const isFilePath = (path: string) => path.startsWith('/assets/') || /\.[^/.]+$/.test(path);

/**
 * The editor (web/dist) at `/`, with index.html for every other non-API GET so client-side
 * routes survive a reload; missing files are 404. Without a build, a page that says how to
 * make one — never a 404.
 */
export const webRoutes = (webDist: string | undefined) => {
  // API paths that matched nothing get the JSON 404 of app.notFound, never the editor.
  const app = new Hono().use('*', async (c, next) =>
    c.req.path === '/api' || c.req.path.startsWith('/api/') ? c.notFound() : next(),
  );
  const built = webDist !== undefined && existsSync(join(webDist, 'index.html'));
  if (!built) return app.get('*', (c) => c.html(NOT_BUILT, 200));
  return app
    .use('*', serveStatic({ root: webDist }))
    .get('*', async (c, next) =>
      isFilePath(c.req.path) ? c.text(`No file ${c.req.path}.`, 404) : next(),
    )
    .get('*', serveStatic({ root: webDist, path: 'index.html' }));
};
