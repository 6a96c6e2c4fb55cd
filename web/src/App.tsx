/** Token gate, then the routes. A client-embed page (/embed/:tenant) stands outside the gate: it
 * brings its own token in its URL and never shows the token form or any console page. */
import { Route, Router, useLocation, type RouteSectionProps } from '@solidjs/router';
import { lazy, Show } from 'solid-js';
import { TokenForm } from './components/TokenForm.tsx';
import { isEmbedPath } from './lib/embed.ts';
import { NotFound } from './pages/NotFound.tsx';
import { Wallboard } from './pages/Wallboard.tsx';
import { token } from './stores/session.ts';

// Loaded on demand: the drill-down brings the chart library, which a wallboard TV never needs.
const QueueDetail = lazy(() => import('./pages/QueueDetail.tsx').then((m) => ({ default: m.QueueDetail })));
// A desk page too: the TV never loads its forms and tables.
const Supervisor = lazy(() => import('./pages/Supervisor.tsx').then((m) => ({ default: m.Supervisor })));
// The planner's charts, sliders and shift editor: a planner's desk only.
const Planner = lazy(() => import('./pages/Planner.tsx').then((m) => ({ default: m.Planner })));
// A client's dashboard in another site's iframe: its own small chunk.
const Embed = lazy(() => import('./pages/Embed.tsx').then((m) => ({ default: m.Embed })));

/** The console's pages need a token; an embed page has its own and never falls back to the form. */
function Gate(props: RouteSectionProps) {
  const location = useLocation();
  return (
    <Show when={isEmbedPath(location.pathname) || token()} fallback={<TokenForm />}>
      {props.children}
    </Show>
  );
}

export function App() {
  return (
    <Router root={Gate}>
      <Route path="/embed/:tenant" component={Embed} />
      <Route path={['/', '/wall', '/wall/:tenant']} component={Wallboard} />
      <Route path="/queue/:tenant/:queue" component={QueueDetail} />
      <Route path={['/supervisor', '/supervisor/:tenant']} component={Supervisor} />
      <Route path={['/planner', '/planner/:tenant', '/planner/:tenant/:queue']} component={Planner} />
      <Route path="*" component={NotFound} />
    </Router>
  );
}
