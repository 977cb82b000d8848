import { envVarOf } from "../config/config-schema.ts";
import { configString, type ProjectConfig } from "../config/load-config.ts";
import type { DeployTarget, TargetKind } from "./deploy-target.ts";
import { ConfluentTarget } from "./targets/confluent/confluent-target.ts";
import { FlinkTarget } from "./targets/flink/flink-target.ts";
import { LocalTarget } from "./targets/local/local-target.ts";

/** How long deploy waits for one statement (`deploy.timeout_seconds`), ms. */
export function deployTimeoutMs(config: ProjectConfig): number {
  return Number(config.values["deploy.timeout_seconds"]) * 1000;
}

/**
 * The target `kind` (or the configured `deploy.target`) built from the project configuration;
 * every missing setting is reported at once, with the key and the variable that sets it.
 */
export function createTarget(
  config: ProjectConfig,
  kind?: TargetKind,
): DeployTarget | { problems: string[] } {
  const chosen = kind ?? (configString(config, "deploy.target") as TargetKind);
  const timeoutMs = deployTimeoutMs(config);
  switch (chosen) {
    case "local":
      return new LocalTarget(configString(config, "deploy.local_url"), timeoutMs);
    case "flink":
      return new FlinkTarget({
        gatewayUrl: configString(config, "flink.gateway_url"),
        restUrl: configString(config, "flink.rest_url"),
        statementTimeoutMs: timeoutMs,
      });
    case "confluent": {
      const get = (path: string) => configString(config, path);
      const required = [
        "deploy.organization_id",
        "deploy.environment_id",
        "flink.api_key",
        "flink.api_secret",
      ];
      const problems = required
        .filter((path) => get(path) === "")
        .map(
          (path) => `${path} is not set (headwater.yaml or ${envVarOf(path)}); the confluent target needs it`,
        );
      if (problems.length > 0) return { problems };
      const cloudKey = get("confluent.cloud_api_key");
      const cloudSecret = get("confluent.cloud_api_secret");
      return new ConfluentTarget({
        flinkUrl:
          get("confluent.flink_url") ||
          `https://flink.${get("deploy.region")}.${get("deploy.cloud_provider")}.confluent.cloud`,
        organizationId: get("deploy.organization_id"),
        environmentId: get("deploy.environment_id"),
        apiKey: get("flink.api_key"),
        apiSecret: get("flink.api_secret"),
        ...(get("deploy.compute_pool_id") ? { computePoolId: get("deploy.compute_pool_id") } : {}),
        ...(get("confluent.principal") ? { principal: get("confluent.principal") } : {}),
        ...(get("deploy.catalog_name") ? { catalog: get("deploy.catalog_name") } : {}),
        ...(get("deploy.database_name") ? { database: get("deploy.database_name") } : {}),
        ...(cloudKey && cloudSecret
          ? { cloud: { url: get("confluent.cloud_url"), apiKey: cloudKey, apiSecret: cloudSecret } }
          : {}),
        deleteTimeoutMs: timeoutMs,
      });
    }
    default:
      return { problems: [`unknown target '${String(chosen)}': use one of local, flink, confluent`] };
  }
}
