package newsroom.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** One HTTP/1.1 GET over a plain socket, read byte by byte as it arrives: for timing and for hanging up early. */
final class RawHttp implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final long sent;

  private RawHttp(Socket socket, long sent) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.sent = sent;
  }

  static RawHttp get(int port, String pathAndQuery) throws IOException {
    Socket socket = new Socket("localhost", port);
    socket.setSoTimeout(30_000);
    String request = "GET " + pathAndQuery + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
    long sent = System.nanoTime();
    socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    return new RawHttp(socket, sent);
  }

  /** Reads until {@code marker} has arrived; returns what was read. */
  String readUntil(String marker) throws IOException {
    ByteArrayOutputStream read = new ByteArrayOutputStream();
    byte[] m = marker.getBytes(StandardCharsets.UTF_8);
    int matched = 0;
    int b;
    while ((b = in.read()) >= 0) {
      read.write(b);
      matched = b == m[matched] ? matched + 1 : (b == m[0] ? 1 : 0);
      if (matched == m.length) {
        return read.toString(StandardCharsets.UTF_8);
      }
    }
    throw new IOException("the answer ended before " + marker + ": " + read.toString(StandardCharsets.UTF_8));
  }

  double secondsSinceSent() {
    return (System.nanoTime() - sent) / 1e9;
  }

  /** Reads the rest of the answer; returns how many bytes it had. */
  long drain() throws IOException {
    return in.transferTo(OutputStreamNull.INSTANCE);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  private static final class OutputStreamNull extends java.io.OutputStream {
    static final OutputStreamNull INSTANCE = new OutputStreamNull();

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
  }
}
