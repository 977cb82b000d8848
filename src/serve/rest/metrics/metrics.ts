/**
 * A small Prometheus registry: counters, histograms and gauges read at scrape time, rendered in the
 * text exposition format (version 0.0.4). Label values come from route patterns and product ids, never
 * from raw request text, so the number of series stays bounded.
 */
export class MetricsRegistry {
  private readonly metrics: Metric[] = [];

  counter(name: string, help: string, labels: readonly string[]): Counter {
    return this.add(new Counter(name, help, labels));
  }

  histogram(name: string, help: string, labels: readonly string[], buckets: readonly number[]): Histogram {
    return this.add(new Histogram(name, help, labels, buckets));
  }

  /** A gauge whose samples are computed when scraped. */
  gauge(name: string, help: string, labels: readonly string[], collect: () => Iterable<Sample>): void {
    this.add(new Gauge(name, help, labels, collect));
  }

  render(): string {
    return this.metrics.map((m) => m.render()).join("");
  }

  private add<M extends Metric>(metric: M): M {
    this.metrics.push(metric);
    return metric;
  }
}

export interface Sample {
  readonly labels: readonly string[];
  readonly value: number;
}

interface Metric {
  render(): string;
}

abstract class Series implements Metric {
  readonly name: string;
  readonly help: string;
  readonly labels: readonly string[];
  abstract readonly type: string;

  constructor(name: string, help: string, labels: readonly string[]) {
    this.name = name;
    this.help = help;
    this.labels = labels;
  }

  protected header(): string {
    return `# HELP ${this.name} ${this.help}\n# TYPE ${this.name} ${this.type}\n`;
  }

  protected labelText(values: readonly string[], extra = ""): string {
    const pairs = this.labels.map((l, i) => `${l}="${escapeLabel(values[i] ?? "")}"`);
    if (extra) pairs.push(extra);
    return pairs.length === 0 ? "" : `{${pairs.join(",")}}`;
  }

  abstract render(): string;
}

export class Counter extends Series {
  readonly type = "counter";
  private readonly values = new Map<string, { labels: readonly string[]; value: number }>();

  inc(labels: readonly string[], by = 1): void {
    const key = labels.join("\u0000");
    const entry = this.values.get(key);
    if (entry) entry.value += by;
    else this.values.set(key, { labels: [...labels], value: by });
  }

  value(labels: readonly string[]): number {
    return this.values.get(labels.join("\u0000"))?.value ?? 0;
  }

  /** Every series: its label values and count. */
  entries(): Iterable<{ readonly labels: readonly string[]; readonly value: number }> {
    return this.values.values();
  }

  render(): string {
    let out = this.header();
    for (const { labels, value } of this.values.values())
      out += `${this.name}${this.labelText(labels)} ${value}\n`;
    return out;
  }
}

export class Histogram extends Series {
  readonly type = "histogram";
  readonly buckets: readonly number[];
  private readonly series = new Map<
    string,
    { labels: readonly string[]; counts: number[]; sum: number; count: number }
  >();

  constructor(name: string, help: string, labels: readonly string[], buckets: readonly number[]) {
    super(name, help, labels);
    this.buckets = [...buckets].sort((a, b) => a - b);
  }

  observe(labels: readonly string[], value: number): void {
    const key = labels.join("\u0000");
    let entry = this.series.get(key);
    if (!entry) {
      entry = { labels: [...labels], counts: this.buckets.map(() => 0), sum: 0, count: 0 };
      this.series.set(key, entry);
    }
    for (let i = 0; i < this.buckets.length; i++) if (value <= this.buckets[i]!) entry.counts[i]!++;
    entry.sum += value;
    entry.count++;
  }

  /** Sum and count of the observations of every series together. */
  totals(): { readonly sum: number; readonly count: number } {
    let sum = 0;
    let count = 0;
    for (const entry of this.series.values()) {
      sum += entry.sum;
      count += entry.count;
    }
    return { sum, count };
  }

  render(): string {
    let out = this.header();
    for (const { labels, counts, sum, count } of this.series.values()) {
      this.buckets.forEach((le, i) => {
        out += `${this.name}_bucket${this.labelText(labels, `le="${le}"`)} ${counts[i]}\n`;
      });
      out += `${this.name}_bucket${this.labelText(labels, 'le="+Inf"')} ${count}\n`;
      out += `${this.name}_sum${this.labelText(labels)} ${sum}\n`;
      out += `${this.name}_count${this.labelText(labels)} ${count}\n`;
    }
    return out;
  }
}

class Gauge extends Series {
  readonly type = "gauge";
  private readonly collect: () => Iterable<Sample>;

  constructor(name: string, help: string, labels: readonly string[], collect: () => Iterable<Sample>) {
    super(name, help, labels);
    this.collect = collect;
  }

  render(): string {
    let out = this.header();
    for (const { labels, value } of this.collect()) out += `${this.name}${this.labelText(labels)} ${value}\n`;
    return out;
  }
}

function escapeLabel(value: string): string {
  return value.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n");
}
