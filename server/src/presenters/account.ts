import type {
  AccountState,
  AccountView,
  ApplicantAccountView,
  AuthoritySecurityView,
  DemoAccount,
  OneTimePasswordView,
} from '#contract';
import type { AuthorityTable } from '../db/schema.js';
import { maskPhone } from '../domain/masking.js';
import type { UnitRow, UserRepository, UserRow } from '../repositories/user-repository.js';

/** An account as the system administrator's list reads it, with its authority and whether a lock holds. */
export type AccountRecord = NonNullable<Awaited<ReturnType<UserRepository['findAccount']>>>;

/** 已停用 before 已锁定: a disabled account cannot sign in whether or not it is locked. */
function accountState(row: { disabled_at: string | null; locked: unknown }): AccountState {
  if (row.disabled_at) return 'disabled';
  return row.locked ? 'locked' : 'active';
}

export function presentAccount(row: AccountRecord): AccountView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    authorityCode: row.authority_code,
    authorityName: row.authority_name,
    state: accountState(row),
    mustChangePassword: row.must_change_password === 1,
    lastLoginAt: row.last_login_at,
    createdAt: row.created_at,
  };
}

/** The account and the one-time password it was just given (the only time it is shown). */
export function presentOneTimePassword(
  user: Pick<UserRow, 'id' | 'username' | 'display_name'>,
  oneTimePassword: string,
): OneTimePasswordView {
  return { account: { id: user.id, username: user.username, displayName: user.display_name }, oneTimePassword };
}

export function presentAuthoritySecurity(
  a: Pick<AuthorityTable, 'code' | 'name' | 'kind'> & { require_totp: number },
): AuthoritySecurityView {
  return { code: a.code, name: a.name, kind: a.kind, requireTotp: a.require_totp === 1 };
}

/** What the official compares with the caller before a reset or a transfer; the phone masked. */
export function presentApplicantAccount(unit: UnitRow, user: UserRow, locked: boolean): ApplicantAccountView {
  return {
    unitId: unit.id,
    unitName: unit.name,
    uscc: unit.uscc,
    username: user.username,
    contactName: unit.contact_name,
    contactPhone: maskPhone(unit.contact_phone),
    state: accountState({ disabled_at: user.disabled_at, locked }),
    lastLoginAt: user.last_login_at,
  };
}

/** A demo account as the login page lists it (the seed's authority and unit stay on the server). */
export function presentDemoAccount(a: DemoAccount): DemoAccount {
  return { username: a.username, password: a.password, role: a.role, description: a.description };
}
