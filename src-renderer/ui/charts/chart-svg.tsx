// The SVG of a chart with its accessible name: a title and a description that screen readers read first.
import { useId, type ReactNode } from 'react';

export function ChartSvg({ width, height, title, description, children }: { width: number; height: number; title: string; description: string; children: ReactNode }) {
  const titleId = useId();
  const descId = useId();
  return (
    <svg width={width} height={height} role="img" aria-labelledby={`${titleId} ${descId}`} className="chart-svg">
      <title id={titleId}>{title}</title>
      <desc id={descId}>{description}</desc>
      {children}
    </svg>
  );
}
