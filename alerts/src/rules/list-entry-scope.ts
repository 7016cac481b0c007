import { TYPOLOGY_IDS, type TypologyId } from '../../../core/src/domain/alert.js';
import type { Department } from '../../../core/src/domain/departments.js';
import type { RoutingTable } from '../routing.js';
import type { ListName, ListScope } from './detection-lists.js';

/**
 * What a department's list entry may cover and who must agree to it. A department lists
 * only for the typologies that can be routed to it (its remit); an allow-list entry
 * silences the whole alert, so every other department the alert could be routed to must
 * approve it first. A negative-list entry only raises severity within the owner's remit
 * and needs nobody's approval.
 */
export interface ListEntryScope {
  typologies: TypologyId[];
  requiredApprovals: Department[];
}

/** A department asked for a scope outside its remit. */
export class ListScopeError extends Error {
  readonly code = 'LIST_SCOPE_DENIED';
  constructor(message: string) {
    super(message);
    this.name = 'ListScopeError';
  }
}

/** Every department an alert of `typology` can be routed to (the platform departments included). */
export function departmentsConcerned(routing: Readonly<RoutingTable>, typology: TypologyId): Department[] {
  const extra = Object.values(routing.byInstitutionKind).flatMap((list) => [...(list ?? [])]);
  return [...new Set([...routing.byTypology[typology], ...extra])];
}

/** The typologies whose alerts can reach `department`. */
export function typologiesRoutedTo(routing: Readonly<RoutingTable>, department: Department): TypologyId[] {
  return TYPOLOGY_IDS.filter((t) => departmentsConcerned(routing, t).includes(department));
}

/** The scope of `department`'s entry on `list` for `typology` (`*`: every typology in its remit). */
export function scopeListEntry(routing: Readonly<RoutingTable>, department: Department, list: ListName, typology: ListScope): ListEntryScope {
  const remit = typologiesRoutedTo(routing, department);
  if (typology !== '*' && !remit.includes(typology)) {
    throw new ListScopeError(`typology ${typology} is not routed to ${department}, so ${department} may not list for it`);
  }
  const typologies = typology === '*' ? remit : [typology];
  if (typologies.length === 0) throw new ListScopeError(`no typology is routed to ${department}, so ${department} may not list accounts`);
  const others = list === 'allow'
    ? [...new Set(typologies.flatMap((t) => departmentsConcerned(routing, t)))].filter((d) => d !== department).sort()
    : [];
  return { typologies, requiredApprovals: others };
}
