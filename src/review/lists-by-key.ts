interface Node<T> {
  items?: T[];
  children?: Map<string, Node<T>>;
}

/**
 * Lists of items filed under keys made of several parts (kind, namespace, name…), each part
 * compared on its own: no separator can make two different keys collide, whatever a manifest
 * writes in its names. Items keep the order they were added in.
 */
export class ListsByKey<T> {
  private readonly root: Node<T> = {};

  public add(parts: readonly string[], item: T): void {
    let node = this.root;
    for (const part of parts) {
      node.children ??= new Map();
      let child = node.children.get(part);
      if (!child) node.children.set(part, (child = {}));
      node = child;
    }
    (node.items ??= []).push(item);
  }

  /** The items filed under exactly these parts, in the order they were added; empty when none. */
  public get(parts: readonly string[]): readonly T[] {
    let node: Node<T> | undefined = this.root;
    for (const part of parts) {
      node = node.children?.get(part);
      if (!node) return [];
    }
    return node.items ?? [];
  }
}
