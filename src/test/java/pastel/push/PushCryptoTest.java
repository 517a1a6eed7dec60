package pastel.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPrivateKeySpec;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import pastel.http.Json;

/// The two pieces of cryptography Web Push needs, against the RFCs' own material.
class PushCryptoTest {
    private static final Base64.Decoder B64 = Base64.getUrlDecoder();

    /// RFC 8291 Appendix A: with the example's keys, salt and secret, the message is byte for byte
    /// the one the RFC prints.
    @Test
    void encryptionReproducesTheWorkedExampleOfRfc8291() throws Exception {
        var plaintext = "When I grow up, I want to be a watermelon".getBytes(StandardCharsets.UTF_8);
        var serverPublic = B64.decode("BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8");
        var serverPrivate = B64.decode("yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw");
        var userAgentPublic = B64.decode("BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4");
        var salt = B64.decode("DGv6ra1nlYgDCS1FRnbzlw");
        var auth = B64.decode("BTBZMqHH6r4Tts7J_aSIgg");
        var expected = "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";

        var publicKey = EcKeys.decode(serverPublic);
        var privateKey = KeyFactory.getInstance("EC").generatePrivate(
                new ECPrivateKeySpec(new BigInteger(1, serverPrivate), publicKey.getParams()));
        var message = WebPushEncryption.encrypt(plaintext, userAgentPublic, auth, new KeyPair(publicKey, privateKey), salt);

        assertThat(Base64.getUrlEncoder().withoutPadding().encodeToString(message)).isEqualTo(expected);
    }

    @Test
    void aPublicKeyIsTheUncompressedPointAndRoundTrips() throws Exception {
        var pair = EcKeys.generate();
        var point = EcKeys.encode((ECPublicKey) pair.getPublic());
        assertThat(point).hasSize(65);
        assertThat(point[0]).isEqualTo((byte) 4);
        assertThat(EcKeys.decode(point)).isEqualTo(pair.getPublic());
    }

    /// RFC 8292 section 2 and RFC 7515: header and claims as specified, the signature in JOSE's
    /// R || S form (64 bytes) that verifies with the public key, never the JDK's DER default.
    @Test
    void theVapidTokenIsAnEs256JwtSignedInRAndSForm() throws Exception {
        var key = VapidKey.generate("k1");
        var now = Instant.parse("2026-06-01T10:00:00Z");
        var header = VapidToken.authorization(java.net.URI.create("https://push.example.net:8443/wpush/abc?x=1"), key,
                "mailto:ops@example.org", now);
        assertThat(header).startsWith("vapid t=").endsWith(", k=" + key.publicKey());
        var jwt = header.substring("vapid t=".length(), header.indexOf(", k=")).split("\\.");
        assertThat(jwt).hasSize(3);
        var joseHeader = Json.MAPPER.readTree(B64.decode(jwt[0]));
        assertThat(joseHeader.get("alg").asText()).isEqualTo("ES256");
        assertThat(joseHeader.get("typ").asText()).isEqualTo("JWT");
        var claims = Json.MAPPER.readTree(B64.decode(jwt[1]));
        assertThat(claims.get("aud").asText()).isEqualTo("https://push.example.net:8443");
        assertThat(claims.get("sub").asText()).isEqualTo("mailto:ops@example.org");
        assertThat(claims.get("exp").asLong()).isEqualTo(now.getEpochSecond() + 12 * 3600);
        var signature = B64.decode(jwt[2]);
        assertThat(signature).hasSize(64);
        var verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(EcKeys.decode(B64.decode(key.publicKey())));
        verifier.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(signature)).isTrue();
    }

    @Test
    void aStoredKeyReadsBackAsTheSameKey() {
        var key = VapidKey.generate("k2");
        var read = VapidKey.fromStored("k2", key.publicKey(), key.storedPrivateKey());
        assertThat(read.privateKey()).isEqualTo(key.privateKey());
        assertThat(key.storedPrivateKey().length()).isLessThan(400);
    }
}
