import { badRequest } from './errors';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

/** `includeObject` of a Table request: None, Metadata (the default) or Object. */
export function includeObjectParam(query: URLSearchParams): IncludeObject {
  const raw = query.get('includeObject') ?? 'Metadata';
  if (raw === 'None' || raw === 'Metadata' || raw === 'Object') return raw;
  throw badRequest(
    `includeObject: Unsupported value: "${raw}": supported values: "None", "Metadata", "Object"`,
  );
}
