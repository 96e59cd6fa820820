// Hash routing: #/mineral/gallium?country=KOR → { parts: ['mineral', 'gallium'], query }.
import { useEffect, useState } from 'preact/hooks';

export interface Route {
  parts: string[];
  query: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const [path, qs = ''] = hash.replace(/^#/, '').split('?');
  return { parts: path.split('/').filter(Boolean), query: new URLSearchParams(qs) };
}

export function href(path: string, query: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => Boolean(e[1])));
  const s = q.toString();
  return `#${path}${s ? `?${s}` : ''}`;
}

export function navigate(path: string, query: Record<string, string | undefined> = {}) {
  location.hash = href(path, query);
}

/** Whether a hash is a route (#/page…) rather than an in-page anchor such as #main. */
const isRoute = (hash: string) => hash === '' || hash === '#' || hash.startsWith('#/');

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(isRoute(location.hash) ? location.hash : ''));
  useEffect(() => {
    // An in-page anchor (#main) is not a page: the route stays as it was.
    const on = () => isRoute(location.hash) && setRoute(parseHash(location.hash));
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}
