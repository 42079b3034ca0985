/**
 * Whether the app's first view is on the screen: the network map drawn, or another view rendered.
 * Work that can wait (keeping a snapshot of a big network) waits for it, so that it does not take
 * the page's thread between the network's opening and the first map (at scale M the snapshot's
 * JSON took 2–10 s of it).
 */
let tell: () => void = () => undefined;

/** Resolves once {@link firstViewShown} is called. */
export const firstViewOnScreen: Promise<void> = new Promise((resolve) => {
  tell = resolve;
});

/** Says that the first view is on the screen; later calls do nothing. */
export function firstViewShown(): void {
  tell();
}
