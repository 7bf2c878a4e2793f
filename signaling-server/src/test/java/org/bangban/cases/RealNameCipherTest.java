package org.bangban.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bangban.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RealNameCipherTest {
    @TempDir
    Path dir;

    private final RealNameCipher cipher = RealNameCipher.ofBase64(RealNameCipher.newKeyBase64());

    @Test
    void roundTripsWithAFreshNonceEveryTimeAndTheKeyIdInFront() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            String sealed = cipher.encrypt("110101199003071234", "BB-20261126-000001/id_number");
            assertThat(sealed).startsWith(cipher.currentKeyId() + ":").doesNotContain("1234");
            assertThat(seen.add(sealed)).as("the same value never encrypts the same way twice").isTrue();
            assertThat(cipher.decrypt(sealed, "BB-20261126-000001/id_number")).isEqualTo("110101199003071234");
            byte[] raw = Base64.getDecoder().decode(sealed.substring(sealed.indexOf(':') + 1));
            assertThat(raw).hasSize(12 + "110101199003071234".length() + 16); // nonce, ciphertext, tag
        }
        assertThat(cipher.currentKeyId()).matches("[0-9a-f]{8}");
        assertThat(cipher.encrypt(null, "x")).isNull();
        assertThat(cipher.decrypt(null, "x")).isNull();
        assertThat(cipher.decrypt(cipher.encrypt("张三", "c"), "c")).isEqualTo("张三");
    }

    @Test
    void aValueMovedToAnotherCaseOrFieldOrAlteredDoesNotDecrypt() {
        String sealed = cipher.encrypt("13812345678", "BB-20261126-000001/phone");
        assertThatThrownBy(() -> cipher.decrypt(sealed, "BB-20261126-000002/phone"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("altered");
        assertThatThrownBy(() -> cipher.decrypt(sealed, "BB-20261126-000001/id_number"))
                .isInstanceOf(IllegalStateException.class);
        char[] chars = sealed.toCharArray();
        int last = chars.length - 3;
        chars[last] = chars[last] == 'A' ? 'B' : 'A';
        assertThatThrownBy(() -> cipher.decrypt(new String(chars), "BB-20261126-000001/phone"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void keysRotateNewValuesUnderTheFirstOldOnesStillReadable() {
        String oldKey = RealNameCipher.newKeyBase64();
        String newKey = RealNameCipher.newKeyBase64();
        RealNameCipher before = RealNameCipher.ofBase64(oldKey);
        String sealedBefore = before.encrypt("张三", "c");
        RealNameCipher after = RealNameCipher.ofBase64(newKey + ", " + oldKey);
        assertThat(after.currentKeyId()).isNotEqualTo(before.currentKeyId());
        assertThat(after.decrypt(sealedBefore, "c")).isEqualTo("张三");
        String sealedAfter = after.encrypt("李四", "c");
        assertThat(sealedAfter).startsWith(after.currentKeyId() + ":");
        assertThatThrownBy(() -> before.decrypt(sealedAfter, "c")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(after.currentKeyId()).hasMessageContaining("records.key");
    }

    @Test
    void badKeysAreRefusedWithHowToMakeOne() {
        assertThatThrownBy(() -> RealNameCipher.ofBase64("not base64!")).hasMessageContaining("openssl rand -base64 32");
        assertThatThrownBy(() -> RealNameCipher.ofBase64(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new RealNameCipher(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutAConfiguredKeyAKeyFileIsCreatedOwnerOnlyAndReusedAfterARestart() throws Exception {
        Path data = dir.resolve("data");
        RealNameCipher first = RealNameCipher.loadOrCreate(data);
        Path file = data.resolve(RealNameCipher.FILE_NAME);
        assertThat(file).isRegularFile();
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        String sealed = first.encrypt("13812345678", "c");
        RealNameCipher second = RealNameCipher.loadOrCreate(data);
        assertThat(second.currentKeyId()).isEqualTo(first.currentKeyId());
        assertThat(second.decrypt(sealed, "c")).isEqualTo("13812345678");
        try (var listing = Files.list(data)) {
            assertThat(listing).containsExactly(file); // no temporary file left behind
        }

        Files.writeString(file, "garbage");
        assertThatThrownBy(() -> RealNameCipher.loadOrCreate(data)).hasMessageContaining("damaged");
    }

    @Test
    void theConfigurationKeyWinsOverTheFile() {
        String key = RealNameCipher.newKeyBase64();
        Config config = Config.of(Map.of("records.key", key, "data.dir", dir.toString()));
        assertThat(RealNameCipher.fromConfig(config).currentKeyId())
                .isEqualTo(RealNameCipher.ofBase64(key).currentKeyId());
        assertThat(dir.resolve(RealNameCipher.FILE_NAME)).doesNotExist();
        RealNameCipher fromFile = RealNameCipher.fromConfig(Config.of(Map.of("data.dir", dir.toString())));
        assertThat(dir.resolve(RealNameCipher.FILE_NAME)).exists();
        assertThat(fromFile.currentKeyId()).isEqualTo(RealNameCipher.loadOrCreate(dir).currentKeyId());
    }
}
