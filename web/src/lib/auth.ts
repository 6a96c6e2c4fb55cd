/**
 * The viewer's token. A kiosk is provisioned with a link `…/#token=…`: the fragment never
 * reaches the server's logs, and we drop it from the address bar at once so it is not left on
 * screen, in history or in a screenshot. The token is then kept in localStorage so the TV
 * survives reboots.
 */

import { isEmbedPath } from './embed.ts';

export const TOKEN_STORAGE_KEY = 'floorboard.token';

/** Splits `#token=…` out of a location hash; other fragment parameters are kept. */
export function parseTokenFragment(hash: string): { token: string | null; rest: string } {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const token = params.get('token');
  if (token === null) return { token: null, rest: hash };
  params.delete('token');
  const rest = params.toString();
  return { token: token.trim() || null, rest: rest ? `#${rest}` : '' };
}

/** Takes a token from the URL fragment (storing it and erasing it from the URL), else the stored one. */
export function loadToken(): string | null {
  // A client-embed page holds its own token (embed-token.ts) and no console session at all.
  if (isEmbedPath(window.location.pathname)) return null;
  const { token, rest } = parseTokenFragment(window.location.hash);
  if (token !== null || rest !== window.location.hash) {
    const { pathname, search } = window.location;
    window.history.replaceState(window.history.state, '', `${pathname}${search}${rest}`);
  }
  if (token) {
    saveToken(token);
    return token;
  }
  return storedToken();
}

export function storedToken(): string | null {
  try {
    return window.localStorage.getItem(TOKEN_STORAGE_KEY);
  } catch {
    return null; // storage disabled (private mode, kiosk policy): the fragment still works per load
  }
}

export function saveToken(token: string): void {
  try {
    window.localStorage.setItem(TOKEN_STORAGE_KEY, token);
  } catch {
    // See storedToken: nothing to keep it in, the session still has it in memory.
  }
}

export function forgetToken(): void {
  try {
    window.localStorage.removeItem(TOKEN_STORAGE_KEY);
  } catch {
    // See storedToken.
  }
}
