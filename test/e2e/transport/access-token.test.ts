import { expect, test } from '../support/app-fixture';
import { expectApiAnswers } from '../support/app-page';

test('the tab keeps its token through a reload; the browser holds no cookie', async ({ page, app }) => {
  await page.goto(app.launchUrl());
  expect(page.url()).toBe(`${app.origin}/`);
  await expectApiAnswers(page);
  // The reloaded page has no token in its address: it finds the tab's.
  await page.reload();
  expect(page.url()).toBe(`${app.origin}/#/settings`);
  await expectApiAnswers(page);
  expect(await page.context().cookies()).toEqual([]);
});

test('a second tab opened by hand is told to open the printed address; opened from it, it works', async ({ page, app }) => {
  await page.goto(app.launchUrl());
  await expectApiAnswers(page);

  const second = await page.context().newPage();
  await second.goto(`${app.origin}/`);
  await expect(second.getByRole('alert')).toContainText('Open the address that npm start printed');
  await second.screenshot({ path: test.info().outputPath('second-tab-without-token.png') });

  await second.goto(app.launchUrl());
  await expectApiAnswers(second);
  // The first tab goes on working beside it.
  await expectApiAnswers(page);
});
