package newsroom.http;

import io.javalin.http.Context;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.Request;

/**
 * Whether the client of a request being handled has hung up. Jetty does not read an HTTP/1.1 connection while
 * its request is handled, so it cannot tell; this looks at the socket itself, without reading from it: the
 * connection is registered with a selector of its own, and "readable with nothing to read" is end of stream (the
 * client closed it, or it was reset). Bytes waiting (a pipelined next request) mean the client is still there.
 *
 * <p>Nothing is set up until the first check, which a search makes only once it has run for a while; a client
 * that half-closes its side while waiting (rare; HTTP/1.1 clients do not) is taken for gone.
 */
final class ClientConnection implements BooleanSupplier, Closeable {
  private final SocketChannel channel; // null when the request did not come over a plain socket
  private Selector selector;
  private SelectionKey key;
  private boolean gone;

  private ClientConnection(SocketChannel channel) {
    this.channel = channel;
  }

  static ClientConnection of(Context ctx) {
    try {
      Request base = Request.getBaseRequest(ctx.req());
      EndPoint endPoint = base == null ? null : base.getHttpChannel().getEndPoint();
      if (endPoint instanceof SocketChannelEndPoint socket && socket.getChannel() instanceof SocketChannel channel) {
        return new ClientConnection(channel);
      }
    } catch (RuntimeException e) {
      // not Jetty's plain HTTP connection: nothing to watch
    }
    return new ClientConnection(null);
  }

  @Override
  public synchronized boolean getAsBoolean() {
    if (gone || channel == null) {
      return gone;
    }
    try {
      if (!channel.isOpen()) {
        return gone = true;
      }
      if (selector == null) {
        selector = Selector.open();
        key = channel.register(selector, SelectionKey.OP_READ);
      }
      if (selector.selectNow() > 0) {
        selector.selectedKeys().clear();
        // Readable: either bytes are waiting (the client is there) or the stream has ended (it is not).
        gone = channel.socket().getInputStream().available() == 0;
      }
    } catch (IOException | RuntimeException e) {
      gone = true; // reset, or closed under us
    }
    return gone;
  }

  /** Unregisters from the socket; must be called before the answer is written. */
  @Override
  public synchronized void close() {
    if (selector != null) {
      try {
        if (key != null) {
          key.cancel();
        }
        selector.close();
      } catch (IOException e) {
        // nothing left to release
      }
      selector = null;
    }
  }
}
