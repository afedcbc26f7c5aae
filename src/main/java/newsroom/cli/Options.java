package newsroom.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options {@code --name value}. Each has an environment variable (NEWSROOM_NAME, for containers)
 * and a default; the flag wins over the variable, the variable over the default.
 */
public final class Options {
  private final Map<String, String> flags = new HashMap<>();
  private final Map<String, List<String>> repeated = new HashMap<>();
  private final Map<String, String> env;

  public Options(String[] args, Set<String> known, Map<String, String> env) {
    this(args, known, Set.of(), env);
  }

  /** {@code switches} are options that take no value ({@code --discard-live-writes}): present means on. */
  public Options(String[] args, Set<String> known, Set<String> switches, Map<String, String> env) {
    this.env = env;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + arg + "'");
      }
      String name = arg.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq < 0 && switches.contains(name)) {
        flags.put(name, "true");
        continue;
      }
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException("--" + name + " needs a value");
      }
      if (!known.contains(name) && !switches.contains(name)) {
        throw new IllegalArgumentException("unknown option --" + name + " (known: --" + String.join(", --", known) + ")");
      }
      flags.put(name, value);
      repeated.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
  }

  public String get(String name, String defaultValue) {
    String flag = flags.get(name);
    if (flag != null) {
      return flag;
    }
    String fromEnv = env.get("NEWSROOM_" + name.toUpperCase().replace('-', '_'));
    return fromEnv != null && !fromEnv.isBlank() ? fromEnv : defaultValue;
  }

  /** Every value of an option that may be given more than once ({@code --set a=1 --set b=2}), in order. */
  public List<String> all(String name) {
    return repeated.getOrDefault(name, List.of());
  }

  /** A switch ({@code --per-query true}, or one of the switches given alone), or its variable set to true. */
  public boolean flag(String name) {
    String value = get(name, "false").strip();
    return value.equalsIgnoreCase("true") || value.equalsIgnoreCase("yes");
  }

  public Path path(String name, String defaultValue) {
    return Path.of(get(name, defaultValue));
  }

  public int integer(String name, int defaultValue) {
    String value = get(name, String.valueOf(defaultValue));
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a whole number, not '" + value + "'");
    }
  }

  /** A whole number between {@code min} and {@code max}, else one line saying which are allowed. */
  public int integer(String name, int defaultValue, int min, int max) {
    int value = integer(name, defaultValue);
    if (value < min || value > max) {
      throw new IllegalArgumentException("--" + name + " must be between " + min + " and " + max + ", not " + value);
    }
    return value;
  }
}
