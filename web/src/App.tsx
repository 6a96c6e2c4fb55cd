/** Token gate, then the routes. The kiosk view at /wall grows later; today it is the wallboard. */
import { Route, Router } from '@solidjs/router';
import { Show } from 'solid-js';
import { TokenForm } from './components/TokenForm.tsx';
import { NotFound } from './pages/NotFound.tsx';
import { Wallboard } from './pages/Wallboard.tsx';
import { token } from './stores/session.ts';

export function App() {
  return (
    <Show when={token()} fallback={<TokenForm />}>
      <Router>
        <Route path={['/', '/wall', '/wall/:tenant']} component={Wallboard} />
        <Route path="*" component={NotFound} />
      </Router>
    </Show>
  );
}
