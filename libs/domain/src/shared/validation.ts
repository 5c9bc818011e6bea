import { DomainError, type FieldError } from './domain-error.js';

/** Refuses one field; value-object parsers call this so a caller can collect every field's error at once. */
export function invalid(field: string, message: string): never {
  throw DomainError.validation([{ field, message }]);
}

type Parsed<T extends Record<string, () => unknown>> = { [K in keyof T]: ReturnType<T[K]> };

/**
 * Runs every parser, even after one failed, so a command is refused with the errors of all its fields
 * (a client fixes its request in one round trip). Errors other than validation errors propagate as they are.
 */
export function parseAll<T extends Record<string, () => unknown>>(parsers: T): Parsed<T> {
  const errors: FieldError[] = [];
  const parsed: Record<string, unknown> = {};
  for (const [key, parse] of Object.entries(parsers)) {
    try {
      parsed[key] = parse();
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'VALIDATION_FAILED') throw error;
      errors.push(...error.fieldErrors);
    }
  }
  if (errors.length > 0) throw DomainError.validation(errors);
  return parsed as Parsed<T>;
}

/** Counts Unicode code points, as users count characters (an emoji is one, not two UTF-16 units). */
export function codePointLength(text: string): number {
  return [...text].length;
}
