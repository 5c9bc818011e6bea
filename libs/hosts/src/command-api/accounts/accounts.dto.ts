import { z } from 'zod';

export const createAccountBody = z.strictObject({
  name: z.string().max(10_000),
  email: z.string().max(10_000).nullable().optional(),
  roles: z.array(z.string().max(100)).max(20),
});
export type CreateAccountBody = z.output<typeof createAccountBody>;

export const updateMeBody = z.strictObject({ email: z.string().max(10_000).nullable() });
export const columnsBody = z.strictObject({ columns: z.array(z.string().max(100)).max(50) });
