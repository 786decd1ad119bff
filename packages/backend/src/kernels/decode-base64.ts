/**
 * The bytes of a base64 string (the embedded wasm modules), without Node's Buffer: works in
 * browsers too.
 *
 * @example
 * decodeBase64('AGFzbQ=='); // Uint8Array [0, 97, 115, 109] ("\0asm")
 */
export function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
