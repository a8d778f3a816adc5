import { Column, ColumnOptions, ValueTransformer } from 'typeorm';

/**
 * Instants are stored as epoch milliseconds in a BIGINT: the same SQL type and comparisons
 * on SQLite and PostgreSQL, and no time-zone conversions in drivers.
 */
const epochMilliseconds: ValueTransformer = {
  to: (value: Date | null | undefined) => (value == null ? value : value.getTime()),
  from: (value: string | number | null) => (value == null ? null : new Date(Number(value))),
};

export function InstantColumn(options: Pick<ColumnOptions, 'name' | 'nullable'>): PropertyDecorator {
  return Column({ type: 'bigint', transformer: epochMilliseconds, ...options });
}

/** A list stored as JSON text (portable; no array types). */
export function JsonListColumn(name: string): PropertyDecorator {
  return Column({ type: 'text', name, transformer: { to: JSON.stringify, from: (v: string) => JSON.parse(v) } });
}
