package newsroom.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (0.0.4), for tests: every line must be a HELP or TYPE
 * comment or a sample, every sample must belong to a metric whose TYPE came before it, and histograms must be
 * whole (cumulative buckets ending in {@code le="+Inf"} equal to {@code _count}).
 */
record PrometheusText(Map<String, String> types, List<Sample> samples) {

  record Sample(String name, Map<String, String> labels, double value) {}

  private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
  private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .*");
  private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
  private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(?:\\{(.*)\\})? (\\S+)(?: -?\\d+)?");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");

  static PrometheusText parse(String text) {
    Map<String, String> types = new LinkedHashMap<>();
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      if (line.isEmpty()) {
        continue;
      }
      Matcher m;
      if ((m = TYPE.matcher(line)).matches()) {
        if (types.put(m.group(1), m.group(2)) != null) {
          throw new IllegalArgumentException("TYPE given twice: " + line);
        }
      } else if (HELP.matcher(line).matches()) {
        continue;
      } else if ((m = SAMPLE.matcher(line)).matches()) {
        String name = m.group(1);
        if (family(name, types) == null) {
          throw new IllegalArgumentException("sample of no declared metric: " + line);
        }
        samples.add(new Sample(name, labels(m.group(2) == null ? "" : m.group(2), line), value(m.group(3), line)));
      } else {
        throw new IllegalArgumentException("not Prometheus text format: '" + line + "'");
      }
    }
    PrometheusText parsed = new PrometheusText(types, samples);
    parsed.checkHistograms();
    return parsed;
  }

  /** The metric a sample name belongs to: itself, or a histogram's _bucket/_sum/_count. */
  private static String family(String sample, Map<String, String> types) {
    if (types.containsKey(sample)) {
      return sample;
    }
    for (String suffix : List.of("_bucket", "_sum", "_count")) {
      String base = sample.endsWith(suffix) ? sample.substring(0, sample.length() - suffix.length()) : null;
      if (base != null && "histogram".equals(types.get(base))) {
        return base;
      }
    }
    return null;
  }

  private static Map<String, String> labels(String text, String line) {
    Map<String, String> labels = new LinkedHashMap<>();
    Matcher m = LABEL.matcher(text);
    int at = 0;
    while (at < text.length()) {
      if (!m.find(at) || m.start() != at) {
        throw new IllegalArgumentException("bad labels in: " + line);
      }
      labels.put(m.group(1), m.group(2).replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\"));
      at = m.end();
    }
    return labels;
  }

  private static double value(String text, String line) {
    return switch (text) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> {
        try {
          yield Double.parseDouble(text);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("bad value in: " + line);
        }
      }
    };
  }

  private void checkHistograms() {
    Map<Map<String, String>, List<Sample>> buckets = new HashMap<>();
    for (Sample s : samples) {
      if (s.name().endsWith("_bucket")) {
        Map<String, String> series = new HashMap<>(s.labels());
        series.remove("le");
        series.put("__name__", s.name());
        buckets.computeIfAbsent(series, k -> new ArrayList<>()).add(s);
      }
    }
    buckets.forEach(
        (series, list) -> {
          double previous = 0;
          for (Sample b : list) {
            if (b.value() < previous) {
              throw new IllegalArgumentException("buckets not cumulative: " + series);
            }
            previous = b.value();
          }
          Sample last = list.get(list.size() - 1);
          if (!"+Inf".equals(last.labels().get("le"))) {
            throw new IllegalArgumentException("last bucket is not +Inf: " + series);
          }
          Map<String, String> countLabels = new HashMap<>(series);
          String name = countLabels.remove("__name__");
          double count = value(name.replace("_bucket", "_count"), countLabels);
          if (count != last.value()) {
            throw new IllegalArgumentException("+Inf bucket " + last.value() + " != _count " + count + ": " + series);
          }
        });
  }

  /** The value of the sample with exactly these labels; 0 when there is none (a counter not yet moved). */
  double value(String name, Map<String, String> labels) {
    return samples.stream()
        .filter(s -> s.name().equals(name) && s.labels().equals(labels))
        .mapToDouble(Sample::value)
        .findFirst()
        .orElse(0);
  }

  double value(String name) {
    return value(name, Map.of());
  }
}
