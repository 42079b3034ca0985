/**
 * The app shell: header (title, language switch), tabs, and the views. Explore state (filters,
 * time, selection) lives in the URL; the network lives in `NetworkProvider`.
 */
import { X } from 'lucide-react';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { FileMenu } from '../files/FileMenu.js';
import { Filters } from '../filters/Filters.js';
import { visibleNetwork } from '../filters/visible.js';
import { UndoRedo } from '../history/UndoRedo.js';
import { useI18n } from '../i18n/i18n.js';
import { tiesKept } from '../map/engagement-ties.js';
import { Legend } from '../map/Legend.js';
import { SearchBox } from '../map/SearchBox.js';
import { EntityPanel } from '../panels/EntityPanel.js';
import { RecordVisitButton } from '../record/RecordVisitButton.js';
import { StartPage } from '../start/StartPage.js';
import { AdminPage } from '../team/AdminPage.js';
import { SyncIndicator } from '../team/SyncIndicator.js';
import { TeamUserMenu } from '../team/TeamUserMenu.js';
import { useCanWrite, useTeam } from '../team/team-context.js';
import { fiscalYearSpan } from '../time/fiscal-year.js';
import { TimeBar } from '../time/TimeBar.js';
import { useToday } from './clock.js';
import { type ExploreState, parseExploreState, serializeExploreState } from './explore-state.js';
import { firstViewShown } from './first-view.js';
import { LanguageButton } from './LanguageButton.js';
import { Loading } from './LoadingShell.js';
import { useNetwork, useWorkspace } from './network-context.js';
import { SaveIndicator } from './SaveIndicator.js';
import { TabBar } from './TabBar.js';
import { type TabId, tabIds } from './tabs.js';
import { timed } from './timing.js';
import { currentSearch, isHistoryStep, navigate, useSearch } from './url-state.js';

// each view's code (sigma, d3-geo and the world atlas, recharts, the forms) loads when it is first shown
const viewCode = {
  map: () => import('../map/NetworkMap.js').then((m) => ({ default: m.NetworkMap })),
  world: () => import('../geo/WorldView.js').then((m) => ({ default: m.WorldView })),
  record: () => import('../record/RecordPage.js').then((m) => ({ default: m.RecordPage })),
  dashboard: () => import('../dashboard/DashboardPage.js').then((m) => ({ default: m.DashboardPage })),
  briefing: () => import('../briefing/BriefingPage.js').then((m) => ({ default: m.BriefingPage })),
  'follow-ups': () => import('../follow-ups/FollowUpsPage.js').then((m) => ({ default: m.FollowUpsPage })),
  table: () => import('../table/TableView.js').then((m) => ({ default: m.TableView })),
  history: () => import('../history/HistoryPage.js').then((m) => ({ default: m.HistoryPage })),
} as const;
const NetworkMap = lazy(viewCode.map);
const WorldView = lazy(viewCode.world);
const RecordPage = lazy(viewCode.record);
const DashboardPage = lazy(viewCode.dashboard);
const BriefingPage = lazy(viewCode.briefing);
const FollowUpsPage = lazy(viewCode['follow-ups']);
const TableView = lazy(viewCode.table);
const HistoryPage = lazy(viewCode.history);

/**
 * Starts loading the code of the view the URL asks for, so that it loads while the network opens
 * (in a worker) instead of after it. Other views still load when first shown.
 */
export function preloadView(search: string): void {
  const view = parseExploreState(search).view;
  if (view in viewCode) void viewCode[view as keyof typeof viewCode]().catch(() => undefined);
}

/** The explore state, read from the URL (`url-state.ts` owns it): views, panels and filters are history entries. */
function useExploreState(): [ExploreState, (patch: Partial<ExploreState>) => void] {
  const search = useSearch();
  const state = useMemo(() => parseExploreState(search), [search]);
  const update = useCallback((patch: Partial<ExploreState>) => {
    const next = { ...parseExploreState(currentSearch()), ...patch };
    navigate(serializeExploreState(next, currentSearch()), { replace: !isHistoryStep(patch) });
  }, []);
  return [state, update];
}

