// The layers of boundaries the dashboard's map can draw, keyed by the level of the units shown
// (issue 10), and how a layer's shapes are carried onto the tree a view is on.
//
// A layer is drawn for one tree (the districts of data/maps/: those of 2019, the tree of
// 2021-2024). On a later tree each shape goes where the lineage of each version since then
// (GET /api/unit-changes?effective=) sends its unit: merged, renamed, moved or unchanged into one
// unit; a unit split into several, or whose change waits for an officer, keeps no shape. A unit of
// the tree with several shapes is drawn as their union; one with none is listed ("Chưa có ranh
// giới: …"). No commune layer is openly licensed yet: add it to MAP_LAYERS when one is, and the
// map shows communes too.

import districtsUrl from '../../../data/maps/ninh-binh-districts.geojson?url';
import type { UnitLevel } from '../api/units';
import type { MessageKey } from '../i18n';
import type { UnitChange, UnitVersion } from './api';
import { mergeGeometries, type Feature, type FeatureCollection } from './geo-merge';

export interface MapLayer {
  /** Where the web build serves the GeoJSON (features with a `code` property). */
  url: string;
  /** The tree the shapes are drawn for: its first and last day. */
  treeFrom: string;
  treeTo: string | null;
  /** The licence and source, shown under the map. */
  attribution: MessageKey;
}

/** The layers by level of the units drawn. */
export const MAP_LAYERS: Partial<Record<UnitLevel, MapLayer>> = {
  district: {
    url: districtsUrl,
    treeFrom: '2021-01-01',
    treeTo: '2024-12-31',
    attribution: 'dashboard.map.attributionDistricts',
  },
};

/** Levels without a layer yet, for which the page says that one is awaited. */
export const AWAITED_LAYERS: Partial<Record<UnitLevel, MessageKey>> = {
  commune: 'dashboard.map.awaitedCommunes',
};

export type MapChoice =
  | { kind: 'none' }
  | { kind: 'awaited'; note: MessageKey }
  /** `steps`: the first days of the versions whose lineage carries the layer onto the tree. */
  | { kind: 'layer'; layer: MapLayer; steps: string[] };

/**
 * What to draw for units of `level` on the tree that starts on `tree` (a reply's `tree`; unknown
 * from an older server: the layer's own tree is assumed): a layer (with the versions to carry it
 * through), a note that one is awaited, or nothing.
 */
export function chooseLayer(
  level: UnitLevel | null,
  tree: string | undefined,
  versions: readonly Pick<UnitVersion, 'from'>[],
  layers: Partial<Record<UnitLevel, MapLayer>> = MAP_LAYERS,
): MapChoice {
  if (!level) return { kind: 'none' };
  const layer = layers[level];
  if (!layer) {
    const note = AWAITED_LAYERS[level];
    return note ? { kind: 'awaited', note } : { kind: 'none' };
  }
  if (!tree || (tree >= layer.treeFrom && (layer.treeTo === null || tree <= layer.treeTo))) return { kind: 'layer', layer, steps: [] };
  // Older than the layer's tree: its lineage back is not kept.
  if (tree < layer.treeFrom) return { kind: 'none' };
  const steps = versions.map((v) => v.from).filter((from) => layer.treeTo !== null && from > layer.treeTo && from <= tree);
  return { kind: 'layer', layer, steps: [...new Set(steps)].sort() };
}

/** Lineage kinds that send all of a unit to one unit of the next tree. */
const WHOLE_KINDS = new Set(['merge', 'rename', 'moved', 'unchanged']);

/**
 * Where each of `codes` ends on the tree after the `steps` (the lineage of each version, oldest
 * first): code → the unit it is part of, or null when it was split, closed without a successor or
 * has a change still to confirm. A code a step does not mention stays itself.
 */
export function carryCodes(codes: readonly string[], steps: readonly (readonly UnitChange[])[]): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const code of codes) {
    let at: string | null = code;
    for (const rows of steps) {
      if (at === null) break;
      const mine: UnitChange[] = rows.filter((row) => row.old_code === at);
      if (mine.length === 0) continue;
      const row: UnitChange | undefined = mine.length === 1 ? mine[0] : undefined;
      at = row && WHOLE_KINDS.has(row.kind) && row.status === 'confirmed' && row.new_code ? row.new_code : null;
    }
    out.set(code, at);
  }
  return out;
}

export interface MapUnit {
  code: string;
  name: string;
}

export interface MapRegions {
  /** One feature per unit with a shape, in the order of `units`: properties code and name. */
  collection: FeatureCollection<MapUnit>;
  /** The units without a shape, in the order of `units`. */
  unshaped: MapUnit[];
  /** The units drawn with the shapes of several former ones, and the names of those. */
  merged: { unit: MapUnit; parts: string[] }[];
}

/**
 * The shapes of `units` (the children on the tree shown): the layer's features carried by the
 * lineage `steps`, those that end in the same unit joined.
 */
export function regionsOf(units: readonly MapUnit[], layer: FeatureCollection, steps: readonly (readonly UnitChange[])[]): MapRegions {
  const byCode = new Map<string, Feature[]>();
  for (const feature of layer.features) {
    const code = String(feature.properties.code ?? '');
    if (code) byCode.set(code, [...(byCode.get(code) ?? []), feature]);
  }
  const carried = carryCodes([...byCode.keys()], steps);
  const shapesOf = new Map<string, Feature[]>();
  for (const [code, to] of carried) {
    if (to !== null) shapesOf.set(to, [...(shapesOf.get(to) ?? []), ...(byCode.get(code) ?? [])]);
  }
  const features: Feature<MapUnit>[] = [];
  const unshaped: MapUnit[] = [];
  const merged: MapRegions['merged'] = [];
  for (const unit of units) {
    const shapes = shapesOf.get(unit.code) ?? [];
    const geometry = mergeGeometries(shapes.map((f) => f.geometry));
    if (!geometry) {
      unshaped.push(unit);
      continue;
    }
    features.push({ type: 'Feature', properties: { code: unit.code, name: unit.name }, geometry });
    if (shapes.length > 1) merged.push({ unit, parts: shapes.map((f) => String(f.properties.name ?? f.properties.code)) });
  }
  return { collection: { type: 'FeatureCollection', features }, unshaped, merged };
}
