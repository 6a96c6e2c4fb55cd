/** Token gate, then the routes. The kiosk view at /wall grows later; today it is the wallboard. */
import { Route, Router } from '@solidjs/router';
import { lazy, Show } from 'solid-js';
import { TokenForm } from './components/TokenForm.tsx';
import { NotFound } from './pages/NotFound.tsx';
import { Wallboard } from './pages/Wallboard.tsx';
import { token } from './stores/session.ts';

// Loaded on demand: the drill-down brings the chart library, which a wallboard TV never needs.
const QueueDetail = lazy(() => import('./pages/QueueDetail.tsx').then((m) => ({ default: m.QueueDetail })));
// A desk page too: the TV never loads its forms and tables.
const Supervisor = lazy(() => import('./pages/Supervisor.tsx').then((m) => ({ default: m.Supervisor })));
// The planner's charts, sliders and shift editor: a planner's desk only.
const Planner = lazy(() => import('./pages/Planner.tsx').then((m) => ({ default: m.Planner })));

export function App() {
  return (
    <Show when={token()} fallback={<TokenForm />}>
      <Router>
        <Route path={['/', '/wall', '/wall/:tenant']} component={Wallboard} />
        <Route path="/queue/:tenant/:queue" component={QueueDetail} />
        <Route path={['/supervisor', '/supervisor/:tenant']} component={Supervisor} />
        <Route path={['/planner', '/planner/:tenant', '/planner/:tenant/:queue']} component={Planner} />
        <Route path="*" component={NotFound} />
      </Router>
    </Show>
  );
}
