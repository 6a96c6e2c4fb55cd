import { Show } from 'solid-js';

/** A problem shown where it happened, announced to screen readers (role="alert"); nothing when there is none. */
export function InlineError(props: { message: string | null | undefined | false; testId?: string }) {
  return (
    <Show when={props.message}>
      {(message) => (
        <p class="inline-error" role="alert" data-testid={props.testId}>
          ⚠ {message()}
        </p>
      )}
    </Show>
  );
}
