// Serves the built dashboard (web/dist): files by path, index.html for every other non-API path so the
// page's own routing works on reload. Hashed assets are cached for a year; index.html is revalidated.
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Context } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

async function isFile(path: string) {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

export function serveWeb(webDir: string) {
  const root = normalize(webDir + sep);
  return async (c: Context) => {
    let rel: string;
    try {
      rel = decodeURIComponent(new URL(c.req.url).pathname);
    } catch {
      return c.json({ error: 'malformed URL encoding in the path' }, 400);
    }
    const path = normalize(join(root, rel));
    const inside = path.startsWith(root);
    if (inside && (await isFile(path))) {
      const immutable = rel.startsWith('/assets/');
      return c.body(await readFile(path), 200, {
        'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
    }
    const index = join(root, 'index.html');
    if (extname(rel) === '' && (await isFile(index)))
      return c.body(await readFile(index), 200, {
        'content-type': TYPES['.html'],
        'cache-control': 'no-cache',
      });
    if (!(await isFile(index)))
      return c.json(
        {
          error: 'the dashboard is not built',
          hint: 'run npm run build:web (npm start builds it on first run)',
        },
        404,
      );
    return c.json({ error: `not found: ${rel}` }, 404);
  };
}
