const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Base64 of the UTF-8 bytes of `text`, as HTTP Basic credentials are sent. */
export function utf8Base64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** False for a string with a lone UTF-16 surrogate, which has no UTF-8 form to send. */
export function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}
