/**
 * The record view's forms for engagements of every type, programmes with their budgets, and
 * indicator targets. Each section shows a notice after a write (with a button to show a
 * participant on the map) and starts afresh; undo (in the header) takes any write back.
 */
import { type Engagement, nameIn } from '@musubi/core';
import { indicators, type Programme, programmes } from '@musubi/core/indicators';
import { useId, useMemo, useState } from 'react';
import { useNetwork } from '../../app/network-context.js';
import { useI18n } from '../../i18n/i18n.js';
import './activities.css';
import { EngagementFinder } from './EngagementFinder.js';
import { EngagementForm } from './EngagementForm.js';
import { IndicatorForm } from './IndicatorForm.js';
import { ProgrammeForm } from './ProgrammeForm.js';
import { participantToShow } from './plan-engagement.js';
import { TargetsForm } from './TargetsForm.js';

export function ActivityForms({ onOpen }: { onOpen: (id: string) => void }) {
  return (
    <>
      <EngagementSection onOpen={onOpen} />
      <ProgrammeSection />
      <IndicatorSection />
    </>
  );
}

interface Notice {
  text: string;
  show?: string | undefined;
}

function NoticeLine({ notice, onOpen }: { notice: Notice | undefined; onOpen?: (id: string) => void }) {
  const { t, lang } = useI18n();
  const { network } = useNetwork();
  if (!notice) return null;
  const shown = notice.show === undefined ? undefined : network.entity(notice.show);
  return (
    <output className="notice" aria-live="polite">
      {notice.text}{' '}
      {shown && onOpen && (
        <button type="button" className="link" onClick={() => onOpen(shown.id)}>
          {t('activities.showOnMap', { name: nameIn(shown.name, lang) })}
        </button>
      )}
    </output>
  );
}

function EngagementSection({ onOpen }: { onOpen: (id: string) => void }) {
  const { t, lang } = useI18n();
  const { network } = useNetwork();
  const heading = useId();
  const [editing, setEditing] = useState<string>();
  const [round, setRound] = useState(0);
  const [notice, setNotice] = useState<Notice>();
  const current: Engagement | undefined = editing === undefined ? undefined : network.engagement(editing);
  const done = (engagement: Engagement, outcome: 'recorded' | 'updated' | 'removed') => {
    const title = nameIn(engagement.title, lang);
    setNotice({
      text: t(`activities.engagement.${outcome}`, { title }),
      show: outcome === 'removed' ? undefined : participantToShow(network, engagement),
    });
    setEditing(undefined);
    setRound((r) => r + 1);
  };
  return (
    <section aria-labelledby={heading} className="activities-section">
      <h2 id={heading}>{t('activities.engagement.section')}</h2>
      <NoticeLine notice={notice} onOpen={onOpen} />
      <EngagementFinder
        onPick={(e) => {
          setNotice(undefined);
          setEditing(e.id);
          setRound((r) => r + 1);
        }}
      />
      <EngagementForm
        key={`${current?.id ?? 'new'}-${round}`}
        editing={current}
        onDone={done}
        onCancel={
          current
            ? () => {
                setEditing(undefined);
                setRound((r) => r + 1);
              }
            : undefined
        }
      />
    </section>
  );
}

function ProgrammeSection() {
  const { t, lang } = useI18n();
  const { network, version } = useNetwork();
  const heading = useId();
  const chooser = useId();
  const [editing, setEditing] = useState('');
  const [round, setRound] = useState(0);
  const [notice, setNotice] = useState<Notice>();
  // biome-ignore lint/correctness/useExhaustiveDependencies: version marks a change of the network
  const list = useMemo(() => programmes(network), [network, version]);
  const current = list.find((p) => p.id === editing);
  const done = (programme: Programme, outcome: 'added' | 'updated' | 'removed') => {
    setNotice({ text: t(`activities.programme.${outcome}`, { name: nameIn(programme.name, lang) }) });
    if (outcome === 'removed') setEditing('');
    setRound((r) => r + 1);
  };
  return (
    <section aria-labelledby={heading} className="activities-section">
      <h2 id={heading}>{t('activities.programme.section')}</h2>
      <NoticeLine notice={notice} />
      <div className="field activities-chooser">
        <label htmlFor={chooser}>{t('activities.programme.choose')}</label>
        <select
          id={chooser}
          value={current?.id ?? ''}
          onChange={(e) => {
            setEditing(e.target.value);
            setNotice(undefined);
            setRound((r) => r + 1);
          }}
        >
          <option value="">{t('activities.programme.new')}</option>
          {list.map((p) => (
            <option key={p.id} value={p.id}>
              {p.basicProgramme.code} {nameIn(p.name, lang)}
            </option>
          ))}
        </select>
      </div>
      <ProgrammeForm key={`${current?.id ?? 'new'}-${round}`} editing={current} onDone={done} />
    </section>
  );
}

const NEW_INDICATOR = '+new';

function IndicatorSection() {
  const { t, lang } = useI18n();
  const { network, version } = useNetwork();
  const heading = useId();
  const chooser = useId();
  // biome-ignore lint/correctness/useExhaustiveDependencies: version marks a change of the network
  const list = useMemo(() => indicators(network), [network, version]);
  const [chosen, setChosen] = useState('');
  const [round, setRound] = useState(0);
  const [notice, setNotice] = useState<Notice>();
  const adding = chosen === NEW_INDICATOR || list.length === 0;
  const current = adding ? undefined : (list.find((i) => i.id === chosen) ?? list[0]);
  return (
    <section aria-labelledby={heading} className="activities-section">
      <h2 id={heading}>{t('activities.indicator.section')}</h2>
      <NoticeLine notice={notice} />
      <div className="field activities-chooser">
        <label htmlFor={chooser}>{t('activities.indicator.choose')}</label>
        <select
          id={chooser}
          value={current?.id ?? NEW_INDICATOR}
          onChange={(e) => {
            setChosen(e.target.value);
            setNotice(undefined);
            setRound((r) => r + 1);
          }}
        >
          {list.map((i) => (
            <option key={i.id} value={i.id}>
              {i.basicProgramme === undefined ? '' : `${i.basicProgramme} `}
              {nameIn(i.name, lang)}
            </option>
          ))}
          <option value={NEW_INDICATOR}>{t('activities.indicator.new')}</option>
        </select>
      </div>
      {list.length === 0 && <p className="muted">{t('activities.indicator.none')}</p>}
      {current ? (
        <TargetsForm
          key={`${current.id}-${round}`}
          indicator={current}
          onDone={(text) => {
            setNotice({ text });
            setRound((r) => r + 1);
          }}
        />
      ) : (
        <IndicatorForm
          key={round}
          onDone={(indicator) => {
            setNotice({ text: t('activities.indicator.added', { name: nameIn(indicator.name, lang) }) });
            setChosen(indicator.id);
            setRound((r) => r + 1);
          }}
        />
      )}
    </section>
  );
}
