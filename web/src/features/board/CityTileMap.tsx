import { packageStates, type PackageState, type ProvinceBoardCity } from '#contract';
import { PACKAGE_STATE_COLORS } from '../package/PackageStateTag';
import { tileName } from './names';

/**
 * The batch's recommending authorities (Henan's 18, and 航空港区 in a batch that routes it directly) as tiles
 * placed roughly where they lie on the map (north up), so a glance shows which part of the province has
 * reported. An authority without a place here goes in a row below.
 */
const TILE_POSITIONS: Record<string, [column: number, row: number]> = {
  '410500': [3, 0], // 安阳
  '410600': [3, 1], // 鹤壁
  '410900': [4, 1], // 濮阳
  '419001': [1, 2], // 济源
  '410800': [2, 2], // 焦作
  '410700': [3, 2], // 新乡
  '411200': [0, 3], // 三门峡
  '410300': [1, 3], // 洛阳
  '410100': [2, 3], // 郑州
  '410200': [3, 3], // 开封
  '411400': [4, 3], // 商丘
  '410400': [1, 4], // 平顶山
  '411000': [2, 4], // 许昌
  '411600': [3, 4], // 周口
  '411300': [1, 5], // 南阳
  '411100': [2, 5], // 漯河
  '411700': [3, 5], // 驻马店
  '411500': [3, 6], // 信阳
  '410100-HKQ': [4, 4], // 航空港区 (no free cell touches 郑州; east of the south-east, under 商丘)
};

const TILE = 112;
const GAP = 8;
const COLUMNS = 5;

interface CityTileMapProps {
  cities: ProvinceBoardCity[];
  onOpen: (city: ProvinceBoardCity) => void;
}

export function CityTileMap({ cities, onOpen }: CityTileMapProps) {
  const unplaced = cities.filter((c) => !TILE_POSITIONS[c.authorityCode]);
  const placed = cities.map((city) => {
    const known = TILE_POSITIONS[city.authorityCode];
    const extra = unplaced.indexOf(city);
    const [column, row] = known ?? [extra % COLUMNS, 7 + Math.floor(extra / COLUMNS)];
    return { city, x: column * (TILE + GAP), y: row * (TILE + GAP) };
  });
  const rows = Math.max(7, ...placed.map((p) => p.y / (TILE + GAP) + 1));
  const width = COLUMNS * (TILE + GAP) - GAP;
  const height = rows * (TILE + GAP) - GAP;
  return (
    <div className="tile-map">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="group"
        aria-labelledby="tile-map-title"
        className="tile-map-svg"
        data-testid="tile-map"
      >
        <title id="tile-map-title">{`河南省${cities.length}个推荐单位推荐材料报送情况`}</title>
        {placed.map(({ city, x, y }) => {
          const colors = PACKAGE_STATE_COLORS[city.state] ?? PACKAGE_STATE_COLORS.not_started;
          const recommended = city.counts.quota + city.counts.designated_area + city.counts.lab;
          // An accepted package is still 已报送 (its colour); the tile says how far it got.
          const state = city.acceptedAt ? '已受理' : (packageStates[city.state] ?? city.state);
          const label = `${city.name}：${state}，推荐 ${recommended} 个，名额 ${city.quota.used}/${city.quota.limit}`;
          // The name read out holds the tile's visible words, in order (what a speech-input user says to open it).
          const name = `${tileName(city)} ${state} 推荐 ${recommended} 名额 ${city.quota.used}/${city.quota.limit}`;
          return (
            <g
              key={city.authorityCode}
              transform={`translate(${x} ${y})`}
              className="tile"
              data-code={city.authorityCode}
              data-state={city.state}
              role="link"
              tabIndex={0}
              aria-label={name}
              onClick={() => onOpen(city)}
              onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && onOpen(city)}
            >
              <title>{label}</title>
              <rect
                width={TILE}
                height={TILE}
                rx={8}
                fill={colors.fill}
                stroke={city.exception ? '#722ed1' : 'rgba(0,0,0,0.08)'}
                strokeWidth={city.exception ? 3 : 1}
              />
              <text x={TILE / 2} y={34} textAnchor="middle" className="tile-name" fill={colors.text}>
                {tileName(city)}
              </text>
              <text x={TILE / 2} y={58} textAnchor="middle" className="tile-state" fill={colors.text}>
                {state}
              </text>
              <text x={TILE / 2} y={82} textAnchor="middle" className="tile-count" fill={colors.text}>
                推荐 {recommended}
              </text>
              <text x={TILE / 2} y={100} textAnchor="middle" className="tile-quota" fill={colors.text}>
                名额 {city.quota.used}/{city.quota.limit}
              </text>
            </g>
          );
        })}
      </svg>
      <ul className="tile-legend">
        {(Object.keys(packageStates) as PackageState[]).map((state) => (
          <li key={state}>
            <span className="tile-swatch" style={{ background: PACKAGE_STATE_COLORS[state].fill }} />
            {packageStates[state]} {cities.filter((c) => c.state === state).length}
          </li>
        ))}
        <li>其中已受理 {cities.filter((c) => c.acceptedAt !== null).length}</li>
        <li>
          <span className="tile-swatch tile-swatch-exception" />
          特批延期
        </li>
      </ul>
    </div>
  );
}
