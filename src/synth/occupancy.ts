/**
 * A coarse raster that remembers which branch passed through each cell, so that branches of
 * one vascular system (all arteries, or all veins) can stop instead of crossing each other —
 * in the retina arteries cross veins but rarely other arteries, and veins rarely cross veins.
 *
 * @example
 * const g = new OccupancyGrid(100, 100, 2);
 * g.mark(10, 10, 7); g.blockedFor(10.5, 11, 3, -1) // true (branch 7 is there)
 */
export class OccupancyGrid {
  readonly cellPx: number;
  private readonly cols: number;
  private readonly rows: number;
  private readonly owner: Int32Array;
  private next = 0;

  constructor(width: number, height: number, cellPx = 2) {
    this.cellPx = cellPx;
    this.cols = Math.ceil(width / cellPx) + 2;
    this.rows = Math.ceil(height / cellPx) + 2;
    this.owner = new Int32Array(this.cols * this.rows).fill(-1);
  }

  /** A fresh owner id (unique within this grid). */
  newOwner(): number {
    return this.next++;
  }

  private cell(row: number, col: number): number {
    const r = Math.floor(row / this.cellPx) + 1,
      c = Math.floor(col / this.cellPx) + 1;
    if (r < 0 || c < 0 || r >= this.rows || c >= this.cols) return -1;
    return r * this.cols + c;
  }

  /** Records that `owner` passes through the cell of (row, col). */
  mark(row: number, col: number, owner: number): void {
    const i = this.cell(row, col);
    if (i >= 0) this.owner[i] = owner;
  }

  /** True when a cell in the 3 × 3 cells around (row, col) belongs to an owner other than `self` and `parent`. */
  blockedFor(row: number, col: number, self: number, parent: number): boolean {
    const i = this.cell(row, col);
    if (i < 0) return false;
    for (let dr = -1; dr <= 1; dr++) {
      for (let dc = -1; dc <= 1; dc++) {
        const j = i + dr * this.cols + dc;
        if (j < 0 || j >= this.owner.length) continue;
        const o = this.owner[j]!;
        if (o !== -1 && o !== self && o !== parent) return true;
      }
    }
    return false;
  }
}
