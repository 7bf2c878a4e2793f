package org.bangban.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerSecretTest {
    @TempDir
    Path dir;

    @Test
    void aSecretIsCreatedOnceOwnerOnlyAndReadBackTheSame() throws IOException {
        Path dataDir = dir.resolve("data");
        ServerSecret first = ServerSecret.loadOrCreate(dataDir);
        Path file = dataDir.resolve("server-secret");
        assertThat(Files.size(file)).isEqualTo(32);
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        ServerSecret again = ServerSecret.loadOrCreate(dataDir);
        assertThat(again.bytes()).isEqualTo(first.bytes());
        assertThat(first.toString()).doesNotContain(new String(first.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1));
        try (var files = Files.list(dataDir)) {
            assertThat(files).containsExactly(file); // no temporary file left behind
        }
    }

    @Test
    void differentDataDirectoriesGetDifferentSecrets() {
        assertThat(ServerSecret.loadOrCreate(dir.resolve("a")).bytes())
                .isNotEqualTo(ServerSecret.loadOrCreate(dir.resolve("b")).bytes());
    }

    @Test
    void aDamagedSecretFileIsAClearError() throws IOException {
        Files.write(dir.resolve("server-secret"), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> ServerSecret.loadOrCreate(dir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("server-secret").hasMessageContaining("3 bytes").hasMessageContaining("Delete it");
    }
}
