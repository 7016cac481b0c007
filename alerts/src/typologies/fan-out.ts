/**
 * `fan_out`: one personal account transfers to at least 10 distinct accounts within 24
 * hours, together at least 100,000 — a personal account dispersing funds.
 */
import { createFanTypology } from './fan-pattern.js';

export const fanOut = createFanTypology('fan_out', 'out');
