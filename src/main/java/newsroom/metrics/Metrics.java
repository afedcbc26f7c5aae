package newsroom.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/**
 * A registry of metrics, written out in the Prometheus text exposition format (version 0.0.4) for
 * {@code GET /metrics}: counters and histograms (fixed buckets) that the code updates, and gauges and counters whose
 * value is read when scraped. Each metric may have labels; a metric's children are created on first use. Thread
 * safe; updating costs an adder increment or two.
 */
public final class Metrics {
  /** The content type of {@link #scrape()}. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /** Latency buckets in seconds, from a millisecond to ten seconds. */
  public static final double[] LATENCY_BUCKETS = {
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
  };

  private final Map<String, Family> families = new LinkedHashMap<>();
  private final List<Runnable> beforeScrape = new ArrayList<>();

  /** A counter that the code increments. Its name should end in {@code _total}. */
  public synchronized Counter counter(String name, String help, String... labelNames) {
    return register(new Counter(name, help, labelNames));
  }

  /** A histogram with the given upper bounds (ascending; {@code +Inf} is added). */
  public synchronized Histogram histogram(String name, String help, double[] buckets, String... labelNames) {
    return register(new Histogram(name, help, buckets, labelNames));
  }

  /** A gauge read when scraped; add its children with {@link Sampled#child}. */
  public synchronized Sampled gauge(String name, String help, String... labelNames) {
    return register(new Sampled(name, help, "gauge", labelNames));
  }

  /** A counter read when scraped (a total that something else keeps); add children with {@link Sampled#child}. */
  public synchronized Sampled counterOf(String name, String help, String... labelNames) {
    return register(new Sampled(name, help, "counter", labelNames));
  }

  /** Runs before each scrape, to read figures that gauges then report (one status call for several gauges). */
  public synchronized void beforeScrape(Runnable action) {
    beforeScrape.add(action);
  }

  /** Every metric in the text exposition format. */
  public String scrape() {
    List<Family> snapshot;
    List<Runnable> actions;
    synchronized (this) {
      snapshot = List.copyOf(families.values());
      actions = List.copyOf(beforeScrape);
    }
    actions.forEach(Runnable::run);
    StringBuilder out = new StringBuilder(8192);
    for (Family f : snapshot) {
      out.append("# HELP ").append(f.name).append(' ').append(f.help.replace("\\", "\\\\").replace("\n", "\\n"))
          .append('\n');
      out.append("# TYPE ").append(f.name).append(' ').append(f.type).append('\n');
      f.write(out);
    }
    return out.toString();
  }

  private <F extends Family> F register(F family) {
    if (!family.name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
      throw new IllegalArgumentException("not a metric name: " + family.name);
    }
    if (families.putIfAbsent(family.name, family) != null) {
      throw new IllegalArgumentException("metric registered twice: " + family.name);
    }
    return family;
  }

  /** One metric: a name, its type and help, and its children by label values. */
  abstract static class Family {
    final String name;
    final String help;
    final String type;
    final List<String> labelNames;

    Family(String name, String help, String type, String[] labelNames) {
      this.name = name;
      this.help = help;
      this.type = type;
      this.labelNames = List.of(labelNames);
    }

    abstract void write(StringBuilder out);

    List<String> key(String[] labelValues) {
      if (labelValues.length != labelNames.size()) {
        throw new IllegalArgumentException(name + " has labels " + labelNames + ", given " + Arrays.toString(labelValues));
      }
      return List.of(labelValues);
    }

    void sample(StringBuilder out, String suffix, List<String> values, String extraName, String extraValue, double v) {
      out.append(name).append(suffix);
      if (!values.isEmpty() || extraName != null) {
        out.append('{');
        for (int i = 0; i < values.size(); i++) {
          label(out, i > 0, labelNames.get(i), values.get(i));
        }
        if (extraName != null) {
          label(out, !values.isEmpty(), extraName, extraValue);
        }
        out.append('}');
      }
      out.append(' ').append(number(v)).append('\n');
    }

