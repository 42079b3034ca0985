/**
 * The app's clock. Every "today" the UI shows or starts a form with (follow-ups due, anniversaries,
 * the current fiscal year, a new record's date) reads this clock, so a test can fix the day: the core
 * takes `now` the same way (`createNetwork({ now })`). The app runs on the system clock.
 */
import { todayISO } from '@musubi/core';
import { createContext, type ReactNode, useContext } from 'react';

/** Returns the current moment. */
export type Clock = () => Date;

const systemClock: Clock = () => new Date();
const ClockContext = createContext<Clock>(systemClock);

/** Gives the components below a clock other than the system's (tests: a fixed day). */
export function ClockProvider({ now, children }: { now: Clock; children: ReactNode }) {
  return <ClockContext.Provider value={now}>{children}</ClockContext.Provider>;
}

/** The clock of the components above (the system clock unless a `ClockProvider` says otherwise). */
export function useClock(): Clock {
  return useContext(ClockContext);
}

/** Today by the app's clock, as `YYYY-MM-DD` (UTC, as `todayISO` in the core). */
export function useToday(): string {
  return todayISO(useContext(ClockContext)());
}
