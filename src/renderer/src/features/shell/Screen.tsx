import { lazy, Suspense } from 'react';
import type { Route } from '../../lib/router';
import { Loading } from '../../ui/QueryView';
import { StudyScreen } from '../study/StudyScreen';

/**
 * A screen's code (and what only it uses, such as chart.js) loads when it is first opened, so the
 * first screen does not wait for every other one. Only the study home, where a project opens, is in
 * the first load.
 */
const LibraryScreen = lazy(() => import('../library/LibraryScreen').then((m) => ({ default: m.LibraryScreen })));
const ArenaScreen = lazy(() => import('../arena/ArenaScreen').then((m) => ({ default: m.ArenaScreen })));
const CallsScreen = lazy(() => import('../calls/CallsScreen').then((m) => ({ default: m.CallsScreen })));
const DatasetsScreen = lazy(() => import('../datasets/DatasetsScreen').then((m) => ({ default: m.DatasetsScreen })));
const EvaluateScreen = lazy(() => import('../evaluate/EvaluateScreen').then((m) => ({ default: m.EvaluateScreen })));
const FineTuneScreen = lazy(() => import('../finetune/FineTuneScreen').then((m) => ({ default: m.FineTuneScreen })));
const SessionEditor = lazy(() => import('../editor/SessionEditor').then((m) => ({ default: m.SessionEditor })));
const ImportScreen = lazy(() => import('../import/ImportScreen').then((m) => ({ default: m.ImportScreen })));
const GenerateScreen = lazy(() => import('../generate/GenerateScreen').then((m) => ({ default: m.GenerateScreen })));
const ReviewScreen = lazy(() => import('../review/ReviewScreen').then((m) => ({ default: m.ReviewScreen })));
const RubricsScreen = lazy(() => import('../review/RubricsScreen').then((m) => ({ default: m.RubricsScreen })));
const PersonalDetailsScreen = lazy(() => import('../privacy/PersonalDetailsScreen').then((m) => ({ default: m.PersonalDetailsScreen })));
const ProjectScreen = lazy(() => import('../projects/ProjectScreen').then((m) => ({ default: m.ProjectScreen })));
const SettingsScreen = lazy(() => import('../settings/SettingsScreen').then((m) => ({ default: m.SettingsScreen })));

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
