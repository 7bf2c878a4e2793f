package org.bangban.identity;

import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Hashes and checks staff passwords with bcrypt.
 * Bcrypt comes from BouncyCastle's {@link OpenBSDBCrypt}: a well-kept library that is already a dependency
 * (no hand-written crypto, no extra jar); its check compares in constant time.
 *
 * <p>Hashes look like {@code $2b$10$…}: the cost is stored in the hash, so raising the cost later still verifies
 * the old hashes.
 */
public final class PasswordHasher {
    public static final int DEFAULT_COST = 10;
    /** Bcrypt only reads the first 72 bytes of a password; longer ones are refused rather than silently cut. */
    public static final int MAX_PASSWORD_BYTES = 72;

    private final int cost;
    private final SecureRandom random;

    public PasswordHasher() {
        this(DEFAULT_COST);
    }

    /** @param cost bcrypt cost (log2 of the rounds), 4–31; each step doubles the time. 10 is ~50–100 ms. */
    public PasswordHasher(int cost) {
        this(cost, new SecureRandom());
    }

    public PasswordHasher(int cost, SecureRandom random) {
        if (cost < 4 || cost > 31) throw new IllegalArgumentException("bcrypt cost must be 4 to 31, was " + cost);
        this.cost = cost;
        this.random = Objects.requireNonNull(random, "random");
    }

    public int cost() {
        return cost;
    }

    /**
     * A bcrypt hash of the password with a fresh random 16-byte salt.
     *
     * @throws IllegalArgumentException when the password is empty or longer than 72 bytes in UTF-8
     */
    public String hash(char[] password) {
        Objects.requireNonNull(password, "password");
        if (password.length == 0) throw new IllegalArgumentException("the password is empty");
        if (utf8Length(password) > MAX_PASSWORD_BYTES) {
            throw new IllegalArgumentException("the password is longer than " + MAX_PASSWORD_BYTES
                    + " bytes; bcrypt would ignore the rest, so choose a shorter one");
        }
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return OpenBSDBCrypt.generate("2b", password, salt, cost);
    }

    /**
     * True when the password matches the hash. False for a wrong password, and for a hash that is not bcrypt
     * (never throws for a bad hash: a damaged account row must not turn a login into a crash).
     */
    public boolean verify(char[] password, String hash) {
        if (password == null || hash == null) return false;
        try {
            return OpenBSDBCrypt.checkPassword(hash, password);
        } catch (RuntimeException e) {
            // the library throws IllegalArgumentException, or worse (StringIndexOutOfBounds for ""), on a bad hash
            return false;
        }
    }

    private static int utf8Length(char[] password) {
        var buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        int length = buffer.remaining();
        if (buffer.hasArray()) java.util.Arrays.fill(buffer.array(), (byte) 0);
        return length;
    }
}
