/**
 * The indicators data source: `GET /api/v1/indicators?quarter=…` for the session, the
 * payload validated on receipt (the gateway is trusted, a proxy or a version skew is not).
 */
import type { IndicatorValue } from '../../../alerts/src/indicators/indicator-value.js';
import { ApiError } from './monitor-api.js';

export type { IndicatorValue };

export interface IndicatorListing {
  quarter: string;
  definitions: { version: string; hash: string };
  indicators: IndicatorValue[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumberOrNull = (v: unknown): boolean => v === null || typeof v === 'number';
const isStrings = (v: unknown): boolean => Array.isArray(v) && v.every((x) => typeof x === 'string');

function isIndicatorValue(v: unknown): v is IndicatorValue {
  if (!isObject(v)) return false;
  return typeof v.indicator === 'string' && typeof v.institution === 'string' && typeof v.period === 'string'
    && typeof v.granularity === 'string' && isNumberOrNull(v.value) && isNumberOrNull(v.threshold) && isNumberOrNull(v.changePct)
    && typeof v.breached === 'boolean' && isStrings(v.breaches) && isStrings(v.departments) && isStrings(v.alertIds)
    && (v.caseId === undefined || typeof v.caseId === 'string') && (v.segment === undefined || typeof v.segment === 'string')
    && Array.isArray(v.history) && v.history.every((p) => isObject(p) && typeof p.period === 'string' && isNumberOrNull(p.value));
}

/** The listing, or undefined when the payload is not one. */
export function parseIndicatorListing(v: unknown): IndicatorListing | undefined {
  if (!isObject(v) || typeof v.quarter !== 'string' || !isObject(v.definitions) || !Array.isArray(v.indicators)) return undefined;
  if (!v.indicators.every(isIndicatorValue)) return undefined;
  return v as unknown as IndicatorListing;
}

/** The quarter's figures routed to the session's department (auditors: all). */
export async function fetchIndicators(token: string, quarter: string, baseUrl = ''): Promise<IndicatorListing> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}/api/v1/indicators?quarter=${encodeURIComponent(quarter)}`, {
      headers: { accept: 'application/json', authorization: `Bearer ${token}` },
    });
  } catch (cause) {
    throw new ApiError(0, 'NETWORK', `The gateway cannot be reached (${String(cause)}).`);
  }
  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const message = isObject(payload) && typeof payload.message === 'string' ? payload.message : response.statusText;
    throw new ApiError(response.status, isObject(payload) && typeof payload.error === 'string' ? payload.error : `HTTP_${response.status}`, message);
  }
  const listing = parseIndicatorListing(payload);
  if (!listing) throw new ApiError(200, 'MALFORMED_RESPONSE', 'The gateway sent a malformed indicator listing.');
  return listing;
}
