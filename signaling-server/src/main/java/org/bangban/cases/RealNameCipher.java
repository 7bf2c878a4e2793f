package org.bangban.cases;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bangban.config.Config;
import org.bangban.store.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encrypts applicants' real-name data (name, 身份证号, phone) for storage: AES-256-GCM from the JDK, a fresh random
 * 96-bit nonce per value, a 128-bit tag, and associated data naming the case and the field, so a value copied into
 * another row or column fails to decrypt. A stored value is {@code <keyId>:<base64(nonce ‖ ciphertext ‖ tag)>}; the
 * key id is the first 8 hex digits of the key's SHA-256, so keys can rotate: values are encrypted under the current
 * key and decrypted under whichever key their prefix names.
 *
 * <p>Keys: {@code records.key} ({@code BANGBAN_RECORDS_KEY}), a comma-separated list of base64 32-byte keys, the
 * first current, the others kept to read older values; unset, a key kept in {@code <data.dir>/}{@value #FILE_NAME}
 * (base64, created on first use, 0600). Losing the key loses the real-name data: back the file up with the data.
 * Every node of a cluster must have the same keys (set {@code records.key}).
 */
public final class RealNameCipher {
    private static final Logger log = LoggerFactory.getLogger(RealNameCipher.class);
    public static final String FILE_NAME = "records-key";
    public static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String currentId;
    private final Map<String, SecretKeySpec> keys;

    /**
     * A cipher over the given keys, the first current.
     *
     * @throws IllegalArgumentException when there is no key or a key is not 32 bytes
     */
    public RealNameCipher(List<byte[]> keys) {
        if (keys.isEmpty()) throw new IllegalArgumentException("the real-name cipher needs at least one key");
        Map<String, SecretKeySpec> byId = new LinkedHashMap<>();
        for (byte[] key : keys) {
            if (key.length != KEY_BYTES) {
                throw new IllegalArgumentException("a records key must be " + KEY_BYTES + " bytes (AES-256), this one"
                        + " has " + key.length + "; make one with: openssl rand -base64 32");
            }
            byId.putIfAbsent(keyId(key), new SecretKeySpec(key.clone(), "AES"));
        }
        this.keys = Map.copyOf(byId);
        this.currentId = byId.keySet().iterator().next();
    }

    /** The cipher of a configuration: {@code records.key} if set, else the key file under {@code data.dir}. */
    public static RealNameCipher fromConfig(Config config) {
        String configured = config.optional("records.key");
        if (configured != null) return ofBase64(configured);
        if (config.production()) {
            log.warn("records.key is not set on a production configuration: real-name data is encrypted with the key"
                    + " in {}/{}, which other nodes do not have. Set BANGBAN_RECORDS_KEY (the same on every node)",
                    config.string("data.dir"), FILE_NAME);
        }
        return loadOrCreate(Path.of(config.string("data.dir")));
    }

    /**
     * Keys given as base64, comma-separated, the first current.
     *
     * @throws IllegalArgumentException when a key is not base64 of 32 bytes
     */
    public static RealNameCipher ofBase64(String commaSeparated) {
        List<byte[]> keys = new ArrayList<>();
        for (String part : commaSeparated.split(",")) {
            if (part.isBlank()) continue;
            try {
                keys.add(Base64.getDecoder().decode(part.strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("records.key (BANGBAN_RECORDS_KEY) must be base64 keys separated by"
                        + " commas; one is not base64. Make a key with: openssl rand -base64 32", e);
            }
        }
        return new RealNameCipher(keys);
    }

    /** Reads {@code <dataDir>/records-key}, or creates it (and the directory) with a new random key. */
    public static RealNameCipher loadOrCreate(Path dataDir) {
        Path file = dataDir.toAbsolutePath().resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) createKeyFile(file);
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            try {
                return ofBase64(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("the records key file " + file + " is damaged (" + e.getMessage()
                        + "); restore it from a backup — without it the stored real-name data cannot be read", e);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create the records key " + file + ": " + e
                    + "; check data.dir points to a directory this process may write", e);
        }
    }

    /** A new random key, base64: what {@code records.key} takes. */
    public static String newKeyBase64() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** The id of the key new values are encrypted under. */
    public String currentKeyId() {
        return currentId;
    }

    /**
     * Encrypts a value under the current key.
     *
     * @param context what the value is and whose, e.g. {@code "BB-20261126-000001/phone"}; needed again to decrypt
     * @return null for null
     */
    public String encrypt(String plain, String context) {
        if (plain == null) return null;
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return currentId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM: " + e, e);
        }
    }

    /**
     * Decrypts a stored value.
     *
     * @param context the same context it was encrypted with
     * @return null for null
     * @throws IllegalStateException when the value's key is not configured, or the value was altered or belongs to
     *                               another context
     */
    public String decrypt(String stored, String context) {
        if (stored == null) return null;
        int colon = stored.indexOf(':');
        SecretKeySpec key = colon < 0 ? null : keys.get(stored.substring(0, colon));
        if (key == null) {
            throw new IllegalStateException("a real-name value (" + context + ") is encrypted under key "
                    + (colon < 0 ? "(none)" : stored.substring(0, colon)) + ", which this server does not have (it has "
                    + keys.keySet() + "); add that key to records.key after the current one");
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(colon + 1));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(c.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a real-name value (" + context + ") cannot be decrypted: it was altered,"
                    + " or copied from another case or field", e);
        }
    }

    static String keyId(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void createKeyFile(Path file) throws IOException {
        if (PrivateFiles.createOnce(file, (newKeyBase64() + "\n").getBytes(StandardCharsets.US_ASCII))) {
            log.info("created a new records key {} (encrypts applicants' real-name data; back it up with the data:"
                    + " without it that data cannot be read)", file);
        } else {
            log.info("records key {} was created by another process meanwhile; using it", file);
        }
    }
}
