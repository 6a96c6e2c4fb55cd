/** Small pieces every alert list shares: the severity pill (icon and word, never colour alone). */
import { ACK_ICON, SEVERITY_ICON } from '../lib/alert-text.ts';
import { t } from '../lib/i18n.ts';
import type { AlertSeverity, AlertState } from '../lib/types.ts';

export function SeverityPill(props: { severity: AlertSeverity; state?: AlertState }) {
  const acknowledged = () => props.state === 'ACKNOWLEDGED';
  return (
    <span class="sev-pill" data-severity={props.severity.toLowerCase()} data-quiet={acknowledged() || props.state === 'RESOLVED'}>
      <span aria-hidden="true">{acknowledged() ? ACK_ICON : SEVERITY_ICON[props.severity]}</span> {t().severity[props.severity]}
    </span>
  );
}

export function StateBadge(props: { state: AlertState }) {
  return (
    <span class="state-badge" data-state={props.state.toLowerCase()} data-testid="alert-state">
      {t().alertState[props.state]}
    </span>
  );
}
