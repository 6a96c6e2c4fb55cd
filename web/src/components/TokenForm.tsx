/** Shown when the screen has no token (or the server refused it): paste one to connect. */
import { createSignal, Show } from 'solid-js';
import { t } from '../lib/i18n.ts';
import { refused, signIn } from '../stores/session.ts';

export function TokenForm() {
  const [value, setValue] = createSignal('');
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const token = value().trim();
    if (token) signIn(token);
  };
  return (
    <main class="gate">
      <form class="gate-card" onSubmit={submit}>
        <h1>{t().tokenTitle}</h1>
        <p>{t().tokenPrompt}</p>
        <Show when={refused()}>
          <p class="gate-error" role="alert">
            {t().tokenRefused}
          </p>
        </Show>
        <label>
          <span>{t().tokenLabel}</span>
          <input
            type="password"
            autocomplete="off"
            spellcheck={false}
            required
            value={value()}
            onInput={(e) => setValue(e.currentTarget.value)}
          />
        </label>
        <button type="submit">{t().tokenSubmit}</button>
      </form>
    </main>
  );
}
