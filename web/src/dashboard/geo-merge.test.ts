import { describe, expect, it } from 'vitest';
import { dissolvePolygons, isInsideRing, mergeGeometries, polygonsArea, ringArea2, type Geometry, type PolygonCoordinates, type Position } from './geo-merge';

/** A closed axis-aligned square ring, counter-clockwise. */
function square(x: number, y: number, size = 1): Position[] {
  return [
    [x, y],
    [x + size, y],
    [x + size, y + size],
    [x, y + size],
    [x, y],
  ];
}

const clockwise = (ring: Position[]) => [...ring].reverse();

describe('rings', () => {
  it('measures signed areas and tells inside from outside', () => {
    expect(ringArea2(square(0, 0, 2))).toBe(8);
    expect(ringArea2(clockwise(square(0, 0, 2)))).toBe(-8);
    expect(polygonsArea([[square(0, 0, 3), clockwise(square(1, 1))]])).toBe(8);
    expect(isInsideRing([0.5, 0.5], square(0, 0))).toBe(true);
    expect(isInsideRing([1.5, 0.5], square(0, 0))).toBe(false);
  });
});

describe('joining shapes', () => {
  it('joins two neighbours along their shared border into one outline', () => {
    const joined = dissolvePolygons([[square(0, 0)], [square(1, 0)]]);
    expect(joined).toHaveLength(1);
    const ring = joined![0]![0]!;
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    expect(ringArea2(ring)).toBe(4); // counter-clockwise, 2 × 1
    // The shared side (1,0)–(1,1) is gone: its two ends stay corners of the outline only.
    const middle = ring.filter(([x]) => x === 1);
    expect(middle).toHaveLength(2);
  });

  it('joins shapes whatever the direction of their rings', () => {
    const joined = dissolvePolygons([[clockwise(square(0, 0))], [square(1, 0)]]);
    expect(joined).toHaveLength(1);
    expect(polygonsArea(joined!)).toBe(2);
  });

  it('keeps the hole of shapes that ring an empty middle', () => {
    // Eight unit squares around an empty middle: one outline with one hole.
    const ringOfSquares: PolygonCoordinates[] = [];
    for (let x = 0; x < 3; x += 1) for (let y = 0; y < 3; y += 1) if (x !== 1 || y !== 1) ringOfSquares.push([square(x, y)]);
    const joined = dissolvePolygons(ringOfSquares);
    expect(joined).toHaveLength(1);
    expect(joined![0]).toHaveLength(2);
    expect(ringArea2(joined![0]![1]!)).toBeLessThan(0);
    expect(polygonsArea(joined!)).toBe(8);
  });

  it('keeps apart shapes that do not touch', () => {
    const joined = dissolvePolygons([[square(0, 0)], [square(5, 5)]]);
    expect(joined).toHaveLength(2);
    expect(polygonsArea(joined!)).toBe(2);
  });

  it('keeps side by side shapes whose common border is drawn through different points', () => {
    const a: Position[] = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]];
    const b: Position[] = [[1, 0], [2, 0], [2, 1], [1, 1], [1, 0.5], [1, 0]];
    const kept = dissolvePolygons([[a], [b]]);
    expect(kept).toHaveLength(2);
    expect(polygonsArea(kept!)).toBe(2);
  });

  it('gives up when shapes lie on one another (the areas would not add up)', () => {
    expect(dissolvePolygons([[square(0, 0)], [square(0, 0)]])).toBeNull();
  });

  it('merges geometries into one, side by side when they cannot be joined', () => {
    const left: Geometry = { type: 'Polygon', coordinates: [square(0, 0)] };
    const right: Geometry = { type: 'Polygon', coordinates: [square(1, 0)] };
    expect(mergeGeometries([])).toBeNull();
    expect(mergeGeometries([left])).toBe(left);
    const joined = mergeGeometries([left, right]);
    expect(joined?.type).toBe('Polygon');
    expect(polygonsArea([(joined as { coordinates: PolygonCoordinates }).coordinates])).toBe(2);
    expect(mergeGeometries([left, left])).toEqual({ type: 'MultiPolygon', coordinates: [left.coordinates, left.coordinates] });
  });
});
