/**
 * The embed page's token. It comes in the URL fragment (`/embed/<tenant>#token=…`): browsers
 * never send a fragment to the server, so the token stays out of access logs and Referer
 * headers. The page erases it from the address bar and keeps it for reloads of this tab only
 * (sessionStorage, which browsers partition by the site that frames the page), never in the
 * console's localStorage: an embed token must not become a supervisor's session, nor a stored
 * supervisor token ever reach an embed page.
 */
import { parseTokenFragment } from './auth.ts';

const storageKey = (tenant: string) => `floorboard.embed.${tenant}`;

export function takeEmbedToken(tenant: string): string | null {
  const { token, rest } = parseTokenFragment(window.location.hash);
  if (token !== null || rest !== window.location.hash) {
    const { pathname, search } = window.location;
    window.history.replaceState(window.history.state, '', `${pathname}${search}${rest}`);
  }
  try {
    if (token) window.sessionStorage.setItem(storageKey(tenant), token);
    return token ?? window.sessionStorage.getItem(storageKey(tenant));
  } catch {
    return token; // storage blocked in this frame: the fragment still works for this load
  }
}

/** The server refused it: a reload must not try it again. */
export function forgetEmbedToken(tenant: string): void {
  try {
    window.sessionStorage.removeItem(storageKey(tenant));
  } catch {
    // nothing was kept
  }
}
