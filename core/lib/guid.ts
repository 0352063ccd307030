/** A GUID in the canonical 8-4-4-4-12 form, lower case: the only shape an action ID may take. */
export type Guid = string & { readonly __brand: 'Guid' };

const exactGuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: string): value is Guid {
  return exactGuid.test(value);
}

/** Returns the canonical (lower-case) form, or undefined when the value is not exactly a GUID. */
export function toGuid(value: string): Guid | undefined {
  const trimmed = value.trim();
  return isGuid(trimmed) ? (trimmed.toLowerCase() as Guid) : undefined;
}
