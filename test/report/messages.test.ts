/** The message table: one wording for every context a finding can be in. */
import { describe, expect, it } from "vitest";
import { describeContext, findingMessage, SARIF_LEVEL } from "../../src/report/messages.js";
import type { FindingContext } from "../../src/types.js";

const alibaba = { ruleId: "alibaba.access-key-id", title: "Alibaba Cloud AccessKey ID" };
const rule = { placeholder: "ALIBABA_CLOUD_ACCESS_KEY_ID" };

describe("findingMessage", () => {
  it("reads like the issue's example", () => {
    expect(findingMessage({ ...alibaba, context: { kind: "code", lang: "yaml" } }, rule)).toBe(
      "Unexpected Alibaba Cloud AccessKey ID in `yaml` code block, expected a placeholder such as `<ALIBABA_CLOUD_ACCESS_KEY_ID>`",
    );
  });

  it.each<[FindingContext, string]>([
    [{ kind: "code", lang: "yaml" }, "`yaml` code block"],
    [{ kind: "code" }, "code block"],
    [{ kind: "inline-code" }, "inline code"],
    [{ kind: "prose" }, "prose"],
    [{ kind: "url" }, "link URL"],
    [{ kind: "attribute", name: "data-key" }, "`data-key` attribute"],
    [{ kind: "attribute" }, "attribute"],
    [{ kind: "script" }, "script"],
    [{ kind: "front-matter", name: "aliyun_ak" }, "front matter `aliyun_ak`"],
    [{ kind: "front-matter" }, "front matter"],
    [{ kind: "comment" }, "comment"],
    [{ kind: "text" }, "text"],
    [{ kind: "code", lang: "we`ird" }, "`we'ird` code block"],
  ])("%j -> in %s", (context, words) => {
    expect(describeContext(context)).toBe(words);
    expect(findingMessage({ ...alibaba, context }, rule)).toBe(`Unexpected Alibaba Cloud AccessKey ID in ${words}, expected a placeholder such as \`<ALIBABA_CLOUD_ACCESS_KEY_ID>\``);
  });

  it("without a rule, the placeholder comes from the id", () => {
    expect(findingMessage({ ...alibaba, context: { kind: "prose" } })).toMatch(/`<ALIBABA_ACCESS_KEY_ID>`$/);
  });
});

describe("SARIF levels", () => {
  it.each([
    ["critical", "error"],
    ["high", "error"],
    ["medium", "warning"],
    ["low", "note"],
  ] as const)("%s -> %s", (severity, level) => {
    expect(SARIF_LEVEL[severity]).toBe(level);
  });
});
