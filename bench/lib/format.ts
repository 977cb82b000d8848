// Number formats of the report: short, fixed significance, so table columns stay narrow.

/** 1234567 → "1.23M", 45678 → "45.7K", 512 → "512". */
export function formatRate(perSecond: number): string {
  if (perSecond >= 1e9) return `${(perSecond / 1e9).toPrecision(3)}G`;
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toPrecision(3)}M`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toPrecision(3)}K`;
  return perSecond.toPrecision(3);
}

/** 12.345 → "12.3×", 0.0456 → "0.046×". */
export function formatRatio(ratio: number): string {
  return `${ratio >= 100 ? Math.round(ratio) : ratio.toPrecision(ratio >= 1 ? 3 : 2)}×`;
}

export function formatBytes(bytes: number): string {
  const mib = bytes / 2 ** 20;
  return mib >= 1024 ? `${(mib / 1024).toFixed(1)} GiB` : `${Math.round(mib)} MiB`;
}

export function formatMillis(ms: number): string {
  return ms >= 100 ? `${Math.round(ms)}` : ms >= 1 ? ms.toFixed(1) : ms.toFixed(3);
}

/** 0.0123 → "0.012 s", 45.6 → "46 s", 1530 → "26 min". */
export function formatSeconds(seconds: number): string {
  if (seconds >= 600) return `${Math.round(seconds / 60)} min`;
  if (seconds >= 100) return `${Math.round(seconds)} s`;
  return `${seconds.toPrecision(2)} s`;
}

/** +12 % / −34 %. */
export function formatChange(change: number): string {
  const percent = Math.round(change * 100);
  return `${percent >= 0 ? "+" : "−"}${Math.abs(percent)} %`;
}
