package pastel.http;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/// The one place that says which address a request comes from: what per-address limits count
/// and what the request log prints (Javalin's `ctx.ip()` is wired to [#of]).
///
/// The peer of the TCP connection is the client unless it is one of the trusted proxies
/// (`PASTEL_TRUSTED_PROXIES`: addresses or CIDR blocks). Only then are `Forwarded` (RFC 7239,
/// preferred when present) or `X-Forwarded-For` read, from the right: each proxy appends the
/// address it received the request from, so the first address from the right that is not a
/// trusted proxy is the client, and anything left of it may be forged by that client. A header
/// from an untrusted peer changes nothing.
public final class ClientAddress {
    private final List<Block> trusted;

    private ClientAddress(List<Block> trusted) {
        this.trusted = trusted;
    }

    /// Parses a comma or space separated list of addresses and CIDR blocks (IPv4 or IPv6);
    /// empty trusts nobody. Host names are refused (no DNS look-ups at start-up or per request).
    public static ClientAddress trusting(String list) {
        var blocks = new ArrayList<Block>();
        for (var item : list == null ? new String[0] : list.trim().split("[,\\s]+")) {
            if (item.isEmpty()) continue;
            blocks.add(Block.parse(item));
        }
        return new ClientAddress(List.copyOf(blocks));
    }

    public boolean trustsAnyone() {
        return !trusted.isEmpty();
    }

    /// The client address of a request seen by Javalin.
    public String of(Context ctx) {
        return of(ctx.req().getRemoteAddr(), ctx.req().getHeaders("Forwarded"), ctx.req().getHeaders("X-Forwarded-For"));
    }

    /// The client address from the TCP peer and the values of the `Forwarded` and `X-Forwarded-For` headers.
    public String of(String peer, java.util.Enumeration<String> forwarded, java.util.Enumeration<String> forwardedFor) {
        var peerAddress = literal(peer);
        if (peerAddress == null || !isTrusted(peerAddress)) return peer;
        var hops = forwarded != null && forwarded.hasMoreElements() ? forwardedFor(forwarded) : xForwardedFor(forwardedFor);
        var client = peerAddress;
        for (int i = hops.size() - 1; i >= 0; i--) {
            var hop = literal(hops.get(i));
            // An unknown or obfuscated hop ("unknown", "_proxy1") cannot be checked: the last
            // address we could vouch for is the best answer.
            if (hop == null) break;
            client = hop;
            if (!isTrusted(hop)) break;
        }
        return client.getHostAddress();
    }

    private boolean isTrusted(InetAddress address) {
        for (var block : trusted) {
            if (block.contains(address)) return true;
        }
        return false;
    }

    private static List<String> xForwardedFor(java.util.Enumeration<String> values) {
        var hops = new ArrayList<String>();
        while (values != null && values.hasMoreElements()) {
            for (var part : values.nextElement().split(",")) hops.add(part.trim());
        }
        return hops;
    }

    // RFC 7239: elements separated by commas, pairs by semicolons; the `for` value may be quoted,
    // an IPv6 address is bracketed, and either may carry a port.
    private static List<String> forwardedFor(java.util.Enumeration<String> values) {
        var hops = new ArrayList<String>();
        while (values.hasMoreElements()) {
            for (var element : values.nextElement().split(",")) {
                String node = "unknown";
                for (var pair : element.split(";")) {
                    var equals = pair.indexOf('=');
                    if (equals > 0 && pair.substring(0, equals).trim().equalsIgnoreCase("for")) {
                        node = pair.substring(equals + 1).trim();
                    }
                }
                if (node.startsWith("\"") && node.endsWith("\"") && node.length() >= 2) {
                    node = node.substring(1, node.length() - 1);
                }
                if (node.startsWith("[")) {
                    var end = node.indexOf(']');
                    node = end > 0 ? node.substring(1, end) : "unknown";
                } else if (node.indexOf(':') == node.lastIndexOf(':') && node.indexOf(':') > 0) {
                    node = node.substring(0, node.indexOf(':'));
                }
                hops.add(node);
            }
        }
        return hops;
    }

    /// An IP address literal, or null for anything else (never a DNS look-up).
    static InetAddress literal(String text) {
        if (text == null) return null;
        var value = text.trim();
        if (value.startsWith("[") && value.endsWith("]")) value = value.substring(1, value.length() - 1);
        if (value.isEmpty()) return null;
        try {
            return InetAddress.ofLiteral(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /// An address block: `prefix` leading bits of `network` must match.
    record Block(byte[] network, int prefix) {
        static Block parse(String text) {
            var slash = text.indexOf('/');
            var address = literal(slash < 0 ? text : text.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("PASTEL_TRUSTED_PROXIES: '" + text
                        + "' is not an IP address or CIDR block (host names are not accepted)");
            }
            var bits = address.getAddress().length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(text.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException("PASTEL_TRUSTED_PROXIES: bad prefix length in '" + text + "'");
                }
            }
            return new Block(address.getAddress(), prefix);
        }

        boolean contains(InetAddress address) {
            var bytes = address.getAddress();
            // An IPv4 client seen on an IPv6 socket (::ffff:a.b.c.d) matches IPv4 blocks.
            if (bytes.length == 16 && network.length == 4 && isMapped(bytes)) {
                bytes = java.util.Arrays.copyOfRange(bytes, 12, 16);
            }
            if (bytes.length != network.length) return false;
            for (int bit = 0; bit < prefix; bit++) {
                var mask = 0x80 >>> (bit % 8);
                if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) return false;
            }
            return true;
        }

        private static boolean isMapped(byte[] bytes) {
            for (int i = 0; i < 10; i++) if (bytes[i] != 0) return false;
            return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
        }

        @Override
        public String toString() {
            try {
                return InetAddress.getByAddress(network).getHostAddress().toLowerCase(Locale.ROOT) + "/" + prefix;
            } catch (UnknownHostException e) {
                return "?";
            }
        }
    }
}
