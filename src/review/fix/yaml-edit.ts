import { isCollection, isMap, isScalar, isSeq, type Document } from 'yaml';

/** A path in a Document: map keys and list indexes. */
export type YamlPath = readonly (string | number)[];

/** The plain value at a path (undefined when absent). */
export function valueAt(document: Document, path: YamlPath): unknown {
  const node = document.getIn(path, true);
  if (node === undefined || node === null) return undefined;
  if (isScalar(node)) return node.value;
  return isCollection(node) ? node.toJSON() : node;
}

/**
 * Sets a value at a path, making the maps on the way (a `key:` left empty, or `{}`, becomes a
 * block map). Returns true when the document changed. Existing nodes around keep their
 * comments and style; the new value is written in block style.
 */
export function setAt(document: Document, path: YamlPath, value: unknown): boolean {
  if (sameValue(valueAt(document, path), value)) return false;
  for (let i = 1; i < path.length; i++) {
    const prefix = path.slice(0, i);
    const node = document.getIn(prefix, true);
    if (!isCollection(node)) document.setIn(prefix, document.createNode(typeof path[i] === 'number' ? [] : {}));
    else if (node.flow && node.items.length === 0) node.flow = false;
  }
  document.setIn(path, document.createNode(value));
  return true;
}

/** Sets a value only where nothing is written yet; true when it did. */
export function setIfAbsent(document: Document, path: YamlPath, value: unknown): boolean {
  return valueAt(document, path) === undefined ? setAt(document, path, value) : false;
}

/** Removes a key or list item; true when it was there. */
export function deleteAt(document: Document, path: YamlPath): boolean {
  if (document.getIn(path, true) === undefined) return false;
  return document.deleteIn(path);
}

/** Appends an item to the list at a path (made when absent); true. */
export function appendAt(document: Document, path: YamlPath, value: unknown): boolean {
  const node = document.getIn(path, true);
  if (isSeq(node)) {
    if (node.flow && node.items.length === 0) node.flow = false;
    node.add(document.createNode(value));
    return true;
  }
  return setAt(document, path, [value]);
}

/** The items of the list at a path, as plain values ([] when it is not a list). */
export function listAt(document: Document, path: YamlPath): unknown[] {
  const value = valueAt(document, path);
  return Array.isArray(value) ? value : [];
}

/** True when the node at a path is a map. */
export function isMapAt(document: Document, path: YamlPath): boolean {
  return isMap(document.getIn(path, true));
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
