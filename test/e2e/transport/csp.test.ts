import { expect, test } from '../support/app-fixture';

/** The page's globals this test touches (this Node project is typed without the DOM library). */
type Element = { textContent: string; src: string; setAttribute(name: string, value: string): void };
type PageGlobals = {
  violations: string[];
  inlineScriptRan?: boolean;
  inlineHandlerRan?: boolean;
  document: {
    addEventListener(type: 'securitypolicyviolation', listener: (event: { effectiveDirective: string }) => void): void;
    createElement(tag: string): Element;
    head: { append(element: Element): void };
    body: { append(element: Element): void };
  };
};

test('the CSP blocks inline scripts and inline event handlers', async ({ page, app }) => {
  await page.goto(app.launchUrl());
  await page.waitForLoadState('load');
  await page.evaluate(() => {
    const page = globalThis as unknown as PageGlobals;
    page.violations = [];
    page.document.addEventListener('securitypolicyviolation', (event) => page.violations.push(event.effectiveDirective));
    const script = page.document.createElement('script');
    script.textContent = 'window.inlineScriptRan = true;';
    page.document.head.append(script);
    const image = page.document.createElement('img');
    image.setAttribute('onerror', 'window.inlineHandlerRan = true');
    image.src = 'data:,not-an-image';
    page.document.body.append(image);
  });
  // Violation reports arrive as tasks: wait for both, then check that nothing ran.
  await page.waitForFunction(() => {
    const { violations } = globalThis as unknown as PageGlobals;
    return violations.includes('script-src-elem') && violations.includes('script-src-attr');
  });
  const ran = await page.evaluate(() => {
    const page = globalThis as unknown as PageGlobals;
    return { script: page.inlineScriptRan === true, handler: page.inlineHandlerRan === true };
  });
  expect(ran).toEqual({ script: false, handler: false });
  await page.screenshot({ path: test.info().outputPath('csp.png') });
});
