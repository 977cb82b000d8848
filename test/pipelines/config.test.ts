import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeConfig, loadConfig } from "../../src/pipelines/config/load-config.ts";
import { MASK, maskSecrets, maskSecretsInText } from "../../src/pipelines/config/mask-secrets.ts";

function projectWith(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), "hw-config-"));
  writeFileSync(join(dir, "headwater.yaml"), yaml);
  return dir;
}

describe("configuration", () => {
  it("layers defaults, the file and HEADWATER_* variables (the environment wins)", () => {
    const dir = projectWith("deploy:\n  region: eu-central-1\n  environment: stage\n");
    const config = loadConfig(dir, {
      HEADWATER_DEPLOY_ENVIRONMENT: "prod",
      HEADWATER_PROJECT_PRODUCTS: "a, b",
    });
    expect(config.problems).toEqual([]);
    expect(config.values["deploy.region"]).toBe("eu-central-1");
    expect(config.values["deploy.environment"]).toBe("prod");
    expect(config.values["project.products"]).toEqual(["a", "b"]);
    expect(config.values["logging.level"]).toBe("INFO");
    expect(config.origins["deploy.environment"]).toBe("HEADWATER_DEPLOY_ENVIRONMENT");
    expect(config.origins["deploy.region"]).toBe(join(dir, "headwater.yaml"));
  });

  it("reports every problem at once, with path, value and why", () => {
    const dir = projectWith(
      [
        "project:",
        "  type: star",
        "  colour: blue",
        "deploy:",
        "  max_cfu: 7",
        "  region: 12",
        "tests:",
        "  post_fix_unit_test: ut",
        "kafka:",
        "  api_secret: [not, a, string]",
        "logging: loud",
      ].join("\n"),
    );
    const config = loadConfig(dir, { HEADWATER_FLINK_API_KEY: "<TO_FILL>" });
    const problems = config.problems.map((p) => `${p.path} = ${p.value}: ${p.why}`);
    expect(problems).toEqual([
      "project.colour = blue: unknown key",
      "kafka.api_secret = *****MASKED*****: must be a string",
      "logging = loud: must be a mapping of keys",
      "project.type = star: must be one of kimball, data_product",
      "deploy.max_cfu = 7: must be one of 5, 10, 20, 30, 40, 50",
      "flink.api_key = *****MASKED*****: is a placeholder; set it in the file or through its environment variable",
      "tests.post_fix_unit_test = ut: must be '_' followed by 2 or 3 letters or digits, e.g. _ut",
    ]);
    // region: 12 is accepted as the text "12".
    expect(config.values["deploy.region"]).toBe("12");
  });

  it("masks secrets in the effective configuration and in text", () => {
    const dir = projectWith("kafka:\n  api_key: ABCDEFGHIJ\n");
    const config = loadConfig(dir, { HEADWATER_FLINK_API_SECRET: "s3cr3t-value" });
    const shown = describeConfig(config);
    expect(shown.kafka!.api_key).toBe(MASK);
    expect(shown.flink!.api_secret).toBe(MASK);
    expect(shown.flink!.api_key).toBe("");
    expect(JSON.stringify(shown)).not.toContain("ABCDEFGHIJ");
    expect(maskSecretsInText("login with s3cr3t-value failed", config.secrets)).toBe(
      `login with ${MASK} failed`,
    );
  });

  it("maskSecrets masks values under secret-looking keys at any depth", () => {
    const masked = maskSecrets({
      kafka: { "sasl.password": "pw", bootstrap: "host:9092" },
      headers: [{ Authorization: "Bearer x" }],
      token: "",
      nested: { api_key: { id: "k1" } },
    });
    expect(masked).toEqual({
      kafka: { "sasl.password": MASK, bootstrap: "host:9092" },
      headers: [{ Authorization: MASK }],
      token: "",
      nested: { api_key: { id: MASK } },
    });
  });
});
