package org.bangban.materials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaterialStoreTest {
    @TempDir
    Path dataDir;

    private MaterialStore store() {
        return new MaterialStore(dataDir);
    }

    @Test
    void contentIsKeptUnderItsHashAndReadBackVerified() throws Exception {
        MaterialStore store = store();
        byte[] pdf = TestFiles.pdf();
        StoredContent stored = store.store(new ByteArrayInputStream(pdf));

        String sha = sha256(pdf);
        assertThat(stored).isEqualTo(new StoredContent(sha, pdf.length, MaterialType.PDF));
        Path expected = dataDir.toAbsolutePath().resolve("materials").resolve(sha.substring(0, 2))
                .resolve(sha.substring(2, 4)).resolve(sha);
        assertThat(store.pathOf(sha)).isEqualTo(expected);
        assertThat(Files.readAllBytes(expected)).isEqualTo(pdf);
        assertThat(store.contains(sha)).isTrue();
        assertThat(store.read(sha)).isEqualTo(pdf);
        try (InputStream in = store.open(sha)) {
            assertThat(in.readAllBytes()).isEqualTo(pdf);
        }
        assertThat(blobs()).containsExactly(expected);
        assertThat(incomingFiles()).isEmpty();
    }

    @Test
    void theSameContentStoredTwiceIsOneFile() throws IOException {
        MaterialStore store = store();
        byte[] png = TestFiles.png();
        StoredContent first = store.store(new ByteArrayInputStream(png));
        StoredContent second = store.store(new ByteArrayInputStream(png));
        StoredContent other = store.store(new ByteArrayInputStream(TestFiles.jpeg()));
        assertThat(second).isEqualTo(first);
        assertThat(other.sha256()).isNotEqualTo(first.sha256());
        assertThat(blobs()).hasSize(2);
        assertThat(incomingFiles()).isEmpty();
    }

    @Test
    void anOversizedUploadStopsBeingReadAtTheLimitAndLeavesNoFile() throws IOException {
        long limit = 100_000;
        MaterialStore store = new MaterialStore(dataDir, limit, new ContentSniffer());
        EndlessPdf upload = new EndlessPdf();
        assertThatThrownBy(() -> store.store(upload))
                .isInstanceOfSatisfying(MaterialException.class, e -> assertThat(e.code()).isEqualTo("too_large"))
                .hasMessageContaining("larger than the limit of 100000 bytes");
        assertThat(upload.delivered).as("bytes read from an endless upload").isEqualTo(limit + 1);
        assertThat(blobs()).isEmpty();
        assertThat(incomingFiles()).isEmpty();
    }

    @Test
    void contentOfExactlyTheLimitIsAccepted() {
        byte[] pdf = TestFiles.pdf();
        MaterialStore store = new MaterialStore(dataDir, pdf.length, new ContentSniffer());
        assertThat(store.store(new ByteArrayInputStream(pdf)).sizeBytes()).isEqualTo(pdf.length);
        byte[] longer = Arrays.copyOf(pdf, pdf.length + 1);
        assertThatThrownBy(() -> store.store(new ByteArrayInputStream(longer)))
                .isInstanceOfSatisfying(MaterialException.class, e -> assertThat(e.code()).isEqualTo("too_large"))
                .hasMessageContaining(pdf.length + " bytes");
    }

    @Test
    void theDefaultLimitIsTwentyMebibytes() {
        assertThat(store().maxBytes()).isEqualTo(20L * 1024 * 1024);
        assertThat(MaterialStore.describeSize(store().maxBytes())).isEqualTo("20 MiB");
    }

    @Test
    void emptyAndExecutableUploadsAreRefusedAndLeaveNoFile() throws IOException {
        MaterialStore store = store();
        assertThatThrownBy(() -> store.store(new ByteArrayInputStream(new byte[0])))
                .isInstanceOfSatisfying(MaterialException.class, e -> assertThat(e.code()).isEqualTo("empty"));
        assertThatThrownBy(() -> store.store(new ByteArrayInputStream(TestFiles.elf())))
                .isInstanceOfSatisfying(MaterialException.class, e -> {
                    assertThat(e.code()).isEqualTo("type_not_allowed");
                    assertThat(e.detected()).contains("ELF");
                });
        assertThat(blobs()).isEmpty();
        assertThat(incomingFiles()).isEmpty();
    }

    @Test
    void anUploadThatBreaksOffLeavesNoFile() throws IOException {
        InputStream broken = new InputStream() {
            int sent;

            @Override
            public int read() throws IOException {
                if (sent++ < 10) return '%';
                throw new IOException("connection reset by peer");
            }
        };
        assertThatThrownBy(() -> store().store(broken))
                .isInstanceOfSatisfying(MaterialException.class, e -> assertThat(e.code()).isEqualTo("storage_failed"))
                .hasMessageContaining("broke off after 10 bytes").hasMessageContaining("connection reset");
        assertThat(blobs()).isEmpty();
        assertThat(incomingFiles()).isEmpty();
    }

    @Test
    void aFileDamagedOnDiskIsRefusedOnReadAndRepairedByStoringItAgain() throws IOException {
        MaterialStore store = store();
        byte[] jpeg = TestFiles.jpeg();
        String sha = store.store(new ByteArrayInputStream(jpeg)).sha256();
        Path file = store.pathOf(sha);
        byte[] damaged = jpeg.clone();
        damaged[damaged.length / 2] ^= 0x01; // one bit flipped
        Files.write(file, damaged);

        assertThatThrownBy(() -> store.read(sha))
                .isInstanceOfSatisfying(MaterialException.class, e -> assertThat(e.code()).isEqualTo("checksum_mismatch"))
                .hasMessageContaining(file.toString()).hasMessageContaining("restore it from a backup");
        assertThatThrownBy(() -> store.open(sha))
                .isInstanceOfSatisfying(MaterialException.class, e -> assertThat(e.code()).isEqualTo("checksum_mismatch"));

        assertThat(store.store(new ByteArrayInputStream(jpeg)).sha256()).isEqualTo(sha);
        assertThat(store.read(sha)).isEqualTo(jpeg);
    }

    @Test
    void aMissingFileIsAClearNotFound() throws IOException {
        MaterialStore store = store();
        String sha = store.store(new ByteArrayInputStream(TestFiles.png())).sha256();
        Files.delete(store.pathOf(sha));
        assertThat(store.contains(sha)).isFalse();
        assertThatThrownBy(() -> store.read(sha))
                .isInstanceOfSatisfying(MaterialException.class, e -> assertThat(e.code()).isEqualTo("not_found"))
                .hasMessageContaining("missing").hasMessageContaining(store.pathOf(sha).toString());
        assertThatThrownBy(() -> store.open(sha))
                .isInstanceOfSatisfying(MaterialException.class, e -> assertThat(e.code()).isEqualTo("not_found"));
    }

    @Test
    void aContentNameIsChecked() {
        assertThatThrownBy(() -> store().pathOf("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().read("ABCDEF")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentStoresOfTheSameContentAllSucceedWithOneFile() throws Exception {
        MaterialStore store = store();
        byte[] ofd = TestFiles.ofd();
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<StoredContent>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return store.store(new ByteArrayInputStream(ofd));
                }));
            }
            start.countDown();
            for (Future<StoredContent> f : results) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(new StoredContent(sha256(ofd), ofd.length,
                        MaterialType.OFD));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(blobs()).hasSize(1);
        assertThat(incomingFiles()).isEmpty();
        assertThat(store.read(sha256(ofd))).isEqualTo(ofd);
    }

    @Test
    void temporaryFilesACrashLeftAreDeletedAtStartButRecentOnesKept() throws IOException {
        Path incoming = store().root().resolve(MaterialStore.INCOMING);
        Path stale = Files.write(incoming.resolve("upload-1.tmp"), new byte[]{1});
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(MaterialStore.STALE_INCOMING).minusSeconds(60)));
        Path recent = Files.write(incoming.resolve("upload-2.tmp"), new byte[]{2});
        store();
        assertThat(stale).doesNotExist();
        assertThat(recent).exists();
    }

    /** Every stored content file (not the temporary ones). */
    private List<Path> blobs() throws IOException {
        Path root = dataDir.toAbsolutePath().resolve("materials");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.getParent().equals(root.resolve(MaterialStore.INCOMING))).toList();
        }
    }

    private List<Path> incomingFiles() throws IOException {
        try (Stream<Path> files = Files.list(dataDir.toAbsolutePath().resolve("materials").resolve(MaterialStore.INCOMING))) {
            return files.toList();
        }
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** A PDF header followed by spaces forever, counting what it delivered. */
    private static final class EndlessPdf extends InputStream {
        long delivered;

        @Override
        public int read() {
            delivered++;
            return delivered <= 5 ? "%PDF-".charAt((int) delivered - 1) : ' ';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            for (int i = 0; i < len; i++) b[off + i] = (byte) read();
            return len;
        }
    }
}
