import { z } from 'zod';

export const createAccountBody = z.strictObject({
  name: z.string().max(10_000),
  email: z.string().max(10_000).nullable().optional(),
  roles: z.array(z.string().max(100)).max(20),
  /** Optional first password (at least 12 characters); only its hash is kept. */
  password: z.string().max(1000).nullable().optional(),
});
export type CreateAccountBody = z.output<typeof createAccountBody>;

export const updateMeBody = z.strictObject({ email: z.string().max(10_000).nullable() });
export const columnsBody = z.strictObject({ columns: z.array(z.string().max(100)).max(50) });

export const ownPasswordBody = z.strictObject({
  current: z.string().max(1000),
  password: z.string().max(1000),
});
export type OwnPasswordBody = z.output<typeof ownPasswordBody>;
export const passwordBody = z.strictObject({ password: z.string().max(1000) });
