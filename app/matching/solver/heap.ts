/**
 * Binary min-heap of (distance, node) pairs in typed arrays, for Dijkstra with lazy deletion
 * (a node may be pushed several times; stale entries are skipped when popped).
 */
export class DistanceHeap {
  private keys = new Float64Array(1024);
  private nodes = new Int32Array(1024);
  size = 0;

  clear(): void {
    this.size = 0;
  }

  /** Smallest key; only valid when size > 0. */
  topKey(): number {
    return this.keys[0];
  }

  push(key: number, node: number): void {
    if (this.size === this.keys.length) this.grow();
    const keys = this.keys;
    const nodes = this.nodes;
    let c = this.size++;
    while (c > 0) {
      const parent = (c - 1) >> 1;
      if (keys[parent] <= key) break;
      keys[c] = keys[parent];
      nodes[c] = nodes[parent];
      c = parent;
    }
    keys[c] = key;
    nodes[c] = node;
  }

  /** Removes the smallest entry and returns its node; only valid when size > 0. */
  pop(): number {
    const keys = this.keys;
    const nodes = this.nodes;
    const top = nodes[0];
    const size = --this.size;
    const key = keys[size];
    const node = nodes[size];
    let c = 0;
    for (;;) {
      let child = 2 * c + 1;
      if (child >= size) break;
      if (child + 1 < size && keys[child + 1] < keys[child]) child++;
      if (keys[child] >= key) break;
      keys[c] = keys[child];
      nodes[c] = nodes[child];
      c = child;
    }
    keys[c] = key;
    nodes[c] = node;
    return top;
  }

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    keys.set(this.keys);
    this.keys = keys;
    const nodes = new Int32Array(this.nodes.length * 2);
    nodes.set(this.nodes);
    this.nodes = nodes;
  }
}
