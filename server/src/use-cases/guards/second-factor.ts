import type { Role } from '#contract';
import type { Config } from '../../config.js';

/** Who must sign in with a second factor: the roles of `config.secondFactorRoles`, and city officials whose authority requires it. */
export function secondFactorRequired(config: Config, role: Role, authorityRequiresTotp: boolean): boolean {
  return config.secondFactorRoles.includes(role) || (role === 'city' && authorityRequiresTotp);
}
