/**
 * An immutable map whose `set` returns a new map sharing almost everything with the old one.
 * The boot simulation keeps the state before every action (checks and editors look back at
 * them), and copying the whole interface table per action made compile time quadratic in the
 * size of a site description. Here a version is a shared base plus a small overlay of recent
 * changes; the overlay is folded into a fresh base once it reaches `foldAt` entries, so a set
 * costs O(foldAt + size / foldAt) amortised and a get O(1).
 */
export class PersistentMap<K, V> implements ReadonlyMap<K, V> {
  private static readonly foldAt = 64;

  private constructor(
    private readonly base: ReadonlyMap<K, V>,
    private readonly overlay: ReadonlyMap<K, V>,
  ) {}

  static from<K, V>(entries: Iterable<readonly [K, V]>): PersistentMap<K, V> {
    return new PersistentMap(new Map(entries), new Map());
  }

  set(key: K, value: V): PersistentMap<K, V> {
    if (this.overlay.size < PersistentMap.foldAt) {
      const overlay = new Map(this.overlay);
      overlay.set(key, value);
      return new PersistentMap(this.base, overlay);
    }
    const base = new Map(this.base);
    for (const [k, v] of this.overlay) base.set(k, v);
    base.set(key, value);
    return new PersistentMap(base, new Map());
  }

  get(key: K): V | undefined {
    return this.overlay.has(key) ? this.overlay.get(key) : this.base.get(key);
  }

  has(key: K): boolean {
    return this.overlay.has(key) || this.base.has(key);
  }

  get size(): number {
    let added = 0;
    for (const k of this.overlay.keys()) if (!this.base.has(k)) added++;
    return this.base.size + added;
  }

  *entries(): MapIterator<[K, V]> {
    for (const [k, v] of this.base) yield [k, this.overlay.has(k) ? (this.overlay.get(k) as V) : v];
    for (const [k, v] of this.overlay) if (!this.base.has(k)) yield [k, v];
  }

  *keys(): MapIterator<K> {
    for (const [k] of this.entries()) yield k;
  }

  *values(): MapIterator<V> {
    for (const [, v] of this.entries()) yield v;
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void): void {
    for (const [k, v] of this.entries()) callback(v, k, this);
  }
}
