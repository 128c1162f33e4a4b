// Horizontal bars, drawn as SVG by hand (top clients, top products): a label, a bar scaled from zero on
// nice ticks, and the value; a bar can be a button (drill into the client). Tooltips come from each bar's
// <title>; the chart is described by its own <title>/<desc>.
import { useMemo } from 'react';
import { useElementWidth } from '../data-table';
import { linearScale, niceTicks } from './scale';
import { ChartSvg } from './chart-svg';
import './charts.css';

export interface BarRow {
  key: string | number;
  label: string;
  value: number;
  /** Shown after the value ("32 %"). */
  note?: string;
  color?: string;
  onClick?(): void;
  /** Marks demo data. */
  demo?: boolean;
}

const ROW_H = 30;
const LABEL_W = 170;
const VALUE_W = 120;

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function BarChart({
  title,
  description,
  rows,
  formatValue,
  formatAxis,
  color = 'var(--chart-1)',
  testId,
}: {
  title: string;
  description: string;
  rows: BarRow[];
  formatValue(value: number): string;
  formatAxis(value: number): string;
  color?: string;
  testId?: string;
}) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const ticks = useMemo(() => niceTicks(0, Math.max(0, ...rows.map((r) => r.value)), 4, true), [rows]);
  const labelW = width < 420 ? 110 : LABEL_W;
  const left = labelW + 8;
  const right = width - VALUE_W;
  const x = linearScale([0, ticks.max], [left, Math.max(left + 10, right)]);
  const height = rows.length * ROW_H + 24;
  const maxChars = Math.floor(labelW / 7);

  return (
    <div className="chart" data-testid={testId}>
      <div ref={ref} className="chart-plot">
        {width > 0 && (
          <ChartSvg width={width} height={height} title={title} description={description}>
            {ticks.values.map((t) => (
              <g key={t} className="chart-grid">
                <line x1={x(t)} x2={x(t)} y1={0} y2={rows.length * ROW_H} className={t === 0 ? 'chart-baseline' : undefined} />
                <text x={x(t)} y={height - 6} textAnchor="middle" className="chart-axis-label">
                  {formatAxis(t)}
                </text>
              </g>
            ))}
            {rows.map((r, i) => {
              const top = i * ROW_H;
              const bar = (
                <>
                  <title>{`${r.label}${r.demo ? ' (demo)' : ''}: ${formatValue(r.value)}${r.note ? ` · ${r.note}` : ''}`}</title>
                  <rect x={0} y={top} width={width} height={ROW_H} className="chart-row-hit" />
                  <text x={labelW} y={top + ROW_H / 2} dy="0.32em" textAnchor="end" className="chart-bar-label">
                    {truncate(r.label, maxChars)}
                  </text>
                  <rect x={x(0)} y={top + 7} width={Math.max(2, x(r.value) - x(0))} height={ROW_H - 14} rx={3} fill={r.color ?? color} className="chart-bar" />
                  <text x={x(r.value) + 8} y={top + ROW_H / 2} dy="0.32em" className="chart-bar-value">
                    {formatValue(r.value)}
                    {r.note && <tspan className="chart-bar-note"> · {r.note}</tspan>}
                  </text>
                </>
              );
              return r.onClick ? (
                <g
                  key={r.key}
                  role="button"
                  tabIndex={0}
                  aria-label={`${r.label}: ${formatValue(r.value)}. Open`}
                  className="chart-bar-row is-link"
                  onClick={r.onClick}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault();
                      r.onClick?.();
                    }
                  }}
                  data-testid="bar-row"
                >
                  {bar}
                </g>
              ) : (
                <g key={r.key} className="chart-bar-row" data-testid="bar-row">
                  {bar}
                </g>
              );
            })}
          </ChartSvg>
        )}
      </div>
    </div>
  );
}
