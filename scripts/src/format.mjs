// Human output: aligned tables, key/value blocks, shortened addresses.

/** Renders rows (objects) as an aligned text table with the given columns `[key, heading]`. */
export function table(rows, columns) {
  const cols = columns ?? Object.keys(rows[0] ?? {}).map((key) => [key, key]);
  const cell = (value) => {
    if (value === null || value === undefined) return '';
    if (typeof value === 'object') return JSON.stringify(value);
    return String(value);
  };
  const cells = rows.map((row) => cols.map(([key]) => cell(row[key])));
  const widths = cols.map(([, heading], index) => Math.max(heading.length, ...cells.map((line) => line[index].length)));
  const line = (values) => values.map((value, index) => value.padEnd(widths[index])).join('  ').trimEnd();
  return [line(cols.map(([, heading]) => heading)), line(widths.map((width) => '-'.repeat(width))), ...cells.map(line)].join('\n');
}

/** Renders `{ key: value }` as aligned `key: value` lines. */
export function keyValues(object) {
  const keys = Object.keys(object);
  const width = Math.max(0, ...keys.map((key) => key.length));
  return keys
    .map((key) => {
      const value = object[key];
      const text = value === null || value === undefined ? '—' : typeof value === 'object' ? JSON.stringify(value) : String(value);
      return `${`${key}:`.padEnd(width + 1)} ${text}`;
    })
    .join('\n');
}

/** JSON with BigInt values written as strings. */
export function toJson(value, indent = 2) {
  return JSON.stringify(value, (_, item) => (typeof item === 'bigint' ? item.toString() : item), indent);
}

/** A plain event as one readable line: `landRegistry.ParcelRegistered parcel=6 …`. */
export function eventLine(event, label = (value) => value) {
  const fields = Object.entries(event.data)
    .map(([key, value]) => `${key}=${typeof value === 'object' && value !== null ? JSON.stringify(value) : label(value, key)}`)
    .join(' ');
  return `${event.section}.${event.method}${fields ? ` ${fields}` : ''}`;
}
