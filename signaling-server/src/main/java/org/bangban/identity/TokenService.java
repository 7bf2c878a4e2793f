package org.bangban.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's own session tokens, for guests (applicants without a portal token) and logged-in staff: a
 * compact JWT, HS256 with the {@link ServerSecret}, claims {@code iss=bangban}, {@code sub} (principal id),
 * {@code role}, {@code name}, {@code real_name}, {@code iat}, {@code exp}. A client presents it again with
 * {@code auth.token} to reconnect as the same principal until it expires (12 h by default).
 */
public final class TokenService {
    private static final Logger log = LoggerFactory.getLogger(TokenService.class);
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(12);
    /** Issuer of our own tokens; a portal token (another issuer) is never taken for a session token. */
    public static final String ISSUER = "bangban";
    /** Longer strings are not even parsed. */
    static final int MAX_TOKEN_CHARS = 8192;

    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Duration lifetime;
    private final Clock clock;

    public TokenService(ServerSecret secret) {
        this(secret, DEFAULT_LIFETIME, Clock.systemUTC());
    }

    public TokenService(ServerSecret secret, Duration lifetime) {
        this(secret, lifetime, Clock.systemUTC());
    }

    public TokenService(ServerSecret secret, Duration lifetime, Clock clock) {
        Objects.requireNonNull(secret, "secret");
        if (lifetime == null || lifetime.toSeconds() < 1) {
            throw new IllegalArgumentException("token.lifetime must be at least one second, was " + lifetime);
        }
        this.lifetime = lifetime;
        this.clock = Objects.requireNonNull(clock, "clock");
        try {
            byte[] key = secret.bytes();
            this.signer = new MACSigner(key);
            this.verifier = new MACVerifier(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the server secret cannot sign HS256 tokens: " + e.getMessage(), e);
        }
    }

    public Duration lifetime() {
        return lifetime;
    }

    /** A signed session token for the principal, valid for the configured lifetime from now. */
    public String issue(Principal principal) {
        Objects.requireNonNull(principal, "principal");
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(principal.id())
                .claim("role", principal.role().name())
                .claim("name", principal.displayName())
                .claim("real_name", principal.realNameVerified())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a session token for " + principal.id(), e);
        }
        return jwt.serialize();
    }

    /**
     * The principal of a token this server issued, if the token is well-formed, signed with our secret (HS256
     * only) and not expired. Never throws: anything else — forged, expired, another issuer, garbage — is empty.
     */
    public Optional<Principal> verify(String token) {
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN_CHARS) return reject("empty or too long");
        try {
            JWT jwt = JWTParser.parse(token.trim());
            if (!(jwt instanceof SignedJWT)) return reject("not a signed token (alg " + jwt.getHeader().getAlgorithm() + ")");
            SignedJWT signed = (SignedJWT) jwt;
            if (!JWSAlgorithm.HS256.equals(signed.getHeader().getAlgorithm())) {
                return reject("algorithm " + signed.getHeader().getAlgorithm() + " is not HS256");
            }
            if (!signed.verify(verifier)) return reject("bad signature");
            JWTClaimsSet claims = signed.getJWTClaimsSet();
            if (!ISSUER.equals(claims.getIssuer())) return reject("issuer " + claims.getIssuer() + " is not " + ISSUER);
            Date exp = claims.getExpirationTime();
            if (exp == null) return reject("no expiry");
            if (!clock.instant().isBefore(exp.toInstant())) return reject("expired at " + exp.toInstant());
            String sub = claims.getSubject();
            String role = claims.getStringClaim("role");
            if (sub == null || sub.isBlank() || role == null) return reject("no subject or role");
            Boolean realName = claims.getBooleanClaim("real_name");
            return Optional.of(new Principal(sub, Role.valueOf(role), claims.getStringClaim("name"),
                    Boolean.TRUE.equals(realName)));
        } catch (ParseException | JOSEException | RuntimeException e) {
            return reject("malformed (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    private static Optional<Principal> reject(String why) {
        log.debug("session token refused: {}", why);
        return Optional.empty();
    }
}
