import { hash, verify } from '@node-rs/argon2';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hashed: string, password: string): Promise<boolean>;
}

/** argon2id (algorithm 2), the library's recommended memory and time costs. */
export const argon2PasswordHasher: PasswordHasher = {
  hash: (password) => hash(password, { algorithm: 2 as never }),
  verify: async (hashed, password) => {
    try {
      return await verify(hashed, password);
    } catch {
      return false;
    }
  },
};
