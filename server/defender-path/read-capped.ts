/** Thrown when an answer's body is longer than the server will hold for one request. */
export class TooLargeError extends Error {
  constructor(limit: number) {
    super(`The answer is larger than ${limit} bytes.`);
    this.name = 'TooLargeError';
  }
}

/**
 * Reads a body up to `limit` bytes, and stops reading (cancelling the rest) past it: a huge or endless
 * answer costs at most `limit` bytes of memory, whatever its Content-Length says.
 */
export async function readCapped(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Buffer> {
  if (body === null) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    size += chunk.value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new TooLargeError(limit);
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks);
}
