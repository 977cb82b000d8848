/** The daemon behind `headwater serve`: an embedded engine with a REST control API for named statements. */
export {
  type ControlServer,
  type ControlServerOptions,
  DEFAULT_CONTROL_PORT,
  startControlServer,
} from "./control-server.ts";
export { StatementRegistry } from "./statement-registry.ts";
