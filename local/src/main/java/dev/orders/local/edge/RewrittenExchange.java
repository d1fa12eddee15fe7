package dev.orders.local.edge;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * The viewer's exchange with the request the function returned: its URI (path and query) and headers replace the
 * viewer's; everything else, the response side included, is the viewer's exchange.
 */
final class RewrittenExchange extends HttpExchange {

    private final HttpExchange viewer;
    private final URI uri;
    private final Headers headers;

    RewrittenExchange(HttpExchange viewer, URI uri, Headers headers) {
        this.viewer = viewer;
        this.uri = uri;
        this.headers = headers;
    }

    @Override
    public Headers getRequestHeaders() {
        return headers;
    }

    @Override
    public URI getRequestURI() {
        return uri;
    }

    @Override
    public Headers getResponseHeaders() {
        return viewer.getResponseHeaders();
    }

    @Override
    public String getRequestMethod() {
        return viewer.getRequestMethod();
    }

    @Override
    public HttpContext getHttpContext() {
        return viewer.getHttpContext();
    }

    @Override
    public void close() {
        viewer.close();
    }

    @Override
    public InputStream getRequestBody() {
        return viewer.getRequestBody();
    }

    @Override
    public OutputStream getResponseBody() {
        return viewer.getResponseBody();
    }

    @Override
    public void sendResponseHeaders(int rCode, long responseLength) throws IOException {
        viewer.sendResponseHeaders(rCode, responseLength);
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return viewer.getRemoteAddress();
    }

    @Override
    public int getResponseCode() {
        return viewer.getResponseCode();
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return viewer.getLocalAddress();
    }

    @Override
    public String getProtocol() {
        return viewer.getProtocol();
    }

    @Override
    public Object getAttribute(String name) {
        return viewer.getAttribute(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        viewer.setAttribute(name, value);
    }

    @Override
    public void setStreams(InputStream i, OutputStream o) {
        viewer.setStreams(i, o);
    }

    @Override
    public HttpPrincipal getPrincipal() {
        return viewer.getPrincipal();
    }
}
