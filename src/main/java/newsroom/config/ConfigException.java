package newsroom.config;

/** Configuration that cannot work; the message is one line that names the file and what to change. */
public final class ConfigException extends IllegalArgumentException {
  public ConfigException(String message) {
    super(message);
  }
}
