/**
 * The app shell: header (title, language switch), tabs, and the views. Explore state (filters,
 * time, selection) lives in the URL; the network lives in `NetworkProvider`.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { BriefingPage } from '../briefing/BriefingPage.js';
import { DashboardPage } from '../dashboard/DashboardPage.js';
import { FileMenu } from '../files/FileMenu.js';
import { Filters } from '../filters/Filters.js';
import { visibleNetwork } from '../filters/visible.js';
import { FollowUpsPage } from '../follow-ups/FollowUpsPage.js';
import { WorldView } from '../geo/WorldView.js';
import { HistoryPage } from '../history/HistoryPage.js';
import { UndoRedo } from '../history/UndoRedo.js';
import { useI18n } from '../i18n/i18n.js';
import { Legend } from '../map/Legend.js';
import { NetworkMap } from '../map/NetworkMap.js';
import { SearchBox } from '../map/SearchBox.js';
import { EntityPanel } from '../panels/EntityPanel.js';
import { RecordPage } from '../record/RecordPage.js';
import { RecordVisitButton } from '../record/RecordVisitButton.js';
import { StartPage } from '../start/StartPage.js';
import { fiscalYearSpan } from '../time/fiscal-year.js';
import { TimeBar } from '../time/TimeBar.js';
import { useToday } from './clock.js';
import { type ExploreState, parseExploreState, serializeExploreState } from './explore-state.js';
import { useNetwork } from './network-context.js';
import { SaveIndicator } from './SaveIndicator.js';
import { type TabId, tabIds } from './tabs.js';

function useExploreState(): [ExploreState, (patch: Partial<ExploreState>) => void] {
  const [state, setState] = useState(() => parseExploreState(location.search));
  useEffect(() => {
    const onPop = () => setState(parseExploreState(location.search));
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  const update = useCallback((patch: Partial<ExploreState>) => {
    setState((s) => {
      const next = { ...s, ...patch };
      const query = serializeExploreState(next, location.search);
      history.replaceState(null, '', `${location.pathname}${query}${location.hash}`);
      return next;
    });
  }, []);
  return [state, update];
}

export function App() {
  const { t, lang, setLang } = useI18n();
  const { network, version } = useNetwork();
  const [state, update] = useExploreState();
  const today = useToday();
  // biome-ignore lint/correctness/useExhaustiveDependencies: version marks a change of the network
  const visible = useMemo(() => visibleNetwork(network, state, today), [network, version, state, today]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: version marks a change of the network
  const span = useMemo(() => fiscalYearSpan(network, today), [network, version, today]);
  const open = (id: string | undefined) => update({ entity: id });
  const openOnMap = (id: string) => update({ entity: id, view: 'map' });
  const switchLang = () => {
    const next = lang === 'ja' ? 'en' : 'ja';
    setLang(next);
    const q = new URLSearchParams(location.search);
    if (q.has('lang')) {
      q.set('lang', next);
      history.replaceState(null, '', `${location.pathname}?${q}${location.hash}`);
    }
  };
  const explore = state.view === 'map' || state.view === 'world';
  return (
    <div className="app">
      <header className="topbar">
        <h1>{t('app.title')}</h1>
        <span className="muted">{t('app.subtitle')}</span>
        <nav aria-label={t('tab.list')}>
          {tabIds.map((id: TabId) => (
            <button
              key={id}
              type="button"
              aria-current={state.view === id ? 'page' : undefined}
              onClick={() => update({ view: id })}
            >
              {t(`tab.${id}`)}
            </button>
          ))}
        </nav>
        {explore && <SearchBox view={network} onFound={(id) => open(id)} />}
        <RecordVisitButton onOpen={openOnMap} />
        <UndoRedo />
        <FileMenu />
        <SaveIndicator />
        <button
          type="button"
          onClick={switchLang}
          aria-label={t('app.switchLanguageLabel')}
          lang={lang === 'ja' ? 'en' : 'ja'}
        >
          {t('app.switchLanguage')}
        </button>
      </header>
      {explore && <TimeBar state={state} span={span} day={visible.day} onChange={update} />}
      <main className={explore ? 'explore' : 'page'}>
        {explore && (
          <div className="sidebar">
            <Filters network={network} state={state} visible={visible} onChange={update} />
            {state.view === 'map' && (
              <>
                <fieldset>
                  <legend>{t('map.sizeBy')}</legend>
                  {(['activity', 'degree'] as const).map((s) => (
                    <label key={s} className="check">
                      <input
                        type="radio"
                        name="size-by"
                        checked={state.sizeBy === s}
                        onChange={() => update({ sizeBy: s })}
                      />
                      {t(`map.size.${s}`)}
                    </label>
                  ))}
                </fieldset>
                <Legend />
              </>
            )}
          </div>
        )}
        <div className="content">
          {state.view === 'start' && (
            <StartPage
              network={network}
              onOpen={(id) => update({ entity: id, view: 'map' })}
              onView={(view) => update({ view })}
            />
          )}
          {state.view === 'map' && (
            <NetworkMap
              network={network}
              version={version}
              visible={visible}
              sizeBy={state.sizeBy}
              selected={state.entity}
              onSelect={open}
            />
          )}
          {state.view === 'world' && <WorldView network={network} visible={visible} onSelect={open} />}
          {state.view === 'record' && <RecordPage onOpen={openOnMap} />}
          {state.view === 'dashboard' && <DashboardPage onOpen={openOnMap} />}
          {state.view === 'follow-ups' && <FollowUpsPage onOpen={openOnMap} />}
          {state.view === 'briefing' && <BriefingPage entity={state.entity} onChoose={open} />}
          {state.view === 'history' && <HistoryPage onOpen={openOnMap} />}
        </div>
        {explore && state.entity !== undefined && (
          <EntityPanel network={network} id={state.entity} onOpen={open} onClose={() => open(undefined)} />
        )}
      </main>
    </div>
  );
}
