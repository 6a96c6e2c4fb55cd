/** Words for what went wrong with a request, for the logs of the feed and the replays. */

export function describeError(error: unknown): string {
  if (error instanceof Error) {
    // fetch wraps the interesting part (ECONNREFUSED, ...) in `cause`.
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
  }
  return String(error);
}

export function truncate(text: string, max = 2_000): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
