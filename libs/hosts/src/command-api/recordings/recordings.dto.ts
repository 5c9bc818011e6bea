import { z } from 'zod';
import { ApiProblem } from '../http/problem.js';

const periodSchema = z.object({ from: z.string().max(64).optional(), to: z.string().max(64).optional() }).strict();

/** `?from&to` of the bulk download (the same bounds as the search: dates are whole days in the display zone). */
export function periodQuery(raw: unknown): { from?: string; to?: string } {
  const parsed = periodSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => ({
      field: issue.path.join('.') || 'query',
      message: issue.message,
    }));
    throw new ApiProblem('VALIDATION_FAILED', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
  }
  return parsed.data;
}
