import { type Span, spanToEnd } from "../../common/source.ts";

/** The span from the first to the last of some nodes. */
export function spanOf(nodes: readonly { readonly span: Span }[]): Span {
  const first = nodes[0]!.span;
  const last = nodes[nodes.length - 1]!.span;
  return spanToEnd(first, last.end);
}
