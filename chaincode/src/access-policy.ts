import { ContractError } from './contract-error.js';

/**
 * The five regulators of the network. Kept here rather than imported from the gateway
 * because the chaincode is packaged and deployed on its own.
 */
export const DEPARTMENTS = ['PBOC', 'NFRA', 'SAMR', 'CAC', 'SAFE'] as const;
/** A department code: one of {@link DEPARTMENTS}. */
export type Department = (typeof DEPARTMENTS)[number];

/** User roles the gateway may assert through the `suptech.role` certificate attribute. */
export const ROLES = ['analyst', 'reviewer', 'auditor', 'admin'] as const;
/** A user role: one of {@link ROLES}. */
export type Role = (typeof ROLES)[number];

/** Certificate attribute names the contract honours. */
export const ROLE_ATTRIBUTE = 'suptech.role';
/** Attribute naming the acting user, recorded with opinions and sign-offs. */
export const USER_ATTRIBUTE = 'suptech.user';

/** Whether `value` is one of the five department codes. */
export function isDepartment(value: unknown): value is Department {
  return typeof value === 'string' && (DEPARTMENTS as readonly string[]).includes(value);
}

/** The caller's identity surface, as `ctx.clientIdentity` offers it. */
export interface ClientIdentityLike {
  getMSPID(): string;
  getAttributeValue(name: string): string | null;
}

/** Who is calling: the department (from the MSP id) and, when asserted, the user's role and name. */
export interface Caller {
  department: Department;
  role?: Role;
  user?: string;
}

/**
 * Identifies the caller. An MSP id outside the five departments is refused for every
 * function, reads included: the ledger is shared only among the network's members.
 */
export function identifyCaller(identity: ClientIdentityLike): Caller {
  const mspId = identity.getMSPID();
  const code = mspId.endsWith('MSP') ? mspId.slice(0, -3) : '';
  if (!isDepartment(code)) {
    throw new ContractError('ACCESS_DENIED', `MSP ${mspId} is not a member of the supervision network`);
  }
  const role = identity.getAttributeValue(ROLE_ATTRIBUTE) ?? undefined;
  if (role !== undefined && !(ROLES as readonly string[]).includes(role)) {
    throw new ContractError('ACCESS_DENIED', `unknown role "${role}" in attribute ${ROLE_ATTRIBUTE}`);
  }
  const user = identity.getAttributeValue(USER_ATTRIBUTE) ?? undefined;
  return { department: code, role: role as Role | undefined, user };
}

/** Auditors read everything and decide nothing: any mutation under an auditor identity is refused. */
export function requireMayMutate(caller: Caller, action: string): void {
  if (caller.role === 'auditor') {
    throw new ContractError('ACCESS_DENIED', `an auditor of ${caller.department} may not ${action}`);
  }
}

/**
 * Casting a department's decision (an opinion, a report sign-off) is the reviewer's job.
 * Without a role attribute the department's own identity acts, and is trusted as such.
 */
export function requireReviewer(caller: Caller, action: string): void {
  requireMayMutate(caller, action);
  if (caller.role !== undefined && caller.role !== 'reviewer') {
    throw new ContractError('ACCESS_DENIED', `only a reviewer may ${action}; the caller of ${caller.department} is ${caller.role}`);
  }
}

/** Only a department the case is routed to may act on it. */
export function requireRouted(caller: Caller, departments: readonly Department[], caseId: string): void {
  if (!departments.includes(caller.department)) {
    throw new ContractError('ACCESS_DENIED', `case ${caseId} is not routed to ${caller.department}`);
  }
}
