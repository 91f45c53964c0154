// Hash routes (static files only, no server routing): #/, #/parcel/1, #/block/12, #/console, #/council, #/alerts, #/stats, #/verify.
import { useEffect, useState } from 'react';

export type Route =
  | { page: 'search'; params: URLSearchParams }
  | { page: 'parcel'; id: number }
  | { page: 'block'; at: string }
  | { page: 'console' }
  | { page: 'council' }
  | { page: 'alerts' }
  | { page: 'stats' }
  | { page: 'verify' }
  | { page: 'missing'; path: string };

export function parseRoute(hash: string): Route {
  const [path, query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean);
  if (parts.length === 0 || parts[0] === 'search') return { page: 'search', params: new URLSearchParams(query) };
  if (parts[0] === 'parcel' && /^\d+$/.test(parts[1] ?? '')) return { page: 'parcel', id: Number(parts[1]) };
  if (parts[0] === 'block' && parts[1]) return { page: 'block', at: parts[1] };
  if (parts[0] === 'console') return { page: 'console' };
  if (parts[0] === 'council') return { page: 'council' };
  if (parts[0] === 'alerts') return { page: 'alerts' };
  if (parts[0] === 'stats') return { page: 'stats' };
  if (parts[0] === 'verify') return { page: 'verify' };
  return { page: 'missing', path };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export const href = {
  search: (params?: Record<string, string>) => `#/search${params ? `?${new URLSearchParams(params)}` : ''}`,
  parcel: (id: number | string) => `#/parcel/${id}`,
  block: (at: number | string) => `#/block/${at}`,
  console: () => '#/console',
  council: () => '#/council',
  alerts: () => '#/alerts',
  stats: () => '#/stats',
  verify: () => '#/verify',
};
