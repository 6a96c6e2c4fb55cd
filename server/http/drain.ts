/**
 * Reads a request's body to its end, keeping none of it. An answer sent before the body is in
 * makes Node close the connection under the client, which then sees a reset (or, on its next
 * request over the kept-alive connection, a hang-up) instead of the answer: refusals that come
 * early (429) drain first.
 */
export async function drain(req: Request): Promise<void> {
  const reader = req.body?.getReader();
  if (!reader) return;
  for (let r = await reader.read(); !r.done; r = await reader.read());
}
