// The map of the units below (issue 10), beside their ranking on a target's page: each unit
// filled with its status's colour, its name and value in the tooltip, a click opening it like a
// bar does. Drawn only when the layer registry (map-layers.ts) has boundaries for the level of
// those units; the GeoJSON and the lineage that carries it onto a later tree are fetched only
// then, once per page load. Units of the tree without a shape are named under the map, with the
// layer's source and licence; for communes, a note says that their layer is awaited.

import { useMemo } from 'preact/hooks';
import type { UnitLevel } from '../api/units';
import { useApi } from '../hooks';
import { t, type Lang } from '../i18n';
import { getStaticJson, getUnitChanges, type UnitChange, type UnitVersion, type ValueKind } from './api';
import { Chart, type GeoMap } from './chart';
import { statusLabel } from './format';
import type { FeatureCollection } from './geo-merge';
import { chooseLayer, regionsOf, type MapChoice } from './map-layers';
import { legendStatuses, mapHeight, mapOption, type MapRegion } from './map-options';

const layers = new Map<string, Promise<FeatureCollection>>();
const lineages = new Map<string, Promise<UnitChange[]>>();

/** `load(key)` once per page load; a failure is not kept, so that a later view tries again. */
function once<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let pending = cache.get(key);
  if (!pending) {
    pending = load();
    cache.set(key, pending);
    pending.catch(() => cache.delete(key));
  }
  return pending;
}

function loadLayerAndLineage(choice: MapChoice): Promise<{ layer: FeatureCollection; steps: UnitChange[][] }> | null {
  if (choice.kind !== 'layer') return null;
  const { url } = choice.layer;
  return Promise.all([
    once(layers, url, () => getStaticJson<FeatureCollection>(url)),
    Promise.all(choice.steps.map((effective) => once(lineages, effective, () => getUnitChanges(effective)))),
  ]).then(([layer, steps]) => ({ layer, steps }));
}

export interface ChildrenMapProps {
  /** The units below, named, with their values (the ranking's rows). */
  rows: readonly MapRegion[];
  /** Their level on the tree shown; null while it is not known. */
  level: UnitLevel | null;
  /** The first day of the tree shown (the reply's `tree`). */
  tree: string | undefined;
  versions: readonly UnitVersion[];
  /** The target's id ("T1") and the kind of its values. */
  target: string;
  kind: ValueKind;
  lang: Lang;
  onOpen: (unit: string) => void;
}

export function ChildrenMap({ rows, level, tree, versions, target, kind, lang, onOpen }: ChildrenMapProps) {
  const choice = chooseLayer(rows.length > 0 ? level : null, tree, versions);
  const steps = choice.kind === 'layer' ? choice.steps.join(',') : '';
  const sources = useApi(() => loadLayerAndLineage(choice), [choice.kind === 'layer' ? choice.layer.url : choice.kind, steps]);
  const rowsKey = rows.map((r) => `${r.unit}:${r.name}:${r.value.value}:${r.value.status}`).join('|');
  const drawn = useMemo(() => {
    if (!sources.data) return null;
    const regions = regionsOf(
      rows.map((r) => ({ code: r.unit, name: r.name })),
      sources.data.layer,
      sources.data.steps,
    );
    const shaped = new Set(regions.collection.features.map((f) => f.properties.code));
    const mapRows = rows.filter((r) => shaped.has(r.unit));
    const geoMap: GeoMap = { name: `pcmd:${level ?? ''}:${tree ?? ''}:${[...shaped].join(',')}`, geoJson: regions.collection };
    return { regions, mapRows, geoMap };
  }, [sources.data, rowsKey, level, tree]);
  const option = useMemo(() => (drawn ? mapOption(drawn.geoMap.name, drawn.mapRows, kind, lang) : null), [drawn, kind, lang]);

  if (choice.kind === 'none') return null;
  if (choice.kind === 'awaited') return <p class="muted dashboard-map__note">{t(choice.note)}</p>;
  if (sources.error) return <p class="muted dashboard-map__note">{t('dashboard.map.failed')}</p>;
  if (!drawn || !option || drawn.mapRows.length === 0) return null;
  const { regions, mapRows, geoMap } = drawn;
  const width = typeof window !== 'undefined' ? window.innerWidth : 1024;
  const height = mapHeight(width < 960 ? width - 48 : 460);
  return (
    <section class="card dashboard-map" aria-labelledby="dashboard-map-title" data-regions={mapRows.map((r) => r.unit).join(',')}>
      <h3 class="dashboard-map__title" id="dashboard-map-title">
        {t('dashboard.map.title', { target })}
      </h3>
      <Chart
        option={option}
        geoMap={geoMap}
        height={height}
        class="chart--map"
        onItemClick={(index) => {
          const row = mapRows[index];
          if (row) onOpen(row.unit);
        }}
      />
      <ul class="map-legend" aria-label={t('dashboard.map.legend')}>
        {legendStatuses(mapRows).map((status) => (
          <li key={status} class="map-legend__item">
            <span class={`map-legend__swatch map-legend__swatch--${status.replace('_', '-')}`} aria-hidden="true" />
            {statusLabel(status, lang)}
          </li>
        ))}
      </ul>
      {regions.merged.map(({ unit, parts }) => (
        <p key={unit.code} class="dashboard-map__merged muted">
          {t('dashboard.map.mergedFrom', { unit: unit.name, parts: parts.join(', ') })}
        </p>
      ))}
      {regions.unshaped.length > 0 && (
        <p class="dashboard-map__unshaped">{t('dashboard.map.unshaped', { units: regions.unshaped.map((u) => u.name).join(', ') })}</p>
      )}
      <p class="dashboard-map__attribution muted">{t(choice.layer.attribution)}</p>
    </section>
  );
}
