import { TYPOLOGY_IDS, type TypologyId } from '../../core/src/domain/alert.js';
import { isDepartment, type Department } from '../../core/src/domain/departments.js';
import type { InstitutionKind } from '../../core/src/domain/institution-registry.js';
import { DEFAULT_ROUTING, type RoutingTable } from './routing.js';

const KINDS: readonly InstitutionKind[] = ['bank', 'payment_platform', 'ecommerce_platform'];

/** A routing file that does not make sense; `field` names what is wrong. */
export class RoutingConfigError extends Error {
  constructor(readonly field: string, reason: string) {
    super(`${field}: ${reason}`);
    this.name = 'RoutingConfigError';
  }
}

function departments(value: unknown, field: string): Department[] {
  if (!Array.isArray(value) || !value.every(isDepartment)) throw new RoutingConfigError(field, 'must be a list of department codes (PBOC, NFRA, SAMR, CAC, SAFE)');
  return [...new Set(value)];
}

/**
 * A routing table from JSON (`SUPTECH_ROUTING_FILE`): `{ byTypology: { <typology>: [depts] },
 * byInstitutionKind: { <kind>: [depts] } }`. Typologies left out keep their default routes;
 * every typology must end up routed to at least one department.
 */
export function parseRoutingTable(input: unknown): RoutingTable {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new RoutingConfigError('(root)', 'must be an object');
  const raw = input as Record<string, unknown>;
  for (const key of Object.keys(raw)) if (key !== 'byTypology' && key !== 'byInstitutionKind') throw new RoutingConfigError(key, 'unknown field');
  const byTypology: Record<TypologyId, readonly Department[]> = { ...DEFAULT_ROUTING.byTypology };
  for (const [typology, list] of Object.entries((raw.byTypology ?? {}) as Record<string, unknown>)) {
    if (!(TYPOLOGY_IDS as readonly string[]).includes(typology)) throw new RoutingConfigError(`byTypology.${typology}`, 'unknown typology');
    const routed = departments(list, `byTypology.${typology}`);
    if (routed.length === 0) throw new RoutingConfigError(`byTypology.${typology}`, 'must name at least one department');
    byTypology[typology as TypologyId] = routed;
  }
  const byInstitutionKind: Partial<Record<InstitutionKind, readonly Department[]>> = raw.byInstitutionKind === undefined ? { ...DEFAULT_ROUTING.byInstitutionKind } : {};
  for (const [kind, list] of Object.entries((raw.byInstitutionKind ?? {}) as Record<string, unknown>)) {
    if (!(KINDS as readonly string[]).includes(kind)) throw new RoutingConfigError(`byInstitutionKind.${kind}`, `must be one of ${KINDS.join(', ')}`);
    byInstitutionKind[kind as InstitutionKind] = departments(list, `byInstitutionKind.${kind}`);
  }
  return { byTypology, byInstitutionKind };
}
