import { lazy, Suspense } from 'react';
import type { Route } from '../../lib/router';
import { Loading } from '../../ui/QueryView';
import { StudyScreen } from '../study/StudyScreen';

/**
 * A screen's code (and what only it uses, such as chart.js) loads when it is first opened, so the
 * first screen does not wait for every other one. Only the study home, where a project opens, is in
 * the first load; the screen an address opens on directly starts loading with the app (preloadScreen).
 */
const load = {
  library: () => import('../library/LibraryScreen'),
  arena: () => import('../arena/ArenaScreen'),
  calls: () => import('../calls/CallsScreen'),
  datasets: () => import('../datasets/DatasetsScreen'),
  evaluate: () => import('../evaluation/EvaluateScreen'),
  finetune: () => import('../training/FineTuneScreen'),
  editor: () => import('../editor/SessionEditor'),
  import: () => import('../imports/ImportScreen'),
  generate: () => import('../generate/GenerateScreen'),
  review: () => import('../review/ReviewScreen'),
  rubrics: () => import('../review/RubricsScreen'),
  privacy: () => import('../privacy/PersonalDetailsScreen'),
  project: () => import('../projects/ProjectScreen'),
  settings: () => import('../settings/SettingsScreen'),
};
const LibraryScreen = lazy(() => load.library().then((m) => ({ default: m.LibraryScreen })));
const ArenaScreen = lazy(() => load.arena().then((m) => ({ default: m.ArenaScreen })));
const CallsScreen = lazy(() => load.calls().then((m) => ({ default: m.CallsScreen })));
const DatasetsScreen = lazy(() => load.datasets().then((m) => ({ default: m.DatasetsScreen })));
const EvaluateScreen = lazy(() => load.evaluate().then((m) => ({ default: m.EvaluateScreen })));
const FineTuneScreen = lazy(() => load.finetune().then((m) => ({ default: m.FineTuneScreen })));
const SessionEditor = lazy(() => load.editor().then((m) => ({ default: m.SessionEditor })));
const ImportScreen = lazy(() => load.import().then((m) => ({ default: m.ImportScreen })));
const GenerateScreen = lazy(() => load.generate().then((m) => ({ default: m.GenerateScreen })));
const ReviewScreen = lazy(() => load.review().then((m) => ({ default: m.ReviewScreen })));
const RubricsScreen = lazy(() => load.rubrics().then((m) => ({ default: m.RubricsScreen })));
const PersonalDetailsScreen = lazy(() => load.privacy().then((m) => ({ default: m.PersonalDetailsScreen })));
const ProjectScreen = lazy(() => load.project().then((m) => ({ default: m.ProjectScreen })));
const SettingsScreen = lazy(() => load.settings().then((m) => ({ default: m.SettingsScreen })));

/** Starts loading the code of the screen `route` shows, alongside the app's first calls rather than after them. */
export function preloadScreen(route: Route): void {
  const key = route.area === 'library' && route.sub ? 'editor' : route.area;
  // A failed load is retried, and its error shown, when the screen renders.
  if (key in load) load[key as keyof typeof load]().catch(() => undefined);
}

/** The screen for a route. */
export function Screen({ route }: { route: Route }) {
  return (
    <Suspense fallback={<Loading label="Opening…" />}>
      <RouteScreen route={route} />
    </Suspense>
  );
}

function RouteScreen({ route }: { route: Route }) {
  switch (route.area) {
    case 'study':
      return <StudyScreen />;
    case 'library':
      return route.sub ? <SessionEditor key={route.sub} id={route.sub} /> : <LibraryScreen />;
    case 'import':
      return <ImportScreen />;
    case 'settings':
      return <SettingsScreen tab={route.sub} />;
    case 'generate':
      return <GenerateScreen />;
    case 'review':
      return <ReviewScreen />;
    case 'privacy':
      return <PersonalDetailsScreen />;
    case 'rubrics':
      return <RubricsScreen initial={route.sub} />;
    case 'datasets':
      return <DatasetsScreen datasetId={route.sub} />;
    case 'finetune':
      return <FineTuneScreen sub={route.sub} />;
    case 'evaluate':
      return <EvaluateScreen sub={route.sub} />;
    case 'arena':
      return <ArenaScreen sub={route.sub} />;
    case 'calls':
      return <CallsScreen />;
    case 'project':
      return <ProjectScreen />;
    default:
      return <StudyScreen />;
  }
}
