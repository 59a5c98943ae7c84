/** The result of reading untrusted input: the value, or why it could not be read. */
export type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };
