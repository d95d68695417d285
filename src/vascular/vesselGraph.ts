import type { Mask2D } from '../core/image.js';
import type { VesselGraph, VesselNode, VesselSegment } from './types.js';
import { NB_COUNT, neighbourCode, padMask } from './neighbourhood.js';

const SQRT2 = Math.SQRT2;

/**
 * Builds the vessel graph of a one-pixel-wide 8-connected skeleton.
 *
 * Each skeleton pixel is classified by its number B of 8-neighbours: B = 1 end point,
 * B ≥ 3 junction pixel, B = 0 isolated pixel, B = 2 path pixel. 8-adjacent junction pixels
 * are merged into one junction node. A segment is the pixel path from a node pixel through
 * path pixels to the next node pixel; closed loops without any node become one segment.
 * Segment length is the chain-code length (axial step 1 px, diagonal step √2 px;
 * Freeman 1970).
 *
 * Reference: the skeleton-graph model of e.g. J. Nunez-Iglesias et al., "A new Python library
 * to analyse skeleton images confirms malaria parasite remodelling of the red blood cell
 * membrane skeleton", PeerJ 6:e4312, 2018, doi:10.7717/peerj.4312 (skan).
 *
 * @param skeleton one-pixel-wide skeleton mask (e.g. from {@link skeletonize})
 * @returns nodes and segments with pixel indices `row·width + col`
 * @example
 * // a straight one-pixel line → 2 end nodes, 1 segment of chain length (n − 1) px
 */
export function vesselGraph(skeleton: Mask2D): VesselGraph {
  const { width, height } = skeleton;
  const stride = width + 2;
  const buf = padMask(skeleton.data, width, height);
  const size = buf.length;
  const deg = new Uint8Array(size);
  const fg: number[] = [];
  for (let r = 0; r < height; r++) {
    let p = (r + 1) * stride + 1;
    for (let c = 0; c < width; c++, p++) {
      if (!buf[p]) continue;
      deg[p] = NB_COUNT[neighbourCode(buf, p, stride)]!;
      fg.push(p);
    }
  }
  const offs = [-stride, -stride + 1, 1, stride + 1, stride, stride - 1, -1, -stride - 1];
  const toIdx = (p: number): number => (Math.floor(p / stride) - 1) * width + ((p % stride) - 1);

  // nodes: clusters of junction pixels, single end / isolated pixels
  const nodeOf = new Int32Array(size).fill(-1);
  const nodes: VesselNode[] = [];
  const nodePixelsPadded: number[][] = [];
  for (const p of fg) {
    if (deg[p] === 2 || nodeOf[p] !== -1) continue;
    const id = nodes.length;
    const members: number[] = [p];
    nodeOf[p] = id;
    if (deg[p]! >= 3) {
      for (let h = 0; h < members.length; h++) {
        const q = members[h]!;
        for (const o of offs) {
          const t = q + o;
          if (buf[t] && deg[t]! >= 3 && nodeOf[t] === -1) {
            nodeOf[t] = id;
            members.push(t);
          }
        }
      }
    }
    let sr = 0,
      sc = 0;
    for (const q of members) {
      sr += Math.floor(q / stride) - 1;
      sc += (q % stride) - 1;
    }
    nodes.push({
      id,
      kind: deg[p] === 0 ? 'isolated' : deg[p] === 1 ? 'end' : 'junction',
      pixels: members.map(toIdx),
      row: sr / members.length,
      col: sc / members.length,
      degree: 0,
    });
    nodePixelsPadded.push(members);
  }

  const visited = new Uint8Array(size);
  const segments: VesselSegment[] = [];
  const directPairs = new Set<number>();
  const addSegment = (pathPadded: number[], a: number, b: number, isLoop: boolean): void => {
    let len = 0;
    for (let k = 1; k < pathPadded.length; k++) {
      const d = Math.abs(pathPadded[k]! - pathPadded[k - 1]!);
      len += d === 1 || d === stride ? 1 : SQRT2;
    }
    segments.push({ id: segments.length, path: Int32Array.from(pathPadded, toIdx), nodeA: a, nodeB: b, chainLengthPx: len, isLoop });
    if (a >= 0) nodes[a]!.degree++;
    if (b >= 0) nodes[b]!.degree++;
  };

  for (let id = 0; id < nodes.length; id++) {
    for (const p of nodePixelsPadded[id]!) {
      for (const o of offs) {
        const q = p + o;
        if (!buf[q]) continue;
        const nq = nodeOf[q]!;
        if (nq === id) continue;
        if (nq !== -1) {
          const key = Math.min(p, q) * size + Math.max(p, q);
          if (directPairs.has(key)) continue;
          directPairs.add(key);
          addSegment([p, q], id, nq, false);
          continue;
        }
        if (visited[q]) continue;
        const path = [p, q];
        visited[q] = 1;
        let prev = p,
          cur = q,
          end = -1;
        for (;;) {
          let next = -1;
          for (const o2 of offs) {
            const t = cur + o2;
            if (t !== prev && buf[t]) {
              next = t;
              break;
            }
          }
          if (next === -1) break; // cannot happen for B = 2 pixels; defensive
          path.push(next);
          if (nodeOf[next] !== -1) {
            end = nodeOf[next]!;
            break;
          }
          if (visited[next]) break;
          visited[next] = 1;
          prev = cur;
          cur = next;
        }
        // a path that leaves a junction cluster and re-enters it after one pixel is a thinning artefact
        if (end === id && path.length <= 3) continue;
        addSegment(path, id, end, false);
      }
    }
  }
  // closed loops without nodes
  for (const p of fg) {
    if (deg[p] !== 2 || visited[p]) continue;
    const path = [p];
    visited[p] = 1;
    let prev = -1,
      cur = p;
    for (;;) {
      let next = -1;
      for (const o of offs) {
        const t = cur + o;
        if (t !== prev && buf[t] && (!visited[t] || (t === p && path.length > 2))) {
          next = t;
          break;
        }
      }
      if (next === -1) break;
      path.push(next);
      if (next === p) break;
      visited[next] = 1;
      prev = cur;
      cur = next;
    }
    addSegment(path, -1, -1, true);
  }
  for (const n of nodes) {
    if (n.kind === 'isolated') continue;
    n.kind = n.degree >= 3 ? 'junction' : n.degree === 1 ? 'end' : n.degree === 0 ? 'isolated' : 'joint';
  }
  return { width, height, nodes, segments };
}
