import { defaultSchoolSettings, SCHOOL_SETTINGS_ID } from '@shared/models';
import { todayIn } from '@shared/local-date';
import type { Mutation } from '@shared/sync';
import { aUser } from '@test/support/builders';
import { expect, expectSynced, go, openAsStaff, test } from './office-fixture';

/** The desk's zone is the school's, so the test's dates are the app's. */
const ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
const schoolDate = (days: number) => todayIn(ZONE, new Date(Date.now() + days * 86_400_000));
const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

test('upload a medical with an expiry, book the student after it, see the warning, save anyway with a reason and find the override on the booking', async ({ page, backend }) => {
  test.setTimeout(240_000);
  // The school's rule: students need a medical (a role of this test only, so the other flows' bookings stay unchecked).
  let seq = 0;
  const create = (entity: 'users' | 'resources', key: string, item: object): Mutation => ({ clientId: 'e2e-documents-seed', seq: ++seq, entity, key, kind: 'create', updatedBy: 'Seed', item }) as Mutation;
  const { outcomes } = await backend.services.handlers['sync.push'](
    {
      mutations: [
        create('resources', SCHOOL_SETTINGS_ID, {
          resourceId: SCHOOL_SETTINGS_ID,
          resourceType: 'school-settings',
          ...defaultSchoolSettings(ZONE),
          documentRules: [{ role: 'student', requiredKinds: ['medical'], enforcement: 'warn' }],
          createdAt: '2026-03-01T09:00:00.000Z',
        }),
        create('users', 'u-dana', aUser({ userId: 'u-dana', email: 'dana@pilotforce.test', name: 'Dana Student', role: 'student', createdAt: '2026-03-01T09:00:00.000Z' })),
      ],
    },
    { transport: 'web' },
  );
  expect(outcomes.map((outcome) => outcome.status)).toEqual(['applied', 'applied']);
  await openAsStaff(page, backend);
  await expectSynced(page);

  // Upload the medical, with its kind and dates.
  const expiresOn = schoolDate(20);
  await go(page, '#/assets');
  await page.getByTestId('file-picker').setInputFiles({ name: 'dana-medical.pdf', mimeType: 'application/pdf', buffer: PDF });
  const upload = page.getByRole('region', { name: 'Upload' });
  await expect(upload).toContainText('document · application/pdf');
  await upload.getByRole('textbox', { name: 'For user' }).or(upload.getByRole('combobox', { name: 'For user' })).click();
  await page.getByRole('option', { name: 'Dana Student' }).click();
  await upload.getByRole('textbox', { name: 'Document kind' }).or(upload.getByRole('combobox', { name: 'Document kind' })).click();
  await page.getByRole('option', { name: 'Medical certificate' }).click();
  await upload.getByLabel('Issued on').fill(schoolDate(-345));
  await upload.getByLabel('Expires on').fill(schoolDate(-400));
  await upload.getByRole('button', { name: 'Upload 1' }).click();
  await expect(upload.getByText('The expiry date comes after the issue date')).toBeVisible();
  await upload.getByLabel('Expires on').fill(expiresOn);
  await upload.getByRole('button', { name: 'Upload 1' }).click();
  await expect(page.getByTestId('upload-job').first()).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  const card = page.getByTestId('asset-card').filter({ hasText: 'dana-medical.pdf' });
  await expect(card).toBeVisible({ timeout: 30_000 });
  await card.click();
  const asset = page.getByRole('region', { name: 'Document' });
  await expect(asset.getByRole('textbox', { name: 'Document kind' }).or(asset.getByRole('combobox', { name: 'Document kind' }))).toHaveValue('Medical certificate');
  await expect(asset.getByLabel('Expires on')).toHaveValue(expiresOn);
  await page.screenshot({ path: test.info().outputPath('asset-document.png'), fullPage: true });

  // Her page: the medical expires in 20 days, the file one click away; the navigation counts it.
  await expect(page.getByTestId('expiring-nav-count')).toHaveText('1 document');
  await go(page, '#/users/u-dana');
  const documents = page.getByRole('region', { name: 'Documents' });
  await expect(documents.getByTestId('document-currency-row')).toContainText(`Medical certificateExpiring soonExpires in 20 days (${expiresOn})dana-medical.pdf`);
  await page.screenshot({ path: test.info().outputPath('person-documents.png'), fullPage: true });

  // Book her ten days after the expiry: the form warns, and saves anyway only with a reason.
  const bookingDate = schoolDate(30);
  await page.getByRole('button', { name: 'New booking for Dana Student' }).click();
  const form = page.getByRole('dialog', { name: 'New booking' });
  await form.getByRole('combobox', { name: /Service type/ }).fill('pilot_training');
  await form.getByLabel(/^Date/).fill(bookingDate);
  await form.getByLabel(/^Time/).fill('10:00');
  await form.getByRole('button', { name: 'Create booking' }).click();
  const warning = form.getByRole('alert').filter({ hasText: 'Required documents are not current on this date' });
  await expect(warning).toContainText(`Dana Student (student): Medical certificate expired on ${expiresOn}`);
  await form.getByRole('button', { name: 'Save anyway' }).click();
  await expect(form.getByText('Say why the booking is saved anyway')).toBeVisible();
  await form.getByLabel(/Why save anyway/).fill('Renewal booked for next week; chief instructor agreed');
  await page.screenshot({ path: test.info().outputPath('booking-document-warning.png'), fullPage: true });
  await form.getByRole('button', { name: 'Save anyway' }).click();
  await expect(form).toBeHidden();

  // The booking shows the override: what, who, when and why; and DynamoDB holds it.
  await page.getByTestId('user-booking-row').first().click();
  const detail = page.getByRole('region', { name: 'Booking details' });
  const override = detail.getByTestId('override');
  await expect(override).toContainText('Required documents: saved anyway by Sam Staff');
  await expect(override).toContainText('Why: Renewal booked for next week; chief instructor agreed');
  await expect(override).toContainText(`Dana Student (student): Medical certificate expired on ${expiresOn}`);
  await expect(detail.getByRole('note', { name: 'Document problems' })).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('booking-override.png'), fullPage: true });
  await expectSynced(page);
  const bookingId = decodeURIComponent(new URL(page.url()).hash.replace('#/bookings/', ''));
  expect(await backend.serverItem('bookings', bookingId)).toMatchObject({
    userId: 'u-dana',
    bookingDate,
    overrides: [{ rule: 'documents', by: 'Sam Staff', reason: 'Renewal booked for next week; chief instructor agreed', detail: `Dana Student (student): Medical certificate expired on ${expiresOn}` }],
  });

  // Expiring soon lists the medical, and exports it.
  await go(page, '#/documents');
  await expect(page.getByTestId('expiring-row')).toHaveCount(1);
  await expect(page.getByTestId('expiring-row')).toContainText('Dana StudentMedical certificatedana-medical.pdf');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = await (await download).createReadStream().then(async (stream) => {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  });
  expect(csv).toContain(`Dana Student,Medical certificate,dana-medical.pdf,${schoolDate(-345)},${expiresOn},20,Expires in 20 days (${expiresOn})`);
  await page.screenshot({ path: test.info().outputPath('expiring-soon.png'), fullPage: true });
});
