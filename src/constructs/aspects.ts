import type { IConstruct } from 'constructs';

/**
 * A visitor applied to every construct of a VibeApp before it is rendered (cdk8s has no aspects
 * of its own). Platform engineers use it to add labels, annotations or their own checks.
 */
export interface IVibeAspect {
  visit(node: IConstruct): void;
}

const REGISTRY = new WeakMap<IConstruct, IVibeAspect[]>();

/** The aspects added to a construct; they apply to it and to everything below it. */
export class Aspects {
  public static of(scope: IConstruct): Aspects {
    return new Aspects(scope);
  }

  private constructor(private readonly scope: IConstruct) {}

  public add(aspect: IVibeAspect): void {
    const list = REGISTRY.get(this.scope) ?? [];
    list.push(aspect);
    REGISTRY.set(this.scope, list);
  }

  public get all(): readonly IVibeAspect[] {
    return REGISTRY.get(this.scope) ?? [];
  }
}

/** Visits every construct below `root` (root first), with the aspects of it and its ancestors. VibeApp calls it before rendering. @internal */
export function applyAspects(root: IConstruct): void {
  for (const node of root.node.findAll()) {
    for (const scope of node.node.scopes) {
      for (const aspect of REGISTRY.get(scope) ?? []) aspect.visit(node);
    }
  }
}
