const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** False for a string with a lone UTF-16 surrogate, which has no UTF-8 form to send. */
export function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}
