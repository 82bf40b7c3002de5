/**
 * The one serialisation of a transaction item: object keys sorted at every level, no
 * whitespace. It is what the vault seals and what the client sends, so a retry re-sends the
 * same bytes the platform saw first (platform-api.md §5: recomputing anything turns a retry
 * into an `idempotency-conflict`).
 */
export function canonicalJson(value: unknown): string {
  const text = serialise(value);
  if (text === undefined) throw new TypeError('value has no JSON form');
  return text;
}

function serialise(value: unknown): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      // NaN and Infinity have no JSON form; JSON.stringify would silently turn them into null.
      if (!Number.isFinite(value)) throw new TypeError('non-finite number has no JSON form');
      return JSON.stringify(value);
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'bigint':
      throw new TypeError('bigint has no JSON form');
    case 'object':
      break;
  }
  if (Array.isArray(value)) return `[${value.map((v: unknown) => serialise(v) ?? 'null').join(',')}]`;
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const text = serialise(record[key]);
    if (text !== undefined) parts.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${parts.join(',')}}`;
}
