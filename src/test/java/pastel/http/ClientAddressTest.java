package pastel.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
    private static String client(ClientAddress addresses, String peer, String forwarded, String xff) {
        return addresses.of(peer, Collections.enumeration(forwarded == null ? List.of() : List.of(forwarded)),
                Collections.enumeration(xff == null ? List.of() : List.of(xff)));
    }

    @Test
    void withoutTrustedProxiesTheHeadersChangeNothing() {
        var none = ClientAddress.trusting("");
        assertThat(client(none, "127.0.0.1", "for=198.51.100.1", "203.0.113.9")).isEqualTo("127.0.0.1");
    }

    @Test
    void anUntrustedPeerIsTheClientWhateverItClaims() {
        var lb = ClientAddress.trusting("10.0.0.0/8");
        assertThat(client(lb, "192.0.2.50", null, "203.0.113.9")).isEqualTo("192.0.2.50");
    }

    @Test
    void theFirstUntrustedHopFromTheRightIsTheClient() {
        var lb = ClientAddress.trusting("10.0.0.0/8, 127.0.0.1");
        // The client forged the leftmost entry; the balancer appended what it really saw.
        assertThat(client(lb, "127.0.0.1", null, "6.6.6.6, 203.0.113.9")).isEqualTo("203.0.113.9");
        assertThat(client(lb, "127.0.0.1", null, "6.6.6.6, 203.0.113.9, 10.1.2.3")).isEqualTo("203.0.113.9");
        assertThat(client(lb, "127.0.0.1", null, null)).isEqualTo("127.0.0.1");
        assertThat(client(lb, "127.0.0.1", null, "not-an-address")).isEqualTo("127.0.0.1");
    }

    @Test
    void forwardedIsPreferredAndParsedPerRfc7239() {
        var lb = ClientAddress.trusting("127.0.0.1 ::1");
        assertThat(client(lb, "127.0.0.1", "for=6.6.6.6, for=\"[2001:db8::7]:4711\";proto=https", "198.51.100.1"))
                .isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThat(client(lb, "0:0:0:0:0:0:0:1", "for=192.0.2.60:8080;by=203.0.113.43", null)).isEqualTo("192.0.2.60");
        assertThat(client(lb, "127.0.0.1", "for=unknown", null)).isEqualTo("127.0.0.1");
    }

    @Test
    void cidrBlocksOfBothFamiliesMatchByPrefix() {
        var lb = ClientAddress.trusting("172.16.0.0/12,fd00::/8");
        assertThat(client(lb, "172.31.255.1", null, "203.0.113.9")).isEqualTo("203.0.113.9");
        assertThat(client(lb, "172.32.0.1", null, "203.0.113.9")).isEqualTo("172.32.0.1");
        assertThat(client(lb, "fd12::1", null, "203.0.113.9")).isEqualTo("203.0.113.9");
    }

    @Test
    void aBadListIsRefusedAtStartUp() {
        assertThatThrownBy(() -> ClientAddress.trusting("balancer.example")).hasMessageContaining("PASTEL_TRUSTED_PROXIES");
        assertThatThrownBy(() -> ClientAddress.trusting("10.0.0.0/33")).hasMessageContaining("prefix");
    }
}
