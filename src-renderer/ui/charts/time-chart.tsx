// A chart over time, drawn as SVG by hand: lines (one per series, e.g. revenue per client) or columns (one
// series, e.g. revenue per month). Nice value ticks from zero, thinned period labels, a crosshair with a
// tooltip on hover and with the arrow keys (the chart is focusable), a legend, a <title>/<desc> and a
// screen-reader table of the same numbers. It takes the width of its container and the theme's colours.
import { useMemo, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useElementWidth } from '../data-table';
import { labelEvery, linearScale, nearestIndex, niceTicks } from './scale';
import { ChartSvg } from './chart-svg';
import './charts.css';

export interface TimeSeries {
  id: string;
  label: string;
  values: number[];
  color: string;
  /** Drawn dashed (e.g. "Other clients"). */
  muted?: boolean;
}

export interface TimeChartProps {
  title: string;
  description: string;
  periods: string[];
  series: TimeSeries[];
  kind?: 'line' | 'columns';
  /** A value for tooltips ("€1,234.50"). */
  formatValue(value: number): string;
  /** A value for the axis ("€1.2K"). */
  formatAxis(value: number): string;
  /** A period on the axis ("Nov"). */
  formatPeriod(period: string): string;
  /** A period in the tooltip ("November 2026"). */
  formatPeriodLong(period: string): string;
  height?: number;
  testId?: string;
  /** Legend entries can do something (e.g. drill into a client). */
  onSeriesClick?(series: TimeSeries): void;
  /** Show the legend (default: with more than one series). */
  legend?: boolean;
}

const MARGIN = { top: 14, right: 14, bottom: 28 };

