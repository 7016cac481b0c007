/**
 * The regulators that form the supervision network. Each is one organisation on the
 * ledger; its MSP id is the department code followed by "MSP" (e.g. `PBOCMSP`).
 */
export const DEPARTMENTS = ['PBOC', 'NFRA', 'SAMR', 'CAC', 'SAFE'] as const;
export type Department = (typeof DEPARTMENTS)[number];

export const ROLES = ['analyst', 'reviewer', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isDepartment(value: unknown): value is Department {
  return typeof value === 'string' && (DEPARTMENTS as readonly string[]).includes(value);
}

export function mspIdOf(department: Department): string {
  return `${department}MSP`;
}

export function departmentOfMspId(mspId: string): Department | undefined {
  const code = mspId.endsWith('MSP') ? mspId.slice(0, -3) : '';
  return isDepartment(code) ? code : undefined;
}
