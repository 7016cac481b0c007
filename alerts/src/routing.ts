import type { TypologyId } from '../../core/src/domain/alert.js';
import type { Department } from '../../core/src/domain/departments.js';
import type { InstitutionKind } from '../../core/src/domain/institution-registry.js';

/**
 * Which departments an alert concerns. The default table follows the regulators' remits:
 * credit misuse is the financial regulator's and the central bank's; AML typologies the
 * central bank's (its anti-money-laundering bureau) with the financial regulator;
 * cross-border flows the foreign-exchange administration's; and anything that passes
 * through an e-commerce or payment platform also concerns the market regulator.
 */
export interface RoutingTable {
  byTypology: Readonly<Record<TypologyId, readonly Department[]>>;
  /** Extra departments when an institution of this kind reported part of the evidence. */
  byInstitutionKind: Readonly<Partial<Record<InstitutionKind, readonly Department[]>>>;
}

export const DEFAULT_ROUTING: RoutingTable = {
  byTypology: {
    credit_to_real_estate: ['NFRA', 'PBOC'],
    credit_to_securities: ['NFRA', 'PBOC'],
    structuring: ['PBOC', 'NFRA'],
    cycle: ['PBOC', 'NFRA'],
    rapid_pass_through: ['PBOC', 'NFRA'],
    fan_in: ['PBOC', 'NFRA'],
    fan_out: ['PBOC', 'NFRA'],
    cross_border_split: ['SAFE', 'PBOC'],
  },
  byInstitutionKind: {
    payment_platform: ['SAMR'],
    ecommerce_platform: ['SAMR'],
  },
};

/** Departments an alert is routed to, in a stable order. */
export function routeAlert(
  table: RoutingTable, typology: TypologyId, institutionKinds: readonly (InstitutionKind | undefined)[],
): Department[] {
  const departments = new Set<Department>(table.byTypology[typology]);
  for (const kind of institutionKinds) {
    for (const d of (kind && table.byInstitutionKind[kind]) ?? []) departments.add(d);
  }
  return [...departments];
}
