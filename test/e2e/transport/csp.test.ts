import { expect, test } from '../support/app-fixture';

type ProbeWindow = { violations: string[]; inlineScriptRan?: boolean; inlineHandlerRan?: boolean };

test('the CSP blocks inline scripts and inline event handlers', async ({ page, app }) => {
  await page.goto(app.launchUrl());
  await page.waitForLoadState('load');
  await page.evaluate(() => {
    const probe = window as unknown as ProbeWindow;
    probe.violations = [];
    document.addEventListener('securitypolicyviolation', (event) => probe.violations.push(event.effectiveDirective));
    const script = document.createElement('script');
    script.textContent = 'window.inlineScriptRan = true;';
    document.head.append(script);
    const image = document.createElement('img');
    image.setAttribute('onerror', 'window.inlineHandlerRan = true');
    image.src = 'data:,not-an-image';
    document.body.append(image);
  });
  // Violation reports arrive as tasks: wait for both, then check that nothing ran.
  await page.waitForFunction(() => {
    const { violations } = window as unknown as ProbeWindow;
    return violations.includes('script-src-elem') && violations.includes('script-src-attr');
  });
  const ran = await page.evaluate(() => {
    const probe = window as unknown as ProbeWindow;
    return { script: probe.inlineScriptRan === true, handler: probe.inlineHandlerRan === true };
  });
  expect(ran).toEqual({ script: false, handler: false });
  await page.screenshot({ path: test.info().outputPath('csp.png') });
});
