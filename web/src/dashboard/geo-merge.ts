// Boundaries as GeoJSON (RFC 7946: WGS 84 longitude/latitude, outer rings counter-clockwise) and
// the one operation the map needs on them: the outline of units merged into one (issue 10: Thành
// phố Ninh Bình into Thành phố Hoa Lư on 1 January 2025). The shapes come from one source with
// shared borders drawn through the same points, so two neighbours are joined by dropping the
// edges they share and walking what is left into rings. When the shapes do not fit together that
// way (a gap, an overlap: the areas would not add up), they are kept side by side as one
// MultiPolygon: still one unit on the map, its inner border visible.

export type Position = [number, number];
/** Rings of a polygon: the outer one first, then its holes; each ring closed (last point = first). */
export type PolygonCoordinates = Position[][];

export type Geometry = { type: 'Polygon'; coordinates: PolygonCoordinates } | { type: 'MultiPolygon'; coordinates: PolygonCoordinates[] };

export interface Feature<P = Record<string, unknown>> {
  type: 'Feature';
  properties: P;
  geometry: Geometry;
}

export interface FeatureCollection<P = Record<string, unknown>> {
  type: 'FeatureCollection';
  features: Feature<P>[];
}

/** The polygons of a geometry. */
export function polygonsOf(geometry: Geometry): PolygonCoordinates[] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** One polygon as a Polygon, several as a MultiPolygon. */
export function geometryOf(polygons: PolygonCoordinates[]): Geometry {
  return polygons.length === 1 && polygons[0] ? { type: 'Polygon', coordinates: polygons[0] } : { type: 'MultiPolygon', coordinates: polygons };
}

/** Twice the signed area of a closed ring (shoelace): positive when counter-clockwise. */
export function ringArea2(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i += 1) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[i + 1]!;
    sum += x1 * y2 - x2 * y1;
  }
  return sum;
}

/** The area of polygons (in squared degrees: enough to compare), holes taken out. */
export function polygonsArea(polygons: readonly PolygonCoordinates[]): number {
  return polygons.reduce((total, rings) => total + rings.reduce((sum, ring, i) => sum + (i === 0 ? 1 : -1) * Math.abs(ringArea2(ring)) / 2, 0), 0);
}

function orient(ring: readonly Position[], counterClockwise: boolean): Position[] {
  const isCcw = ringArea2(ring) > 0;
  return isCcw === counterClockwise ? [...ring] : [...ring].reverse();
}

function pointKey(p: Position): string {
  return `${p[0]},${p[1]}`;
}

/** Whether `p` lies inside the closed ring (even-odd rule). */
export function isInsideRing(p: Position, ring: readonly Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

interface Edge {
  from: Position;
  to: Position;
  used: boolean;
}

/**
 * The polygons joined along the borders they share, outer rings counter-clockwise and holes
 * clockwise; null when the edges left do not close into rings whose area is the sum of the parts.
 */
export function dissolvePolygons(polygons: readonly PolygonCoordinates[]): PolygonCoordinates[] | null {
  const edges: Edge[] = [];
  const count = new Map<string, number>();
  const undirected = (a: Position, b: Position) => [pointKey(a), pointKey(b)].sort().join('|');
  for (const rings of polygons) {
    rings.forEach((ring, i) => {
      const oriented = orient(ring, i === 0);
      for (let k = 0; k + 1 < oriented.length; k += 1) {
        const from = oriented[k]!;
        const to = oriented[k + 1]!;
        if (pointKey(from) === pointKey(to)) continue;
        edges.push({ from, to, used: false });
        const key = undirected(from, to);
        count.set(key, (count.get(key) ?? 0) + 1);
      }
    });
  }
  // A border two parts share runs once each way: both go.
  const kept = edges.filter((e) => (count.get(undirected(e.from, e.to)) ?? 0) === 1);
  const starting = new Map<string, Edge[]>();
  for (const e of kept) {
    const key = pointKey(e.from);
    const list = starting.get(key);
    if (list) list.push(e);
    else starting.set(key, [e]);
  }
  const rings: Position[][] = [];
  for (const first of kept) {
    if (first.used) continue;
    first.used = true;
    const ring: Position[] = [first.from, first.to];
    const start = pointKey(first.from);
    let at = first.to;
    while (pointKey(at) !== start) {
      const next = starting.get(pointKey(at))?.find((e) => !e.used);
      if (!next) return null;
      next.used = true;
      ring.push(next.to);
      at = next.to;
    }
    if (ring.length >= 4) rings.push(ring);
  }
  const outers = rings.filter((ring) => ringArea2(ring) > 0);
  const holes = rings.filter((ring) => ringArea2(ring) < 0);
  const result: PolygonCoordinates[] = outers.map((ring) => [ring]);
  for (const hole of holes) {
    // The smallest outer ring around the hole's first point holds it.
    const around = result
      .filter((rings) => isInsideRing(hole[0]!, rings[0]!))
      .sort((a, b) => Math.abs(ringArea2(a[0]!)) - Math.abs(ringArea2(b[0]!)))[0];
    if (!around) return null;
    around.push(hole);
  }
  const expected = polygonsArea(polygons);
  const got = polygonsArea(result);
  if (result.length === 0 || Math.abs(got - expected) > 1e-9 + expected * 1e-6) return null;
  return result;
}

/** The geometry of several shapes taken as one unit: joined when they fit, else side by side. */
export function mergeGeometries(geometries: readonly Geometry[]): Geometry | null {
  const polygons = geometries.flatMap(polygonsOf);
  if (polygons.length === 0) return null;
  if (geometries.length === 1 && geometries[0]) return geometries[0];
  return geometryOf(dissolvePolygons(polygons) ?? polygons);
}
