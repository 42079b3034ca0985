/**
 * The row of view tabs. On a narrow screen it scrolls sideways; the side that hides tabs fades out
 * under an arrow (app.css), so that tabs off the screen are not a secret. Which sides hide tabs is
 * kept in `data-more-before` / `data-more-after`, measured when the row scrolls or changes size.
 */
import { type ReactNode, useEffect, useRef, useState } from 'react';

export function TabBar({ label, watch, children }: { label: string; watch: string; children: ReactNode }) {
  const ref = useRef<HTMLElement>(null);
  const [more, setMore] = useState({ before: false, after: false });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `watch` names the tabs and their language, whose widths change the row
  useEffect(() => {
    const nav = ref.current;
    if (!nav) return;
    const measure = () => {
      // a pixel of slack: a zoomed page scrolls by fractions
      const before = nav.scrollLeft > 1;
      const after = nav.scrollLeft + nav.clientWidth < nav.scrollWidth - 1;
      setMore((m) => (m.before === before && m.after === after ? m : { before, after }));
    };
    measure();
    nav.addEventListener('scroll', measure, { passive: true });
    const resized = new ResizeObserver(measure);
    resized.observe(nav);
    for (const tab of nav.children) resized.observe(tab);
    return () => {
      nav.removeEventListener('scroll', measure);
      resized.disconnect();
    };
  }, [watch]);
  return (
    <div className="tab-bar" data-more-before={more.before} data-more-after={more.after}>
      <nav ref={ref} aria-label={label}>
        {children}
      </nav>
    </div>
  );
}
