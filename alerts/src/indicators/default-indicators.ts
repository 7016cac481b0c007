/**
 * The indicator set the platform runs unless configured otherwise. Thresholds are the
 * supervisors' starting points, meant to be tuned: a tenth of consumer and business credit
 * reaching property is far beyond what legitimate spending explains; a share that rises by
 * half in one period is a change of behaviour whatever its level.
 */
import { validateIndicatorSet, type IndicatorSet } from './indicator-definition.js';

const ALL = ['week', 'month', 'quarter'] as const;
const REVIEWED = ['month', 'quarter'] as const;

export const DEFAULT_INDICATOR_SET: IndicatorSet = validateIndicatorSet({
  version: '1.0.0',
  indicators: [
    {
      id: 'credit_to_real_estate_share', version: '1.0.0', measure: 'credit_share',
      description: 'Share of disbursed consumer and business credit traced to real estate',
      params: { typology: 'credit_to_real_estate' },
      thresholds: { level: 0.1, trendRisePct: 50, minBase: 1_000_000 },
      departments: ['PBOC', 'NFRA'], granularities: [...ALL], reviewGranularities: [...REVIEWED],
    },
    {
      id: 'credit_to_securities_share', version: '1.0.0', measure: 'credit_share',
      description: 'Share of disbursed consumer and business credit traced to the securities market',
      params: { typology: 'credit_to_securities' },
      thresholds: { level: 0.1, trendRisePct: 50, minBase: 1_000_000 },
      departments: ['PBOC', 'NFRA'], granularities: [...ALL], reviewGranularities: [...REVIEWED],
    },
    {
      id: 'cross_border_outflow', version: '1.0.0', measure: 'cross_border_outflow',
      description: 'Cross-border outflow by corridor (CNY)',
      params: {},
      thresholds: { level: null, levelByGranularity: { week: 20_000_000, month: 50_000_000, quarter: 100_000_000 }, trendRisePct: 100, minBase: 1_000_000 },
      departments: ['SAFE', 'PBOC'], granularities: [...ALL], reviewGranularities: [...REVIEWED],
    },
    {
      id: 'cross_border_concentration', version: '1.0.0', measure: 'cross_border_concentration',
      description: 'Concentration of cross-border outflow on few corridors (Herfindahl–Hirschman index)',
      params: {},
      thresholds: { level: 0.8, trendRisePct: 50, minBase: 5_000_000 },
      departments: ['SAFE', 'PBOC'], granularities: [...ALL], reviewGranularities: [...REVIEWED],
    },
    {
      id: 'structuring_density', version: '1.0.0', measure: 'structuring_density',
      description: 'Share of cash deposits just under the large-value reporting threshold',
      params: {},
      thresholds: { level: 0.3, trendRisePct: 100, minBase: 20 },
      departments: ['PBOC', 'NFRA'], granularities: [...ALL], reviewGranularities: [...REVIEWED],
    },
    {
      id: 'pass_through_velocity', version: '1.0.0', measure: 'pass_through_velocity',
      description: 'Share of money received by personal accounts that is sent on within 24 hours',
      params: {},
      thresholds: { level: 0.5, trendRisePct: 50, minBase: 1_000_000 },
      departments: ['PBOC', 'NFRA'], granularities: [...ALL], reviewGranularities: [...REVIEWED],
    },
    {
      id: 'platform_credit_growth', version: '1.0.0', measure: 'platform_credit_growth',
      description: 'Growth of credit disbursed by payment and e-commerce platforms on the previous period',
      params: {},
      thresholds: { level: 0.5, trendRisePct: null, minBase: 1_000_000 },
      departments: ['NFRA', 'PBOC', 'SAMR'], granularities: [...ALL], reviewGranularities: [...REVIEWED],
    },
  ],
});
