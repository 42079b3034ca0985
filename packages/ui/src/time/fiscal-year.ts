/**
 * The fiscal years the time slider offers. Fiscal years themselves (年度, April–March) and their
 * labels in Western years or Japanese eras come from the core (`fiscalYearOf`, `formatFiscalYear`).
 */
import { earliestDay, fiscalYearOf, type NetworkView } from '@musubi/core';

/** The fiscal years the slider offers: from the first dated link event in the network to today's. */
export function fiscalYearSpan(view: NetworkView, today: string): { first: number; last: number } {
  // a day (YYYY-MM-DD) always has a fiscal year
  const last = fiscalYearOf(today) as number;
  // the earliest day first (days compare as text), then its fiscal year once: not one per event
  let earliest = today;
  for (const link of view.links()) {
    for (const event of link.events) {
      const day = earliestDay(event.date);
      if (day < earliest) earliest = day;
    }
  }
  return { first: Math.min(last, fiscalYearOf(earliest) as number), last };
}
