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
    this.addAlong(parts, parts.length, item);
  }

  /**
   * Files the item under `parts` and under each of its prefixes of at least `fromLength` parts
   * (kind and namespace, then kind, namespace and name) in one walk.
   */
  public addAlong(parts: readonly string[], fromLength: number, item: T): void {
    let node = this.root;
    if (fromLength === 0) (node.items ??= []).push(item);
    for (let index = 0; index < parts.length; index++) {
      node.children ??= new Map();
      let child = node.children.get(parts[index]);
      if (!child) node.children.set(parts[index], (child = {}));
      node = child;
      if (index + 1 >= fromLength) (node.items ??= []).push(item);
    }
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
