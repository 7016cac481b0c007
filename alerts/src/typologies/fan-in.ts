/**
 * `fan_in`: at least 10 distinct accounts transfer to one personal account within 24 hours,
 * together at least 100,000 — a personal account collecting funds from many sources.
 */
import { createFanTypology } from './fan-pattern.js';

export const fanIn = createFanTypology('fan_in', 'in');
