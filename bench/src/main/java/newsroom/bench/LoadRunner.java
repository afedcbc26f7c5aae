package newsroom.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Puts the query mix to a target with a fixed number of client threads, each sending its next query as soon as
 * the previous answer is in (a closed loop), until a request count or a time limit is reached, whichever comes
 * first. Records every latency and the first answer to each query.
 */
public final class LoadRunner {

  /** What one answer said: enough to check it and to compare engines. */
  public record Answer(int status, long total, int hits) {
    public boolean ok() {
      return status == 200;
    }
  }

  /** Something that answers benchmark requests: the searcher, the HTTP API, PostgreSQL (queries), writes. */
  public interface Target<Q> {
    Answer run(Q request) throws Exception;
  }

  /**
   * A finished run.
   *
   * @param answers the first answer to each query of the mix (null if it was never sent)
   * @param latencyNanos every request's latency, in the order recorded
   * @param queryOfSample which query of the mix each latency belongs to
   */
  public record Result(
      int concurrency,
      long requests,
      long failures,
      Duration elapsed,
      List<Answer> answers,
      long[] latencyNanos,
      int[] queryOfSample) {

    public double qps() {
      return requests / Math.max(elapsed.toNanos() / 1e9, 1e-9);
    }

    /** The latency at a percentile (nearest rank), in milliseconds. */
    public double percentileMs(double p) {
      return percentileMs(latencyNanos, p);
    }

    static double percentileMs(long[] nanos, double p) {
      if (nanos.length == 0) {
        return Double.NaN;
      }
      long[] sorted = nanos.clone();
      Arrays.sort(sorted);
      int rank = (int) Math.ceil(p / 100 * sorted.length);
      return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    /** A latency percentile of the requests whose query is of one kind, in milliseconds. */
    public double percentileMs(List<BenchQuery> mix, String kind, double p) {
      return percentileMs(
          java.util.stream.IntStream.range(0, latencyNanos.length)
              .filter(i -> mix.get(queryOfSample[i]).kind().equals(kind))
              .mapToLong(i -> latencyNanos[i])
              .toArray(),
          p);
    }
  }

  private LoadRunner() {}

  /**
   * Sends queries of {@code mix} in order (wrapping round) from {@code concurrency} threads until
   * {@code maxRequests} were sent or {@code maxDuration} passed.
   */
  public static <Q> Result run(
      List<Q> mix, Target<Q> target, int concurrency, long maxRequests, Duration maxDuration) {
    AtomicLong next = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    AtomicReferenceArray<Answer> answers = new AtomicReferenceArray<>(mix.size());
    long deadline = System.nanoTime() + maxDuration.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    List<Future<Samples>> workers = new ArrayList<>();
    long start = System.nanoTime();
    for (int t = 0; t < concurrency; t++) {
      workers.add(
          pool.submit(
              () -> {
                Samples samples = new Samples();
                long n;
                while ((n = next.getAndIncrement()) < maxRequests && System.nanoTime() < deadline) {
                  int q = (int) (n % mix.size());
                  long t0 = System.nanoTime();
                  Answer answer;
                  try {
                    answer = target.run(mix.get(q));
                  } catch (Exception e) {
                    answer = new Answer(-1, -1, 0);
                  }
                  samples.add(q, System.nanoTime() - t0);
                  if (!answer.ok()) {
                    failures.incrementAndGet();
                  }
                  answers.compareAndSet(q, null, answer);
                }
                return samples;
              }));
    }
    Samples all = new Samples();
    try {
      for (Future<Samples> w : workers) {
        all.addAll(w.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    List<Answer> firstAnswers = new ArrayList<>(mix.size());
    for (int i = 0; i < mix.size(); i++) {
      firstAnswers.add(answers.get(i));
    }
    return new Result(
        concurrency, all.size, failures.get(), elapsed, firstAnswers, all.nanos(), all.queries());
  }

  /** Latencies of one client thread: primitive arrays, so recording costs nothing next to a query. */
  private static final class Samples {
    long[] nanos = new long[1024];
    int[] queries = new int[1024];
    int size;

    void add(int query, long latency) {
      if (size == nanos.length) {
        nanos = Arrays.copyOf(nanos, size * 2);
        queries = Arrays.copyOf(queries, size * 2);
      }
      nanos[size] = latency;
      queries[size++] = query;
    }

    void addAll(Samples other) {
      for (int i = 0; i < other.size; i++) {
        add(other.queries[i], other.nanos[i]);
      }
    }

    long[] nanos() {
      return Arrays.copyOf(nanos, size);
    }

    int[] queries() {
      return Arrays.copyOf(queries, size);
    }
  }
}
