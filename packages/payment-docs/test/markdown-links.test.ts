// Every relative link in every generated page resolves: to a page of the package and, with a
// fragment, to an anchor of that page. The source documents had dead links; these pages must not.
import { describe, expect, it } from "vitest";
import { INDEX_PAGE, readPages } from "./docs-files.js";
import { checkLinks } from "../../../tools/codegen/test/support/markdown-links.js";

describe("link checker", () => {
  it("reports missing pages and missing anchors, and accepts headings, explicit ids and relative folders", () => {
    const pages = new Map([
      ["README.md", "# Index\n\n- [A](a/A.md)\n- [A field](a/A.md#field-x)\n- [gone](../../doc/models/payment.md)\n- [bad anchor](a/A.md#nope)\n"],
      ["a/A.md", '# A\n\n## Legacy fields\n\n| Name |\n| --- |\n| <a id="field-x"></a>`x` [up](../README.md#index) [same](#legacy-fields) [B](../b/B.md) |\n\n`[not a link](nowhere.md)`\n'],
    ]);
    const report = checkLinks(pages);
    expect(report.broken).toEqual([
      { page: "README.md", href: "../../doc/models/payment.md", reason: "points outside the documentation (../../doc/models/payment.md)" },
      { page: "README.md", href: "a/A.md#nope", reason: 'a/A.md has no anchor "nope"' },
      { page: "a/A.md", href: "../b/B.md", reason: "no page b/B.md" },
    ]);
    expect(report.checked.get("a/A.md")).toEqual(["../README.md#index", "#legacy-fields", "../b/B.md"]);
  });
});

describe("generated pages", () => {
  const pages = readPages();
  const report = checkLinks(pages);

  it("have no broken relative link", () => {
    expect(report.broken).toEqual([]);
  });

  it("link to each other: every page is reachable from the index and links back to it", () => {
    const total = [...report.checked.values()].reduce((n, links) => n + links.length, 0);
    expect(total).toBeGreaterThan(pages.size * 2);
    const linkedFromIndex = new Set(report.checked.get(INDEX_PAGE));
    for (const page of pages.keys()) {
      if (page === INDEX_PAGE) continue;
      expect(linkedFromIndex, `index links to ${page}`).toContain(page);
      expect(
        report.checked.get(page)!.some((href) => href.startsWith(`../${INDEX_PAGE}#`)),
        `${page} links to the index`,
      ).toBe(true);
    }
  });

  it("link nowhere outside the package", () => {
    expect(report.external).toEqual([]);
  });
});
