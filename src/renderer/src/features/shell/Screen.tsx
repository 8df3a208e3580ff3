import type { Route } from '../../lib/router';
import { ArenaScreen } from '../arena/ArenaScreen';
import { CallsScreen } from '../calls/CallsScreen';
import { DatasetsScreen } from '../datasets/DatasetsScreen';
import { EvaluateScreen } from '../evaluate/EvaluateScreen';
import { FineTuneScreen } from '../finetune/FineTuneScreen';
import { LibraryScreen } from '../library/LibraryScreen';
import { SessionEditor } from '../editor/SessionEditor';
import { ImportScreen } from '../import/ImportScreen';
import { GenerateScreen } from '../generate/GenerateScreen';
import { ReviewScreen } from '../review/ReviewScreen';
import { RubricsScreen } from '../review/RubricsScreen';
import { PersonalDetailsScreen } from '../privacy/PersonalDetailsScreen';
import { ProjectScreen } from '../projects/ProjectScreen';
import { SettingsScreen } from '../settings/SettingsScreen';
import { StudyScreen } from '../study/StudyScreen';

/** The screen for a route. */
export function Screen({ route }: { route: Route }) {
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
