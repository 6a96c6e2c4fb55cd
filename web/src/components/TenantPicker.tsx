/** "Which client account?": the supervisor tabs that work on one tenant ask this when the address names none. */
import { For } from 'solid-js';

export interface PickableTenant {
  id: string;
  name: string;
}

export function TenantPicker<T extends PickableTenant>(props: {
  title: string;
  hint: string;
  tenants: readonly T[];
  /** The line under each name (the id, the time zone). */
  detail: (tenant: T) => string;
  onPick: (id: string) => void;
  testId: string;
}) {
  return (
    <section class="panel fu-picker" data-testid={props.testId}>
      <h2 class="panel-title">{props.title}</h2>
      <p class="muted">{props.hint}</p>
      <div class="fu-picker-list">
        <For each={[...props.tenants].sort((a, b) => a.name.localeCompare(b.name))}>
          {(tn) => (
            <button type="button" class="btn btn-quiet fu-picker-item" data-tenant={tn.id} onClick={() => props.onPick(tn.id)}>
              <strong>{tn.name}</strong>
              <span class="muted">{props.detail(tn)}</span>
            </button>
          )}
        </For>
      </div>
    </section>
  );
}
