/**
 * A binary min-heap of pending deadlines that knows each entry's position, so a
 * cancelled or re-armed action leaves the heap at once (O(log n)) instead of
 * lingering as a stale entry that would keep a timer armed for nothing.
 * Ties keep insertion order: two actions due at the same moment run first-in first-out.
 */
export interface HeapEntry {
  /** Absolute deadline, ms on the scheduler's clock. */
  deadline: number;
  /** Insertion order, breaks ties between equal deadlines. */
  order: number;
  /** Position in the heap; -1 when not in it. */
  heapIndex: number;
}

export class DeadlineHeap<T extends HeapEntry> {
  private readonly items: T[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(entry: T): void {
    entry.heapIndex = this.items.length;
    this.items.push(entry);
    this.up(entry.heapIndex);
  }

  pop(): T | undefined {
    const top = this.items[0];
    if (top !== undefined) this.remove(top);
    return top;
  }

  /** Removes the entry if it is in this heap; returns whether it was. */
  remove(entry: T): boolean {
    const i = entry.heapIndex;
    if (i < 0 || this.items[i] !== entry) return false;
    const last = this.items.pop() as T;
    entry.heapIndex = -1;
    if (last !== entry) {
      this.items[i] = last;
      last.heapIndex = i;
      this.down(i);
      this.up(last.heapIndex);
    }
    return true;
  }

  private before(a: T, b: T): boolean {
    return a.deadline < b.deadline || (a.deadline === b.deadline && a.order < b.order);
  }

  private swap(i: number, j: number): void {
    const a = this.items[i];
    const b = this.items[j];
    this.items[i] = b;
    this.items[j] = a;
    b.heapIndex = i;
    a.heapIndex = j;
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(this.items[i], this.items[parent])) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    const n = this.items.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      if (l < n && this.before(this.items[l], this.items[best])) best = l;
      if (r < n && this.before(this.items[r], this.items[best])) best = r;
      if (best === i) return;
      this.swap(i, best);
      i = best;
    }
  }
}
