import { slotIndex } from "../layout.ts";
import type { LogicalPlan } from "../logical/logical-plan.ts";
import { logicalScan } from "../logical/scan.ts";
import { relabelScanExpressions } from "../scan-expressions.ts";
import { changed, type Rule, unchanged } from "./rule.ts";

/**
 * A Calc without condition that returns its input's columns in order is dropped (Calcite's
 * ProjectRemoveRule); its input takes over its field names, which is all the Calc changed.
 *
 * Calc(select=[a, b]) over Values(values=[a, b]) → Values(values=[a, b])
 */
export const removeIdentityCalc: Rule = {
  name: "remove_identity_calc",
  apply(plan) {
    if (plan.kind !== "calc" || plan.condition) return unchanged(plan);
    const input = plan.input;
    if (plan.projections.length !== input.fields.length) return unchanged(plan);
    if (!plan.projections.every((p, i) => slotIndex(input.fields, p) === i)) return unchanged(plan);
    // A scan's computed columns and watermark read its fields by slot: they follow the renaming.
    if (input.kind === "scan")
      return changed(
        logicalScan(
          input.table,
          relabelScanExpressions(input.expressions, input.fields, plan.fields),
          plan.fields,
        ),
      );
    return changed({ ...input, fields: plan.fields } as LogicalPlan);
  },
};
