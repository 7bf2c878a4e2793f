package org.bangban.durability;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bangban.materials.MaterialStore;
import org.bangban.materials.StoredContent;

/**
 * A material writer of the child program ({@link CaseLogWriter} with a data directory): stores files (PDFs with
 * random bodies, mostly 1 to 33 KiB, one in 20 up to 2 MiB, one in 10 a file it stored before) as fast as it can
 * until the process is killed, and after each {@link MaterialStore#store} returns prints {@code ACK <sha256>}. A
 * stored name that is not the SHA-256 of the bytes sent, or any error, stops the program.
 */
final class MaterialWriter implements Runnable {
    private final MaterialStore store;
    private final Random random;
    private final List<byte[]> stored = new ArrayList<>();

    MaterialWriter(MaterialStore store, Random random) {
        this.store = store;
        this.random = random;
    }

    @Override
    public void run() {
        try {
            while (true) {
                byte[] content = !stored.isEmpty() && random.nextInt(10) == 0
                        ? stored.get(random.nextInt(stored.size())) // the same content again: one file
                        : pdf();
                StoredContent result = store.store(new ByteArrayInputStream(content));
                String sha = Acks.sha256(content);
                if (!result.sha256().equals(sha) || result.sizeBytes() != content.length) {
                    throw new IllegalStateException("stored as " + result + ", sent " + content.length + " bytes with"
                            + " SHA-256 " + sha);
                }
                Acks.print(List.of(sha));
                if (stored.size() < 50) stored.add(content);
            }
        } catch (Throwable e) {
            Acks.die(Thread.currentThread().getName(), e);
        }
    }

    /** A PDF header and a random body: mostly small, now and then up to 2 MiB. */
    private byte[] pdf() {
        int size = random.nextInt(20) == 0 ? 64 * 1024 + random.nextInt(2 * 1024 * 1024 - 64 * 1024)
                : 1024 + random.nextInt(32 * 1024);
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        byte[] header = "%PDF-1.7\n%".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, bytes, 0, header.length);
        return bytes;
    }
}
