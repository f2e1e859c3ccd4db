package org.shardkit.testing.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal Redis (RESP2) client for the kit's own needs: probing and flushing a server without a
 * dependency on a Redis client library. Not thread-safe; one command per connection.
 */
public final class RespClient {
    private RespClient() {}

    /**
     * Sends one command and returns the first line of the reply (e.g. {@code +PONG}, {@code +OK},
     * {@code -ERR ...}).
     *
     * @param host the host
     * @param port the port
     * @param password the password, empty for none
     * @param timeoutMillis connect and read timeout
     * @param command the command and its arguments
     * @return the reply's first line
     * @throws IOException if the server cannot be reached or answers with an error
     */
    public static String call(String host, int port, String password, int timeoutMillis, String... command)
            throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            if (!password.isEmpty()) {
                send(out, "AUTH", password);
                String auth = readLine(in);
                if (!auth.startsWith("+")) {
                    throw new IOException("Redis at " + host + ":" + port + " refused AUTH: " + auth);
                }
            }
            send(out, command);
            String reply = readLine(in);
            if (reply.startsWith("-")) {
                throw new IOException("Redis at " + host + ":" + port + " answered " + reply);
            }
            return reply;
        }
    }

    private static void send(OutputStream out, String... args) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append('*').append(args.length).append("\r\n");
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            sb.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\r') {
                in.read(); // '\n'
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        throw new IOException("connection closed before a reply");
    }
}
