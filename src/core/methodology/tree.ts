import { type CriterionNode, isLeaf, type LeafNode, type Methodology } from "./schema.ts";

export interface PlacedNode {
  node: CriterionNode;
  /** 1 for a field, 2 for a criterion, 3 for a sub-criterion. */
  depth: number;
  /** Code of the top-level field the node belongs to (its own code for a field). */
  fieldCode: string;
}

/** Every node, parents before children, in the methodology's order. */
export function placedNodes(fields: readonly CriterionNode[]): PlacedNode[] {
  const out: PlacedNode[] = [];
  const visit = (node: CriterionNode, depth: number, fieldCode: string) => {
    out.push({ node, depth, fieldCode });
    if (!isLeaf(node)) for (const child of node.children) visit(child, depth + 1, fieldCode);
  };
  for (const field of fields) visit(field, 1, field.code);
  return out;
}

export function leafNodes(methodology: Pick<Methodology, "fields">): LeafNode[] {
  return placedNodes(methodology.fields)
    .map((p) => p.node)
    .filter(isLeaf);
}

export function nodeIndex(methodology: Pick<Methodology, "fields">): Map<string, PlacedNode> {
  return new Map(placedNodes(methodology.fields).map((p) => [p.node.code, p]));
}

/** "F2" before "F10": codes compare as people read them. */
export function compareCodes(a: string, b: string): number {
  return a.localeCompare(b, "en", { numeric: true });
}
