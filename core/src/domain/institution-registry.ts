/**
 * The reporting institutions known to the platform. `kind` feeds alert routing: an
 * incident that involves a payment or e-commerce platform also concerns the market regulator.
 */
export type InstitutionKind = 'bank' | 'payment_platform' | 'ecommerce_platform';

export interface Institution {
  code: string;
  name: string;
  kind: InstitutionKind;
}

/** The institutions of the demo feed (fictional names). */
export const DEMO_INSTITUTIONS: readonly Institution[] = [
  { code: 'JADE_RIVER_BANK', name: 'Jade River Commercial Bank', kind: 'bank' },
  { code: 'EAST_HARBOR_BANK', name: 'East Harbor Rural Bank', kind: 'bank' },
  { code: 'GOLDEN_GATE_BANK', name: 'Golden Gate City Bank', kind: 'bank' },
  { code: 'SWIFTPAY', name: 'SwiftPay Payment Services', kind: 'payment_platform' },
  { code: 'MALLCO', name: 'MallCo E-commerce Platform (consumer credit)', kind: 'ecommerce_platform' },
];

export function institutionKind(registry: readonly Institution[], code: string): InstitutionKind | undefined {
  return registry.find((i) => i.code === code)?.kind;
}
