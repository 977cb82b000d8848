import type { BoundQuery } from "../../sql/binder/index.ts";
import type { StateForm } from "./statefulness.ts";
import { walkBoundQuery } from "./walk-bound.ts";

/** pipeline_definition.json's `complexity` object, field names and order as shift_left writes them. */
export interface Complexity {
  readonly number_of_regular_joins: number;
  readonly number_of_left_joins: number;
  readonly number_of_right_joins: number;
  readonly number_of_inner_joins: number;
  readonly number_of_outer_joins: number;
  readonly complexity_type: "Simple" | "Medium" | "Complex";
  readonly state_form: StateForm;
}

/**
 * Join counts of the joins a statement really executes (CTEs counted once, unreferenced CTEs not at
 * all). The bound tree does not keep whether `INNER` was spelled out, so every inner join is a
 * "regular" join (Flink's name for it) and `number_of_inner_joins` stays 0; CROSS JOINs (UNNEST,
 * LATERAL TABLE) are not counted, as in shift_left. Lookup and temporal joins count by their type.
 */
export function complexityOf(queries: readonly BoundQuery[], state: StateForm): Complexity {
  let regular = 0;
  let left = 0;
  let right = 0;
  let outer = 0;
  const seen = new Set<BoundQuery>();
  for (const query of queries) {
    walkBoundQuery(
      query,
      {
        relation(relation) {
          if (relation.kind !== "join") return;
          if (relation.type === "INNER") regular++;
          else if (relation.type === "LEFT") left++;
          else if (relation.type === "RIGHT") right++;
          else if (relation.type === "FULL") outer++;
        },
      },
      seen,
    );
  }
  const total = regular + left + right + outer;
  return {
    number_of_regular_joins: regular,
    number_of_left_joins: left,
    number_of_right_joins: right,
    number_of_inner_joins: 0,
    number_of_outer_joins: outer,
    complexity_type: total <= 2 ? "Simple" : total <= 4 ? "Medium" : "Complex",
    state_form: state,
  };
}
