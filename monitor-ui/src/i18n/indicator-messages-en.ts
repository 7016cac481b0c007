/**
 * The indicators page's messages, English. Its own catalog (the same keys as the Chinese one,
 * the type checker holding them together), whole sentences with parameters.
 */
export interface IndicatorMessages {
  navIndicators: string;
  heading: string;
  subtitle: (quarter: string, count: number, breached: number) => string;
  quarterLabel: string;
  granularityLabel: string;
  granularity: Readonly<Record<'quarter' | 'month' | 'week', string>>;
  loading: string;
  failed: (reason: string) => string;
  empty: string;
  columnInstitution: string;
  columnPeriod: string;
  columnValue: string;
  columnThreshold: string;
  columnChange: string;
  columnState: string;
  columnCase: string;
  breached: string;
  breachedBy: (kinds: string) => string;
  noLongerBreached: string;
  withinThreshold: string;
  baseTooSmall: string;
  breachKinds: Readonly<Record<'level' | 'trend', string>>;
  openCase: (caseId: string) => string;
  trendRise: (pct: string) => string;
  alertsBehind: (count: number) => string;
  chartLabel: (indicator: string, institution: string) => string;
  chartThreshold: string;
  indicatorNames: Readonly<Record<string, string>>;
  departmentsLine: (departments: string) => string;
}

export const indicatorMessagesEn: IndicatorMessages = {
  navIndicators: 'Risk indicators',
  heading: 'Cross-domain risk indicators',
  subtitle: (quarter, count, breached) => `${quarter}: ${count} figures routed to your department, ${breached} over a threshold.`,
  quarterLabel: 'Quarter',
  granularityLabel: 'Period',
  granularity: { quarter: 'Quarter', month: 'Month', week: 'Week' },
  loading: 'Computing the indicators…',
  failed: (reason) => `The indicators could not be loaded: ${reason}`,
  empty: 'No figures for this quarter and period.',
  columnInstitution: 'Institution',
  columnPeriod: 'Period',
  columnValue: 'Value',
  columnThreshold: 'Threshold',
  columnChange: 'Change on previous',
  columnState: 'State',
  columnCase: 'Joint review',
  breached: 'Breached',
  breachedBy: (kinds) => `Breached (${kinds})`,
  noLongerBreached: 'No longer breached',
  withinThreshold: 'Within threshold',
  baseTooSmall: 'Base too small to judge',
  breachKinds: { level: 'level', trend: 'trend' },
  openCase: (caseId) => `Open case ${caseId}`,
  trendRise: (pct) => `${pct}%`,
  alertsBehind: (count) => (count === 1 ? '1 alert behind it' : `${count} alerts behind it`),
  chartLabel: (indicator, institution) => `History of ${indicator} for ${institution}, with its threshold`,
  chartThreshold: 'threshold',
  indicatorNames: {
    credit_to_real_estate_share: 'Share of credit traced to real estate',
    credit_to_securities_share: 'Share of credit traced to securities',
    cross_border_outflow: 'Cross-border outflow by corridor',
    cross_border_concentration: 'Concentration of cross-border outflow',
    structuring_density: 'Density of structuring-like cash deposits',
    pass_through_velocity: 'Velocity of pass-through',
    platform_credit_growth: 'Growth of platform credit',
  },
  departmentsLine: (departments) => `Concerns ${departments}`,
};