export function TimeChart({
  title,
  description,
  periods,
  series,
  kind = 'line',
  formatValue,
  formatAxis,
  formatPeriod,
  formatPeriodLong,
  height = 260,
  testId,
  onSeriesClick,
  legend,
}: TimeChartProps) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const [active, setActive] = useState<number | null>(null);
  const n = periods.length;

  const max = useMemo(() => Math.max(0, ...series.flatMap((s) => s.values)), [series]);
  const ticks = useMemo(() => niceTicks(0, max, 5, true), [max]);
  const left = Math.max(44, Math.max(...ticks.values.map((t) => formatAxis(t).length)) * 7 + 14);
  const innerW = Math.max(10, width - left - MARGIN.right);
  const innerH = height - MARGIN.top - MARGIN.bottom;
  const y = linearScale([ticks.min, ticks.max], [MARGIN.top + innerH, MARGIN.top]);
  const step = kind === 'columns' ? innerW / Math.max(1, n) : n > 1 ? innerW / (n - 1) : 0;
  const x = (i: number) => (kind === 'columns' ? left + step * (i + 0.5) : n > 1 ? left + i * step : left + innerW / 2);
  const every = labelEvery(n, innerW, 52);
  const barW = Math.max(2, Math.min(36, step * 0.62));

  const pointer = (e: MouseEvent<SVGRectElement>) => {
    const box = (e.currentTarget.ownerSVGElement ?? e.currentTarget).getBoundingClientRect();
    setActive(nearestIndex(n, x, e.clientX - box.left));
  };
  const keys = (e: KeyboardEvent<HTMLDivElement>) => {
    if (n === 0) return;
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      e.preventDefault();
      setActive((a) => Math.max(0, Math.min(n - 1, (a ?? (e.key === 'ArrowRight' ? -1 : n)) + (e.key === 'ArrowRight' ? 1 : -1))));
    } else if (e.key === 'Home') setActive(0);
    else if (e.key === 'End') setActive(n - 1);
    else if (e.key === 'Escape') setActive(null);
  };

  const tooltipLeft = active === null ? 0 : Math.min(Math.max(x(active) - 90, 0), Math.max(0, width - 200));
  const activeRows = active === null ? [] : [...series].map((s) => ({ s, v: s.values[active] ?? 0 })).sort((a, b) => b.v - a.v);

  return (
    <div className="chart" data-testid={testId}>
      <div
        ref={ref}
        className="chart-plot"
        tabIndex={0}
        role="group"
        aria-label={`${title}. Use the left and right arrow keys to read the values.`}
        onKeyDown={keys}
        onBlur={() => setActive(null)}
      >
        {width > 0 && (
          <ChartSvg width={width} height={height} title={title} description={description}>
            {ticks.values.map((t) => (
              <g key={t} className="chart-grid">
                <line x1={left} x2={left + innerW} y1={y(t)} y2={y(t)} className={t === 0 ? 'chart-baseline' : undefined} />
                <text x={left - 8} y={y(t)} dy="0.32em" textAnchor="end" className="chart-axis-label">
                  {formatAxis(t)}
                </text>
              </g>
            ))}
            {periods.map((p, i) =>
              i % every === 0 ? (
                <text key={p} x={x(i)} y={height - 8} textAnchor="middle" className="chart-axis-label">
                  {formatPeriod(p)}
                </text>
              ) : null,
            )}
            {active !== null && kind === 'columns' && <rect x={x(active) - step / 2} y={MARGIN.top} width={step} height={innerH} className="chart-hover-band" />}
            {kind === 'columns'
              ? series.slice(0, 1).map((s) =>
                  s.values.map((v, i) => (
                    <rect
                      key={`${s.id}-${i}`}
                      x={x(i) - barW / 2}
                      y={y(v)}
                      width={barW}
                      height={Math.max(0, y(0) - y(v))}
                      rx={Math.min(3, barW / 4)}
                      fill={s.color}
                      opacity={active === null || active === i ? 1 : 0.55}
                    />
                  )),
                )
              : series.map((s) => (
                  <path
                    key={s.id}
                    d={s.values.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ')}
                    fill="none"
                    stroke={s.color}
                    strokeWidth={s.muted ? 1.6 : 2.2}
                    strokeDasharray={s.muted ? '5 4' : undefined}
                    strokeLinejoin="round"
                    strokeLinecap="round"
                    className="chart-line"
                    data-series={s.id}
                  />
                ))}
            {kind === 'line' && n === 1 && series.map((s) => <circle key={s.id} cx={x(0)} cy={y(s.values[0] ?? 0)} r={3.5} fill={s.color} />)}
            {active !== null && kind === 'line' && (
              <g className="chart-crosshair">
                <line x1={x(active)} x2={x(active)} y1={MARGIN.top} y2={MARGIN.top + innerH} />
                {series.map((s) => (
                  <circle key={s.id} cx={x(active)} cy={y(s.values[active] ?? 0)} r={4} fill={s.color} className="chart-dot" />
                ))}
              </g>
            )}
            <rect x={left} y={MARGIN.top} width={innerW} height={innerH} fill="transparent" onMouseMove={pointer} onMouseLeave={() => setActive(null)} />
          </ChartSvg>
        )}
        {active !== null && (
          <div className="chart-tooltip" style={{ left: tooltipLeft }} role="status" data-testid="chart-tooltip">
            <div className="chart-tooltip-title">{formatPeriodLong(periods[active])}</div>
            {activeRows.map(({ s, v }) => (
              <div key={s.id} className="chart-tooltip-row">
                <span className="chart-swatch" style={{ background: s.color }} />
                <span className="chart-tooltip-label">{s.label}</span>
                <span className="chart-tooltip-value">{formatValue(v)}</span>
              </div>
            ))}
          </div>
        )}
      </div>
      {(legend ?? series.length > 1) && (
        <ul className="chart-legend" aria-label="Legend">
          {series.map((s) => (
            <li key={s.id}>
              {onSeriesClick && !s.muted ? (
                <button type="button" className="chart-legend-item is-link" onClick={() => onSeriesClick(s)} title={`Open ${s.label}`}>
                  <span className={`chart-swatch${s.muted ? ' is-muted' : ''}`} style={{ background: s.color }} />
                  {s.label}
                </button>
              ) : (
                <span className="chart-legend-item">
                  <span className={`chart-swatch${s.muted ? ' is-muted' : ''}`} style={{ background: s.color }} />
                  {s.label}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      <table className="sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Period</th>
            {series.map((s) => (
              <th key={s.id} scope="col">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {periods.map((p, i) => (
            <tr key={p}>
              <th scope="row">{formatPeriodLong(p)}</th>
              {series.map((s) => (
                <td key={s.id}>{formatValue(s.values[i] ?? 0)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
