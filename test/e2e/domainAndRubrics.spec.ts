import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { AppShellPage, openSampleProject } from './pages/AppShellPage';
import { DomainPackPage } from './pages/DomainPackPage';
import { GeneratePage } from './pages/GeneratePage';
import { ProjectPage } from './pages/ProjectPage';
import { ReviewPage } from './pages/ReviewPage';
import { RubricsPage } from './pages/RubricsPage';

// Works in a project it creates, and opens the sample again at the end.

/** Set HDS_SCREENSHOTS to a folder to also save pictures of the pack editor and the rubric editor. */
const shotsDir = process.env.HDS_SCREENSHOTS;
const shot = async (page: Page, name: string, near?: Locator) => {
  if (!shotsDir) return;
  await near?.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shotsDir, `${name}.png`), animations: 'disabled' });
};

const NEW_DISTORTION = 'Hindsight Bias';

test('edit the domain pack, see the new distortion offered, refuse a bad pack, reset; create a rubric and judge with it', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const shell = new AppShellPage(page);
  await test.step('a new project', async () => {
    await expect(shell.projectButton).toBeVisible();
    await shell.projectMenu('New project…');
    await new ProjectPage(page).create('Taxonomy study');
    await expect(shell.projectButton).toContainText('Taxonomy study');
  });

  const pack = new DomainPackPage(page);
  const generate = new GeneratePage(page);
  const personaForm = generate.form('New personas');

  await test.step('a new cognitive distortion, with a definition and an example, saved', async () => {
    await generate.goto();
    await expect(personaForm.getByRole('checkbox', { name: NEW_DISTORTION })).toHaveCount(0);
    await pack.goto();
    await pack.openSection('Cognitive distortions');
    await expect(pack.section('Cognitive distortions')).toContainText('13');
    await expect(pack.saveState).not.toContainText('Unsaved changes');
    await page.getByRole('button', { name: 'Add a distortion' }).click();
    const added = pack.item('Distortion 14');
    await expect(added.getByRole('textbox', { name: 'Name' })).toBeFocused();
    await page.keyboard.type(NEW_DISTORTION);
    // A new item's ID follows its name.
    await expect(added.getByRole('textbox', { name: 'ID' })).toHaveValue('hindsight-bias');
    await added
      .getByRole('textbox', { name: 'Definition' })
      .fill('Judging a past decision by what is known now, as if the outcome had been obvious at the time.');
    await added.getByRole('textbox', { name: 'Example' }).fill('"I should have known the job would go badly; the signs were all there."');
    await expect(pack.saveState).toContainText('Unsaved changes');
    await expect(page.getByRole('tab', { name: /Domain pack/ })).toContainText('unsaved');
    await shot(page, 'domain-pack-edit', added);
    await pack.save();
    await expect(pack.saveState).toContainText('Saved.');
    await expect(pack.section('Cognitive distortions')).toContainText('14');
    await expect(page.getByRole('tab', { name: /Domain pack/ })).not.toContainText('unsaved');
  });

  await test.step('the Personas step offers it, and the coverage grid shows its row', async () => {
    await generate.step('Personas');
    await personaForm.getByRole('checkbox', { name: NEW_DISTORTION, exact: true }).check();
    await personaForm.getByRole('checkbox', { name: 'Plain', exact: true }).check();
    await expect(generate.coverageGrid.getByRole('rowheader', { name: NEW_DISTORTION })).toBeVisible();
    await expect(generate.coverageGrid.getByRole('cell', { name: `${NEW_DISTORTION} × Plain: gap` })).toBeVisible();
  });

  await test.step('a distortion without a name and with a repeated ID is refused, naming the item', async () => {
    await pack.goto();
    await page.getByRole('button', { name: 'Add a distortion' }).click();
    const bad = pack.item('Distortion 15');
    await bad.getByRole('textbox', { name: 'ID' }).fill('mind-reading');
    await pack.save();
    await expect(pack.problems).toContainText('Cognitive distortions › distortion 15 › Name');
    await expect(pack.problems).toContainText('The ID “mind-reading” is already used by distortion 5 “Mind Reading”');
    await expect(bad.getByRole('textbox', { name: 'Name' })).toHaveAttribute('aria-invalid', 'true');
    await expect(bad).toContainText('cannot be empty');
    // Focus goes to the list of problems; each entry takes the keyboard to its field.
    await expect(pack.problems).toBeFocused();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(bad.getByRole('textbox', { name: 'Name' })).toBeFocused();
    await expect(pack.section('Cognitive distortions')).toContainText('2 problems');
    await shot(page, 'domain-pack-error-field');
    await shot(page, 'domain-pack-errors', pack.problems);
    // Nothing was saved: the Personas step still offers 14 distortions.
    await generate.step('Personas');
    await expect(personaForm.getByRole('group', { name: 'Distortions' }).getByRole('checkbox')).toHaveCount(14);
    await pack.goto();
    await pack.discard();
    await expect(pack.saveState).not.toContainText('Unsaved changes');
    await expect(pack.item('Distortion 15')).toHaveCount(0);
  });

  await test.step('the JSON view checks the whole pack too', async () => {
    await pack.toggleJson();
    const edited = JSON.parse(await pack.json.inputValue()) as { distortions: { id: string }[] };
    edited.distortions[1]!.id = edited.distortions[0]!.id;
    await pack.json.fill(JSON.stringify(edited, null, 2));
    await expect(pack.saveState).toContainText('Unsaved changes');
    await pack.save();
    await expect(pack.problems).toContainText('Cognitive distortions › distortion 2 “Overgeneralization” › ID');
    await pack.json.fill('{ "name": ');
    await pack.toggleJson();
    await expect(pack.problems).toContainText('It does not parse');
    await expect(pack.json).toBeVisible();
    await pack.discard();
    await pack.toggleJson();
    await expect(pack.section('Cognitive distortions')).toBeVisible();
  });

  await test.step('reset to the built-in CBT pack, after a confirmation', async () => {
    await pack.resetToBuiltIn();
    await expect(pack.saveState).toContainText('Reset to the built-in CBT pack.');
    await expect(pack.section('Cognitive distortions')).toContainText('13');
    await generate.step('Personas');
    await expect(personaForm.getByRole('checkbox', { name: NEW_DISTORTION })).toHaveCount(0);
    await expect(personaForm.getByRole('group', { name: 'Distortions' }).getByRole('checkbox')).toHaveCount(13);
    // The step let go of the choice that is no longer in the pack.
    await expect(generate.coverageGrid).toHaveCount(0);
  });

  const rubrics = new RubricsPage(page);
  await test.step('built-in rubrics are read-only, with a way to copy them', async () => {
    await rubrics.goto();
    await expect(page.getByRole('heading', { name: 'Rubrics', level: 1 })).toBeVisible();
    await expect(page.getByText('None yet. Start a new rubric')).toBeVisible();
    await rubrics.builtInRubrics.getByRole('button', { name: /^Session quality/ }).click();
    await expect(rubrics.details.getByRole('button', { name: 'Duplicate to edit' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save rubric' })).toHaveCount(0);
  });

  await test.step('a new rubric with two criteria: a missing anchor is named, then it saves', async () => {
    await page.getByRole('button', { name: 'New rubric' }).click();
    await rubrics.editor.getByRole('textbox', { name: 'Name' }).first().fill('Warmth and clarity');
    await expect(rubrics.editor.getByRole('textbox', { name: 'ID' }).first()).toHaveValue('warmth-and-clarity');
    await rubrics.editor
      .getByRole('textbox', { name: 'Description', exact: false })
      .first()
      .fill('How warm and how clear the counselor is.');
    await rubrics.fillCriterion(1, {
      name: 'Warmth',
      lookFor: 'Does the counselor respond with warmth that fits this client?',
      anchors: ['Cold or dismissive.', 'Polite but generic.', 'Warm and specific to the client.'],
    });
    await expect(rubrics.criterion(1).getByRole('textbox', { name: 'ID' })).toHaveValue('warmth');
    await rubrics.editor.getByRole('button', { name: 'Add a criterion' }).click();
    await rubrics.fillCriterion(2, {
      name: 'Clarity',
      lookFor: 'Are the counselor’s questions and summaries easy to follow?',
      anchors: ['Confusing.', 'Mostly clear.'],
    });
    await rubrics.editor.getByRole('button', { name: 'Save rubric' }).click();
    await expect(rubrics.problems).toContainText('Criterion 2 “Clarity” › Anchor 3 › What this score means');
    await expect(rubrics.problems).toBeFocused();
    await expect(rubrics.criterion(2).getByRole('textbox', { name: 'What this score means' }).nth(2)).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    await expect(rubrics.projectRubrics.getByRole('button', { name: /not saved yet/ })).toHaveAttribute('aria-current', 'true');
    await shot(page, 'rubric-errors');
    await rubrics.criterion(2).getByRole('textbox', { name: 'What this score means' }).nth(2).fill('Every question and summary is clear.');
    await rubrics.editor.getByRole('button', { name: 'Save rubric' }).click();
    await expect(rubrics.saved).toContainText('Saved “Warmth and clarity” as version 1');
    const listed = rubrics.projectRubrics.getByRole('button', { name: /^Warmth and clarity/ });
    await expect(listed).toContainText('2 criteria');
    await expect(listed).toHaveAttribute('aria-current', 'true');
    await expect(rubrics.criterion(2)).toBeVisible();
    await shot(page, 'rubric-saved', page.getByRole('heading', { name: 'Rubrics', level: 1 }));
  });

  await test.step('Review offers the new rubric to judge with', async () => {
    const review = new ReviewPage(page);
    await review.goto();
    await review.openTab('Judge');
    await review.judgePanel.getByRole('combobox', { name: 'Rubric' }).click();
    await expect(page.getByRole('option', { name: 'Warmth and clarity (v1)' })).toBeVisible();
    await page.keyboard.press('Escape');
  });

  await openSampleProject(page);
});
