import type { DomainPack } from '../../../../../shared/domain/domainPack';
import type { PackSectionKey } from '../packForm';
import { CoreBeliefs } from './PackCoreBeliefs';
import { GeneralFields, PromptTemplates, StringList } from './PackFields';
import { LabelledList, LIST_SPECS } from './PackList';
import type { Errors, Item, Update } from './shared';

export interface SectionProps {
  section: PackSectionKey;
  draft: DomainPack;
  update: Update;
  errors: Errors;
  savedIds: Record<string, Set<string>>;
  focusLater: (id: string) => void;
}

/** One section's fields; only the sections whose data changed render again on a keystroke. */
export function SectionBody({ section, draft, update, errors, savedIds, focusLater }: SectionProps) {
  switch (section) {
    case 'general':
      return <GeneralFields pack={draft} update={update} errors={errors} />;
    case 'coreBeliefs':
      return (
        <CoreBeliefs
          groups={draft.coreBeliefs}
          update={update}
          errors={errors}
          savedGroups={savedIds.coreBeliefGroups}
          savedBeliefs={savedIds.coreBeliefs}
          focusLater={focusLater}
        />
      );
    case 'ageBands':
      return (
        <StringList
          listKey="ageBands"
          values={draft.ageBands}
          update={update}
          errors={errors}
          label="Age bands"
          description="The age ranges personas are drawn from, such as 25-34 or 65+. Type one and press Enter; Backspace removes the last."
        />
      );
    case 'cognitiveModelFields':
      return (
        <StringList
          listKey="cognitiveModelFields"
          values={draft.cognitiveModelFields}
          update={update}
          errors={errors}
          label="Fields of a scenario's cognitive model"
          description="The parts each scenario fills in (situation, automatic thought…). Type one and press Enter."
        />
      );
    case 'prompts':
      return <PromptTemplates prompts={draft.prompts} update={update} errors={errors} />;
    default:
      return (
        <LabelledList
          spec={LIST_SPECS[section]}
          items={draft[section] as unknown as Item[]}
          update={update}
          errors={errors}
          saved={savedIds[section]}
          focusLater={focusLater}
        />
      );
  }
}