    private static void label(StringBuilder out, boolean comma, String name, String value) {
      out.append(comma ? "," : "").append(name).append("=\"")
          .append(value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")).append('"');
    }
  }

  static String number(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  /** A counter the code increments, by label values. */
  public static final class Counter extends Family {
    private final ConcurrentMap<List<String>, DoubleAdder> children = new ConcurrentHashMap<>();

    Counter(String name, String help, String[] labelNames) {
      super(name, help, "counter", labelNames);
    }

    public void inc(String... labelValues) {
      add(1, labelValues);
    }

    public void add(double amount, String... labelValues) {
      if (amount < 0) {
        throw new IllegalArgumentException("a counter only goes up");
      }
      children.computeIfAbsent(key(labelValues), k -> new DoubleAdder()).add(amount);
    }

    public double value(String... labelValues) {
      DoubleAdder a = children.get(key(labelValues));
      return a == null ? 0 : a.sum();
    }

    @Override
    void write(StringBuilder out) {
      children.forEach((labels, adder) -> sample(out, "", labels, null, null, adder.sum()));
    }
  }

  /** Observations counted into fixed buckets, with their sum and count, by label values. */
  public static final class Histogram extends Family {
    private final double[] bounds;
    private final ConcurrentMap<List<String>, Child> children = new ConcurrentHashMap<>();

    private record Child(LongAdder[] buckets, DoubleAdder sum, LongAdder count) {}

    Histogram(String name, String help, double[] bounds, String[] labelNames) {
      super(name, help, "histogram", labelNames);
      for (int i = 1; i < bounds.length; i++) {
        if (bounds[i] <= bounds[i - 1]) {
          throw new IllegalArgumentException(name + ": buckets must ascend");
        }
      }
      this.bounds = bounds.clone();
    }

    public void observe(double value, String... labelValues) {
      Child c =
          children.computeIfAbsent(
              key(labelValues),
              k -> {
                LongAdder[] buckets = new LongAdder[bounds.length];
                Arrays.setAll(buckets, i -> new LongAdder());
                return new Child(buckets, new DoubleAdder(), new LongAdder());
              });
      int i = Arrays.binarySearch(bounds, value);
      int bucket = i >= 0 ? i : -i - 1; // the first bound >= value; bounds.length means only +Inf
      if (bucket < bounds.length) {
        c.buckets[bucket].increment();
      }
      c.sum.add(value);
      c.count.increment();
    }

    /** Observes a duration given in nanoseconds, in seconds. */
    public void observeNanos(long nanos, String... labelValues) {
      observe(nanos / 1e9, labelValues);
    }

    @Override
    void write(StringBuilder out) {
      children.forEach(
          (labels, c) -> {
            long count = c.count.sum(); // read first: the buckets then hold at least as many (never fewer)
            long cumulative = 0;
            for (int i = 0; i < bounds.length; i++) {
              cumulative += c.buckets[i].sum();
              sample(out, "_bucket", labels, "le", number(bounds[i]), Math.min(cumulative, count));
            }
            sample(out, "_bucket", labels, "le", "+Inf", count);
            sample(out, "_sum", labels, null, null, c.sum.sum());
            sample(out, "_count", labels, null, null, count);
          });
    }
  }

  /** A metric whose children are read when scraped. */
  public static final class Sampled extends Family {
    private final Map<List<String>, DoubleSupplier> children = new ConcurrentHashMap<>();

    Sampled(String name, String help, String type, String[] labelNames) {
      super(name, help, type, labelNames);
    }

    /** Adds the child with these label values, read from {@code value} at each scrape. */
    public Sampled child(DoubleSupplier value, String... labelValues) {
      children.put(key(labelValues), value);
      return this;
    }

    @Override
    void write(StringBuilder out) {
      // Sorted by label values, so the output is the same from scrape to scrape.
      children.entrySet().stream()
          .sorted(Map.Entry.comparingByKey((a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b))))
          .forEach(e -> sample(out, "", e.getKey(), null, null, e.getValue().getAsDouble()));
    }
  }
}
