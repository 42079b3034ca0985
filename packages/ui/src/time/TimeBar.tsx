/**
 * The point in time: a slider by fiscal year, a date field, a play button that walks through the
 * years (you watch the network grow), and Western / Japanese-era year labels.
 */
import { formatFiscalYear } from '@musubi/core';
import { Pause, Play } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import type { ExploreState } from '../app/explore-state.js';
import { useI18n } from '../i18n/i18n.js';

export interface TimeBarProps {
  state: ExploreState;
  span: { first: number; last: number };
  day: string;
  onChange: (patch: Partial<ExploreState>) => void;
}

const STEP_MS = 1200;

export function TimeBar({ state, span, day, onChange }: TimeBarProps) {
  const { t, lang } = useI18n();
  const [playing, setPlaying] = useState(false);
  const year = state.fiscalYear ?? span.last;
  const yearRef = useRef(year);
  yearRef.current = year;
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      const next = yearRef.current >= span.last ? span.first : yearRef.current + 1;
      onChangeRef.current({ fiscalYear: next === span.last ? undefined : next, date: undefined });
      if (next === span.last) setPlaying(false);
    }, STEP_MS);
    return () => clearInterval(timer);
  }, [playing, span.first, span.last]);

  const label = formatFiscalYear(year, { lang, style: state.era ? 'era' : 'western' });
  return (
    <section className="timebar" aria-label={t('time.title')}>
      <button
        type="button"
        aria-pressed={playing}
        onClick={() => {
          if (!playing && year >= span.last) onChange({ fiscalYear: span.first, date: undefined });
          setPlaying(!playing);
        }}
      >
        {/* drawn icons: a symbol font may lack ⏸ (an empty box) */}
        {playing ? (
          <Pause className="icon" aria-hidden="true" />
        ) : (
          <Play className="icon" aria-hidden="true" />
        )}
        {playing ? t('time.pause') : t('time.play')}
      </button>
      <label className="slider">
        <span className="visually-hidden">{t('time.slider')}</span>
        <input
          type="range"
          min={span.first}
          max={span.last}
          step={1}
          value={year}
          aria-valuetext={label}
          onChange={(e) => {
            const fy = Number(e.target.value);
            onChange({ fiscalYear: fy >= span.last ? undefined : fy, date: undefined });
          }}
        />
      </label>
      <output data-testid="time-label" className="time-label">
        {state.date ? t('time.asOf', { date: state.date }) : label}
      </output>
      <label>
        {t('time.date')}{' '}
        <input
          type="date"
          value={state.date ?? day}
          onChange={(e) => onChange({ date: e.target.value || undefined })}
        />
      </label>
      <button type="button" onClick={() => onChange({ fiscalYear: undefined, date: undefined })}>
        {t('time.today')}
      </button>
      <label className="check">
        <input type="checkbox" checked={state.era} onChange={(e) => onChange({ era: e.target.checked })} />
        {t('time.era')}
      </label>
    </section>
  );
}