export function App() {
  const { t, lang, setLang } = useI18n();
  const { network, version } = useNetwork();
  const [state, update] = useExploreState();
  const today = useToday();
  // the engagement ties of all time, brought up to date with each version of the network (from the
  // engagements the changes wrote): the map draws them, and the visible network filters them for the
  // day shown. The map of ties is changed in place: what is made from it depends on the read (`kept`)
  // biome-ignore lint/correctness/useExhaustiveDependencies: version marks a change of the network
  const kept = useMemo(() => timed('musubi:app:ties', () => tiesKept(network)), [network, version]);
  const visible = useMemo(
    () => timed('musubi:app:visible', () => visibleNetwork(network, state, today, kept.ties)),
    [network, kept, state, today],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: version marks a change of the network
  const span = useMemo(
    () => timed('musubi:app:span', () => fiscalYearSpan(network, today)),
    [network, version, today],
  );
  const open = (id: string | undefined) => update({ entity: id });
  const openOnMap = (id: string) => update({ entity: id, view: 'map' });
  const switchLang = () => {
    const next = lang === 'ja' ? 'en' : 'ja';
    setLang(next);
    const q = new URLSearchParams(currentSearch());
    if (q.has('lang')) {
      q.set('lang', next);
      navigate(`?${q}`, { replace: true });
    }
  };
  const team = useTeam();
  const workspace = useWorkspace();
  const canWrite = useCanWrite();
  const isAdmin = team?.user.role === 'admin';
  // a viewer sees no write controls; only an admin sees the admin page
  const tabs = tabIds.filter((id) => (id !== 'record' || canWrite) && (id !== 'admin' || isAdmin));
  const view = tabs.includes(state.view) ? state.view : 'start';
  const explore = view === 'map' || view === 'world' || view === 'table';
  // every view but the map is on the screen once rendered; the map says so once drawn
  useEffect(() => {
    if (view !== 'map') firstViewShown();
  }, [view]);
  // on a narrow screen the filters live in a drawer (see app.css); on a wide one it is always open
  const [drawer, setDrawer] = useState(false);
  useEffect(() => {
    if (!drawer) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setDrawer(false);
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [drawer]);
  return (
    <div className="app" data-opened-in={workspace?.openedIn}>
      <header className="topbar">
        <h1>{t('app.title')}</h1>
        <span className="muted">{t('app.subtitle')}</span>
        <TabBar label={t('tab.list')} watch={`${lang}:${tabs.join()}`}>
          {tabs.map((id: TabId) => (
            <button
              key={id}
              type="button"
              aria-current={view === id ? 'page' : undefined}
              onClick={() => update({ view: id })}
            >
              {t(`tab.${id}`)}
            </button>
          ))}
        </TabBar>
        {explore && <SearchBox view={network} onFound={(id) => open(id)} />}
        {canWrite && <RecordVisitButton onOpen={openOnMap} />}
        {canWrite && <UndoRedo />}
        <FileMenu />
        {team ? <SyncIndicator replica={team.replica} server={team.api.server} /> : <SaveIndicator />}
        {team && <TeamUserMenu team={team} />}
        <LanguageButton onSwitch={switchLang} />
      </header>
      {explore && <TimeBar state={state} span={span} day={visible.day} onChange={update} />}
      <main className={explore ? 'explore' : 'page'}>
        {explore && (
          <button
            type="button"
            className="drawer-toggle"
            aria-expanded={drawer}
            aria-controls="explore-sidebar"
            onClick={() => setDrawer((open) => !open)}
          >
            {t('explore.showFilters')}
          </button>
        )}
        {explore && (
          <div id="explore-sidebar" className={drawer ? 'sidebar open' : 'sidebar'}>
            <button
              type="button"
              className="drawer-close"
              aria-label={t('explore.hideFilters')}
              onClick={() => setDrawer(false)}
            >
              <X className="icon" aria-hidden="true" />
            </button>
            <Filters network={network} state={state} visible={visible} onChange={update} />
            {view === 'map' && (
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
          <Suspense fallback={<Loading />}>
            {view === 'start' && (
              <StartPage
                network={network}
                onOpen={(id) => update({ entity: id, view: 'map' })}
                onView={(view) => update({ view })}
              />
            )}
            {view === 'map' && (
              <NetworkMap
                network={network}
                version={version}
                visible={visible}
                ties={kept.ties}
                tiesRead={kept}
                sizeBy={state.sizeBy}
                selected={state.entity}
                onSelect={open}
                onShowTable={() => update({ view: 'table' })}
              />
            )}
            {view === 'table' && (
              <TableView
                visible={visible}
                table={state.table}
                onTable={(table) => update({ table })}
                onOpen={open}
              />
            )}
            {view === 'world' && <WorldView network={network} visible={visible} onSelect={open} />}
            {view === 'record' && <RecordPage onOpen={openOnMap} />}
            {view === 'follow-ups' && <FollowUpsPage onOpen={openOnMap} />}
            {view === 'dashboard' && <DashboardPage onOpen={openOnMap} />}
            {view === 'briefing' && <BriefingPage entity={state.entity} onChoose={open} />}
            {view === 'history' && <HistoryPage onOpen={openOnMap} />}
            {view === 'admin' && team && <AdminPage api={team.api} />}
          </Suspense>
        </div>
        {explore && state.entity !== undefined && (
          <EntityPanel network={network} id={state.entity} onOpen={open} onClose={() => open(undefined)} />
        )}
      </main>
    </div>
  );
}
