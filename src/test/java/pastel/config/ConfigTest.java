package pastel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {

    @Test
    void defaultsNeedNoConfigurationAtAll() {
        var config = Config.fromEnvironment(Map.of());
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(config.usesPostgres()).isFalse();
        assertThat(config.publicUrl()).isEqualTo("http://127.0.0.1:8080");
        assertThat(config.insightsThreshold()).isEqualTo(10);
    }

    @Test
    void environmentOverridesTheFileWhichOverridesDefaults(@TempDir Path dir) throws Exception {
        var file = dir.resolve("pastel.properties");
        Files.writeString(file, "PASTEL_PORT=9000\nPASTEL_HOST=0.0.0.0\nPASTEL_PUBLIC_URL=https://pastel.example/\n");
        var config = Config.fromEnvironment(Map.of("PASTEL_CONFIG_FILE", file.toString(), "PASTEL_PORT", "9100",
                "PASTEL_DATABASE_URL", "jdbc:postgresql://db/pastel?user=p&password=secret"));
        assertThat(config.port()).isEqualTo(9100);
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.publicUrl()).isEqualTo("https://pastel.example");
        assertThat(config.usesPostgres()).isTrue();
        assertThat(config.describe().get("PASTEL_DATABASE_URL")).doesNotContain("secret").contains("*****");
    }

    @Test
    void credentialsInTheUrlAreMasked() {
        assertThat(Config.maskSecrets("jdbc:postgresql://pastel:hunter2@db:5432/p")).doesNotContain("hunter2");
    }

    @Test
    void badValuesFailLoudlyAndTheInsightsThresholdCannotGoBelowTen() {
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("PASTEL_PORT", "eighty"))).hasMessageContaining("PASTEL_PORT");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("PASTEL_INSIGHTS_THRESHOLD", "5")))
                .hasMessageContaining("PASTEL_INSIGHTS_THRESHOLD");
        assertThat(Config.fromEnvironment(Map.of("PASTEL_INSIGHTS_THRESHOLD", "25")).insightsThreshold()).isEqualTo(25);
    }
}
