/**
 * The strongly connected groups of a graph of nodes numbered 0 to `count - 1`, sinks first (each group
 * comes after every group it leads to). Iterative Tarjan, so a long chain of scenes or states cannot
 * overflow the stack. Nodes that `keep` refuses are left out, and so are moves to them.
 */
export function stronglyConnected(count: number, next: (v: number) => readonly number[], keep: (v: number) => boolean = () => true): number[][] {
  const order = new Int32Array(count).fill(-1);
  const low = new Int32Array(count);
  const onStack = new Uint8Array(count);
  const stack: number[] = [];
  const groups: number[][] = [];
  let counter = 0;
  const visit = (v: number, work: { v: number; at: number; next: readonly number[] }[]) => {
    order[v] = low[v] = counter++;
    stack.push(v);
    onStack[v] = 1;
    work.push({ v, at: 0, next: next(v) });
  };
  for (let root = 0; root < count; root++) {
    if (!keep(root) || order[root] !== -1) continue;
    const work: { v: number; at: number; next: readonly number[] }[] = [];
    visit(root, work);
    while (work.length) {
      const top = work[work.length - 1]!;
      const v = top.v;
      if (top.at < top.next.length) {
        const w = top.next[top.at++]!;
        if (!keep(w)) continue;
        if (order[w] === -1) visit(w, work);
        else if (onStack[w]) low[v] = Math.min(low[v]!, order[w]!);
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1]!.v;
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
      if (low[v] !== order[v]) continue;
      const group: number[] = [];
      let w: number;
      do {
        w = stack.pop()!;
        onStack[w] = 0;
        group.push(w);
      } while (w !== v);
      groups.push(group);
    }
  }
  return groups;
}
