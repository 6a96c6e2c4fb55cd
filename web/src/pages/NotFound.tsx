/** Any other path: say so instead of a blank screen, and point at the board. */
import { A } from '@solidjs/router';
import { t } from '../lib/i18n.ts';

export function NotFound() {
  return (
    <main class="gate">
      <div class="gate-card">
        <h1>{t().notFound}</h1>
        <A href="/">{t().backToBoard}</A>
      </div>
    </main>
  );
}
