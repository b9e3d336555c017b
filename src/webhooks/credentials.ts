// Checks the HTTP Basic credentials LiveChat sends (embedded in the registered URL), in time
// that does not depend on where the first wrong byte is: both sides are hashed to 32 bytes
// with Web Crypto and compared in full, so it runs the same on Node, Bun, Deno and edge runtimes.

const encoder = new TextEncoder();

async function digest(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text)));
}

/** Constant-time equality of two strings (by their SHA-256 digests). */
export async function timingSafeEqualText(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([digest(a), digest(b)]);
  let difference = 0;
  for (let i = 0; i < x.length; i++) difference |= x[i]! ^ y[i]!;
  return difference === 0;
}

/** The `user:password` an `Authorization: Basic ...` header carries, or undefined. */
export function basicCredentials(header: string | null): string | undefined {
  const match = /^Basic[ ]+([A-Za-z0-9+/]+={0,2})[ ]*$/i.exec(header ?? "");
  if (!match) return undefined;
  try {
    const binary = atob(match[1]!);
    return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}
