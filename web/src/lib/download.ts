/**
 * Saving a report that needs the bearer token. A plain link cannot send an Authorization header,
 * and a token in the URL would end up in history, proxy logs and the file's "source" metadata,
 * so the file is fetched here and handed to the browser as a Blob.
 */
import { AuthError } from './graphql.ts';

/** How long the Blob URL lives after the click: the browser starts reading it at once, but
 * revoking it in the same task can cancel the download in some browsers. */
const REVOKE_AFTER_MS = 60_000;

export class DownloadError extends Error {
  override name = 'DownloadError';
}

export async function downloadWithToken(path: string, token: string, fileName: string): Promise<void> {
  const res = await fetch(path, { headers: { authorization: `Bearer ${token}`, accept: 'text/csv' } });
  if (res.status === 401) throw new AuthError('token refused (HTTP 401)');
  if (!res.ok) {
    const body = await res.text().catch(() => '');
    throw new DownloadError(serverMessage(body) || `HTTP ${res.status}`);
  }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}

/** The API answers errors as `{"error": "…"}`; anything else is shown as it came, shortened. */
function serverMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    if (typeof parsed.error === 'string') return parsed.error;
  } catch {
    // not JSON
  }
  return body.trim().slice(0, 200);
}
