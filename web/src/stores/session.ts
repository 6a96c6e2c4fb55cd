/** Who this screen is: the token it connects with, or none yet (the token form shows). */
import { createSignal } from 'solid-js';
import { forgetToken, loadToken, saveToken } from '../lib/auth.ts';

const [token, setToken] = createSignal<string | null>(loadToken());
/** True after the server refused the token, so the form says why it is back. */
const [refused, setRefused] = createSignal(false);

export { refused, token };

export function signIn(next: string): void {
  saveToken(next);
  setRefused(false);
  setToken(next);
}

export function tokenRefused(): void {
  forgetToken();
  setRefused(true);
  setToken(null);
}
