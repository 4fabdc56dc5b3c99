import type { HistoryPoint } from '../api/types';

/**
 * Sparkline of the last 12 months of one employer: bars for the payroll
 * mass, a line for the headcount. It is a picture; its meaning is given by
 * the label (aria-label and tooltip) the caller passes.
 */
export function Sparkline({ points, label, width = 132, height = 30 }: { points: readonly HistoryPoint[]; label: string; width?: number; height?: number }) {
  const n = points.length;
  if (n === 0) return <span className="sparkline-empty">—</span>;
  const maxReal = Math.max(1, ...points.map((p) => p.real));
  const maxHead = Math.max(1, ...points.map((p) => p.headcount));
  const slot = width / n;
  const barW = Math.max(2, slot - 3);
  const pad = 2;
  const h = height - pad * 2;
  const line = points
    .map((p, i) => {
      const x = i * slot + slot / 2;
      const y = pad + h - (p.headcount / maxHead) * h;
      return `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
  return (
    <svg className="sparkline" width={width} height={height} viewBox={`0 0 ${String(width)} ${String(height)}`} role="img" aria-label={label}>
      <title>{label}</title>
      {points.map((p, i) => {
        const bh = p.real > 0 ? Math.max(1, (p.real / maxReal) * h) : 0;
        return (
          <rect
            key={p.period}
            className="sparkline-bar"
            x={(i * slot + (slot - barW) / 2).toFixed(1)}
            y={(pad + h - bh).toFixed(1)}
            width={barW.toFixed(1)}
            height={bh.toFixed(1)}
            rx={1}
          />
        );
      })}
      <path className="sparkline-line" d={line} fill="none" />
    </svg>
  );
}
