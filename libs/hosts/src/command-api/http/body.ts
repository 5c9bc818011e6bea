import { type PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { DomainError, type FieldError } from '#domain';

/** Turns zod issues into the `errors[]` of a VALIDATION_FAILED problem, one entry per field. */
export function fieldErrorsOf(issues: readonly z.core.$ZodIssue[], prefix = ''): FieldError[] {
  return issues.flatMap((issue) => {
    const base = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: base ? `${base}.${key}` : key, message: 'unknown field' }));
    }
    return [{ field: base || '(body)', message: issue.message }];
  });
}

/** Paths of strings that are not well-formed Unicode (lone surrogates): no text field may hold one. */
function malformedStrings(value: unknown, path: string, found: FieldError[]): FieldError[] {
  if (typeof value === 'string') {
    if (!value.isWellFormed()) found.push({ field: path || '(body)', message: 'must be well-formed Unicode text' });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => malformedStrings(item, path ? `${path}.${index}` : String(index), found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) malformedStrings(item, path ? `${path}.${key}` : key, found);
  }
  return found;
}

/** Validates with a zod schema; anything off is a 400 that names every bad field. */
export function parseWith<Schema extends z.ZodType>(schema: Schema, value: unknown, prefix = ''): z.output<Schema> {
  const malformed = malformedStrings(value, prefix.replace(/\.$/, ''), []);
  if (malformed.length > 0) throw DomainError.validation(malformed);
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw DomainError.validation(fieldErrorsOf(parsed.error.issues, prefix));
  return parsed.data;
}

/** `@Body(new ZodBody(schema))`: a missing body is validated as `{}` so required fields are named. */
export class ZodBody<Schema extends z.ZodType> implements PipeTransform<unknown, z.output<Schema>> {
  constructor(readonly schema: Schema) {}
  transform(value: unknown): z.output<Schema> {
    return parseWith(this.schema, value === undefined || value === null ? {} : value);
  }
}

/** JSON Schema of a body for the OpenAPI document. */
export function openApiSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
}
