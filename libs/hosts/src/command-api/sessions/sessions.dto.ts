import { z } from 'zod';

// Bounded so a hostile body never costs more than one ordinary password hash.
export const signInBody = z.strictObject({
  login: z.string().min(1).max(300),
  password: z.string().min(1).max(1000),
});
export type SignInBody = z.output<typeof signInBody>;
