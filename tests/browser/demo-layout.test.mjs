// Issue #14 items 3, 8 and 9: no sideways scroll on phones (320-390 px) with row
// actions in reach, contrast (text 4.5:1 on the primary buttons, input borders
// 3:1) in light and dark, axe-core with no serious or critical violations (light
// and dark, desktop and 390 px, after a successful upload and after an error), and
// screenshots of desktop and phone in both themes into test-output/.
//   GHSEAL_PKG=pkg node --test tests/browser/demo-layout.test.mjs
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chooseScope, launch, listSecrets, openPage, outDir, seriousViolations, text, upload } from "./demo-kit.mjs";

let env;

before(async () => {
  env = await launch();
  // An org secret with two selected repositories: the widest row the list shows.
  const { page, context } = await openPage(env.browser, env.demo);
  await chooseScope(page, "actions", "org", { org: "octo-org" });
  await page.selectOption("#visibility", "selected");
  await page.fill("#selected-repos", "hello-world, spoon-knife, docs");
  await upload(page, "A_RATHER_LONG_ORGANIZATION_SECRET_NAME", "wide row");
  assert.match(await text(page, "#upload-result"), /^Created/);
  await context.close();
});
after(() => env?.close());

const overflow = (page) => page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));

for (const width of [320, 360, 390]) {
  test(`item 3: ${width} px - no horizontal page scroll on load or after listing org secrets; Delete in reach`, async () => {
    const { page, context, dialogs } = await openPage(env.browser, env.demo, { width, height: 800 });
    let o = await overflow(page);
    assert.ok(o.scrollWidth <= o.innerWidth, `on load: scrollWidth ${o.scrollWidth} > ${o.innerWidth}`);
    await chooseScope(page, "actions", "org", { org: "octo-org" });
    await listSecrets(page);
    const del = page.locator('button[aria-label="Delete A_RATHER_LONG_ORGANIZATION_SECRET_NAME"]');
    await del.waitFor();
    o = await overflow(page);
    assert.ok(o.scrollWidth <= o.innerWidth, `after listing: scrollWidth ${o.scrollWidth} > ${o.innerWidth}`);
    await del.scrollIntoViewIfNeeded();
    const box = await del.boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= width, `Delete at x=${box.x}..${box.x + box.width} of ${width}`);
    const hit = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.getAttribute("aria-label"), [box.x + box.width / 2, box.y + box.height / 2]);
    assert.equal(hit, "Delete A_RATHER_LONG_ORGANIZATION_SECRET_NAME", "nothing covers the Delete button");
    dialogs.answer = "dismiss";
    await del.click();
    assert.match(dialogs.at(-1), /^Delete A_RATHER_LONG_ORGANIZATION_SECRET_NAME/);
    await context.close();
  });
}

/** Contrast ratio of two CSS colours "rgb(r, g, b)" (WCAG relative luminance). */
function contrast(a, b) {
  const lum = (css) => {
    const [r, g, bl] = css.match(/[\d.]+/g).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

for (const colorScheme of ["light", "dark"]) {
  test(`item 8: ${colorScheme} - primary buttons >= 4.5:1, input borders >= 3:1 against field and card`, async () => {
    const { page, context } = await openPage(env.browser, env.demo, { colorScheme });
    const colors = await page.evaluate(() => {
      const bgOf = (el) => {
        for (let e = el; e; e = e.parentElement) {
          const bg = getComputedStyle(e).backgroundColor;
          if (bg !== "rgba(0, 0, 0, 0)") return bg;
        }
        return "rgb(255, 255, 255)";
      };
      const fields = [...document.querySelectorAll("input:not([type=radio]), select, textarea")].filter((el) => el.offsetParent);
      return {
        primary: [...document.querySelectorAll("button.primary")].map((b) => ({ id: b.id, fg: getComputedStyle(b).color, bg: getComputedStyle(b).backgroundColor })),
        fields: fields.map((el) => ({ id: el.id, border: getComputedStyle(el).borderTopColor, own: getComputedStyle(el).backgroundColor === "rgba(0, 0, 0, 0)" ? bgOf(el.parentElement) : getComputedStyle(el).backgroundColor, around: bgOf(el.parentElement) })),
      };
    });
    assert.ok(colors.primary.length >= 2 && colors.fields.length >= 5);
    for (const b of colors.primary) assert.ok(contrast(b.fg, b.bg) >= 4.5, `${colorScheme} #${b.id}: ${contrast(b.fg, b.bg).toFixed(2)}:1`);
    for (const f of colors.fields) {
      assert.ok(contrast(f.border, f.own) >= 3, `${colorScheme} #${f.id} border vs field: ${contrast(f.border, f.own).toFixed(2)}:1`);
      assert.ok(contrast(f.border, f.around) >= 3, `${colorScheme} #${f.id} border vs card: ${contrast(f.border, f.around).toFixed(2)}:1`);
    }
    await context.close();
  });
}

for (const colorScheme of ["light", "dark"]) {
  for (const [label, width, height] of [["desktop", 1100, 900], ["390 px", 390, 844]]) {
    test(`item 9: axe-core, ${colorScheme}, ${label}: no serious or critical violations after an upload and after an error`, async () => {
      const { page, context, pageErrors } = await openPage(env.browser, env.demo, { width, height, colorScheme });
      const shot = `demo-${label === "desktop" ? "desktop" : "phone"}-${colorScheme}.png`;
      mkdirSync(outDir, { recursive: true });
      await page.screenshot({ path: join(outDir, shot.replace(".png", "-first-view.png")) });
      assert.deepEqual(await seriousViolations(page), [], "on load");
      await chooseScope(page, "actions", "repo", { owner: "octo-org", repo: "hello-world" });
      await upload(page, "AXE_OK", "value");
      assert.match(await text(page, "#upload-result"), /^(Created|Updated) AXE_OK/);
      assert.deepEqual(await seriousViolations(page), [], "after a successful upload");
      await page.screenshot({ path: join(outDir, shot), fullPage: true });

      await page.fill("#repo", "no-such-repo");
      await upload(page, "AXE_ERR", "value");
      assert.match(await text(page, "#form-error"), /answered 404/);
      await upload(page, "1BAD", "");
      assert.notEqual(await text(page, "#name-error") + (await text(page, "#value-error")), "");
      assert.deepEqual(await seriousViolations(page), [], "after errors");
      await page.screenshot({ path: join(outDir, shot.replace(".png", "-error.png")), fullPage: true });
      assert.deepEqual(pageErrors, []);
      await context.close();
    });
  }
}
