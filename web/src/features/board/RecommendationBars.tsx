import { channels, type Channel, type ProvinceBoardCity } from '#contract';

import { tileName } from './names';

const CHANNEL_COLORS: Record<Channel, string> = { quota: '#1f4e8c', designated_area: '#13a8a8', lab: '#722ed1' };
const ORDER: Channel[] = ['quota', 'designated_area', 'lab'];

const ROW = 22;
const LABEL = 76;
const WIDTH = 560;
const RIGHT = 44;

/**
 * Recommendations per city, stacked by channel, with the city's quota marked: who has used its
 * places, who has recommended beyond them through designated areas or labs.
 */
export function RecommendationBars({ cities }: { cities: ProvinceBoardCity[] }) {
  const total = (c: ProvinceBoardCity) => ORDER.reduce((n, ch) => n + c.counts[ch], 0);
  const max = Math.max(1, ...cities.map((c) => Math.max(total(c), c.quota.limit)));
  const scale = (WIDTH - LABEL - RIGHT) / max;
  const height = cities.length * ROW + 4;
  return (
    <div className="recommendation-bars">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-labelledby="bars-title"
        className="bars-svg"
        data-testid="recommendation-bars"
      >
        <title id="bars-title">各市推荐平台数（按渠道）与市推荐名额</title>
        {cities.map((city, i) => {
          const y = i * ROW;
          let x = LABEL;
          return (
            <g key={city.authorityCode} data-code={city.authorityCode}>
              <text x={LABEL - 8} y={y + 15} textAnchor="end" className="bars-label">
                {tileName(city)}
              </text>
              <rect x={LABEL} y={y + 4} width={city.quota.limit * scale} height={ROW - 8} fill="#f0f2f5" rx={2} />
              {ORDER.map((channel) => {
                const w = city.counts[channel] * scale;
                const bar =
                  w > 0 ? (
                    <rect
                      key={channel}
                      x={x}
                      y={y + 4}
                      width={w}
                      height={ROW - 8}
                      fill={CHANNEL_COLORS[channel]}
                      rx={2}
                    />
                  ) : null;
                x += w;
                return bar;
              })}
              <line
                x1={LABEL + city.quota.limit * scale}
                x2={LABEL + city.quota.limit * scale}
                y1={y + 2}
                y2={y + ROW - 2}
                stroke="#d46b08"
                strokeWidth={2}
                strokeDasharray="3 2"
              />
              <text x={Math.max(x, LABEL + city.quota.limit * scale) + 6} y={y + 15} className="bars-count">
                {total(city)}
              </text>
              <title>{`${city.name}：${ORDER.map((ch) => `${channels[ch]} ${city.counts[ch]}`).join('，')}；名额 ${city.quota.used}/${city.quota.limit}`}</title>
            </g>
          );
        })}
      </svg>
      <ul className="tile-legend">
        {ORDER.map((channel) => (
          <li key={channel}>
            <span className="tile-swatch" style={{ background: CHANNEL_COLORS[channel] }} />
            {channels[channel]}
          </li>
        ))}
        <li>
          <span className="bars-quota-mark" />
          市推荐名额上限
        </li>
      </ul>
    </div>
  );
}
