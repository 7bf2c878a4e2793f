package org.bangban.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bangban.identity.PortalVerification.Reason;
import org.bangban.identity.PortalVerification.Rejected;
import org.bangban.identity.PortalVerification.Verified;

/**
 * Checks an applicant's token issued by the government portal (single sign-on), so a signed-in applicant need
 * not log in again. The portal signs a JWT either with a shared secret (HS256) or its private key (RS256); exactly
 * the configured algorithm is accepted — {@code none} and every other algorithm are refused. {@code exp} is
 * required; issuer and audience are checked when configured. {@code sub} becomes the pseudonymous applicant id
 * {@code portal:<sub>}, which can never collide with a guest or staff id; the optional boolean claim
 * {@code real_name} says the portal has verified the applicant's real name 实名认证.
 *
 * <p>Immutable; {@code with…} methods return a configured copy.
 */
public final class PortalTokenVerifier {
    /** Allowed difference between the portal's clock and ours when checking exp and nbf. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    static final int MAX_TOKEN_CHARS = 16384;
    static final int MAX_SUBJECT_CHARS = 256;
    static final int MIN_RSA_BITS = 2048;
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private final JWSAlgorithm algorithm;
    private final JWSVerifier verifier;
    private final String issuer;
    private final String audience;
    private final Clock clock;

    private PortalTokenVerifier(JWSAlgorithm algorithm, JWSVerifier verifier, String issuer, String audience,
                                Clock clock) {
        this.algorithm = algorithm;
        this.verifier = verifier;
        this.issuer = issuer;
        this.audience = audience;
        this.clock = clock;
    }

    /**
     * Tokens signed by the portal with a shared secret, HS256.
     *
     * @throws IllegalArgumentException when the secret is shorter than 32 bytes (RFC 7518 §3.2 requires 256 bits)
     */
    public static PortalTokenVerifier hs256(byte[] secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length < 32) {
            throw new IllegalArgumentException("portal.jwt.hs256.secret has " + secret.length + " bytes; HS256 needs"
                    + " at least 32 (256 bits, RFC 7518 §3.2). Ask the portal for a longer shared secret");
        }
        try {
            return new PortalTokenVerifier(JWSAlgorithm.HS256, new MACVerifier(secret), null, null, Clock.systemUTC());
        } catch (JOSEException e) {
            throw new IllegalArgumentException("portal.jwt.hs256.secret cannot be used for HS256: " + e.getMessage(), e);
        }
    }

    /**
     * Tokens signed by the portal's RSA private key, RS256, checked with its public key in PEM: {@code PUBLIC KEY}
     * (X.509 SubjectPublicKeyInfo), {@code RSA PUBLIC KEY} (PKCS#1) or a {@code CERTIFICATE}.
     *
     * @throws IllegalArgumentException when the text holds no usable RSA public key of at least 2048 bits
     */
    public static PortalTokenVerifier rs256(String pemPublicKey) {
        RSAPublicKey key = parseRsaPublicKey(pemPublicKey);
        if (key.getModulus().bitLength() < MIN_RSA_BITS) {
            throw new IllegalArgumentException("the portal's RSA public key has " + key.getModulus().bitLength()
                    + " bits; at least " + MIN_RSA_BITS + " are required. Ask the portal for a stronger key");
        }
        return new PortalTokenVerifier(JWSAlgorithm.RS256, new RSASSAVerifier(key), null, null, Clock.systemUTC());
    }

    /** Also require {@code iss} to equal this; null or blank for no check. */
    public PortalTokenVerifier withIssuer(String expectedIssuer) {
        return new PortalTokenVerifier(algorithm, verifier, blankToNull(expectedIssuer), audience, clock);
    }

    /** Also require {@code aud} to contain this; null or blank for no check. */
    public PortalTokenVerifier withAudience(String expectedAudience) {
        return new PortalTokenVerifier(algorithm, verifier, issuer, blankToNull(expectedAudience), clock);
    }

    public PortalTokenVerifier withClock(Clock clock) {
        return new PortalTokenVerifier(algorithm, verifier, issuer, audience, Objects.requireNonNull(clock, "clock"));
    }

    /** The one algorithm this verifier accepts. */
    public String algorithm() {
        return algorithm.getName();
    }

    /** Checks a portal token; never throws. */
    public PortalVerification verify(String token) {
        if (token == null || token.isBlank()) return rejected(Reason.MALFORMED, "no token");
        if (token.length() > MAX_TOKEN_CHARS) {
            return rejected(Reason.MALFORMED, "token of " + token.length() + " characters, over " + MAX_TOKEN_CHARS);
        }
        try {
            JWT jwt = JWTParser.parse(token.trim());
            if (!(jwt instanceof SignedJWT)) {
                return rejected(Reason.ALG_NOT_ALLOWED, "token is not signed (alg " + jwt.getHeader().getAlgorithm()
                        + "); only " + algorithm + " is accepted");
            }
            SignedJWT signed = (SignedJWT) jwt;
            JWSAlgorithm alg = signed.getHeader().getAlgorithm();
            if (!algorithm.equals(alg)) {
                return rejected(Reason.ALG_NOT_ALLOWED, "token signed with " + alg + "; only " + algorithm
                        + " is configured");
            }
            if (!signed.verify(verifier)) {
                return rejected(Reason.BAD_SIGNATURE, "the " + algorithm + " signature does not match the configured"
                        + " portal key (forged, or the portal uses another key: check portal.jwt.* settings)");
            }
            return checkClaims(signed.getJWTClaimsSet());
        } catch (ParseException e) {
            return rejected(Reason.MALFORMED, "not a JWT: " + e.getMessage());
        } catch (JOSEException e) {
            return rejected(Reason.BAD_SIGNATURE, "signature check failed: " + e.getMessage());
        } catch (RuntimeException e) {
            return rejected(Reason.MALFORMED, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private PortalVerification checkClaims(JWTClaimsSet claims) {
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null) return rejected(Reason.MISSING_EXPIRY, "no exp claim; the portal must issue expiring tokens");
        if (!now.isBefore(exp.toInstant().plus(CLOCK_SKEW))) {
            return rejected(Reason.EXPIRED, "expired at " + exp.toInstant() + ", now " + now);
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.plus(CLOCK_SKEW).isBefore(nbf.toInstant())) {
            return rejected(Reason.NOT_YET_VALID, "not valid before " + nbf.toInstant() + ", now " + now
                    + " (check the clocks of the portal and this server)");
        }
        if (issuer != null && !issuer.equals(claims.getIssuer())) {
            return rejected(Reason.WRONG_ISSUER, "issuer '" + claims.getIssuer() + "', expected '" + issuer
                    + "' (portal.jwt.issuer)");
        }
        if (audience != null) {
            List<String> aud = claims.getAudience();
            if (aud == null || !aud.contains(audience)) {
                return rejected(Reason.WRONG_AUDIENCE, "audience " + aud + ", expected '" + audience
                        + "' (portal.jwt.audience)");
            }
        }
        String sub = claims.getSubject();
        if (sub == null || sub.isBlank()) return rejected(Reason.MISSING_SUBJECT, "no sub claim");
        if (sub.length() > MAX_SUBJECT_CHARS || sub.chars().anyMatch(Character::isISOControl)) {
            return rejected(Reason.BAD_CLAIM, "sub is longer than " + MAX_SUBJECT_CHARS
                    + " characters or holds control characters");
        }
        Object realName = claims.getClaim("real_name");
        if (realName != null && !(realName instanceof Boolean)) {
            return rejected(Reason.BAD_CLAIM, "real_name is a " + realName.getClass().getSimpleName()
                    + ", not a boolean");
        }
        return new Verified(new Principal(Principal.PORTAL_PREFIX + sub, Role.APPLICANT,
                Principal.APPLICANT_DISPLAY_NAME, Boolean.TRUE.equals(realName)));
    }

    private static Rejected rejected(Reason reason, String detail) {
        return new Rejected(reason, detail);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static RSAPublicKey parseRsaPublicKey(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("the portal's RSA public key (portal.jwt.rs256.public.key.file) is empty");
        }
        Matcher m = PEM.matcher(pem);
        if (!m.find()) {
            throw new IllegalArgumentException("the portal's RSA public key is not PEM text: expected a block"
                    + " '-----BEGIN PUBLIC KEY-----' … '-----END PUBLIC KEY-----' (or RSA PUBLIC KEY, or CERTIFICATE)");
        }
        String type = m.group(1);
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the portal's PEM " + type + " is not valid base64: " + e.getMessage(), e);
        }
        PublicKey key;
        try {
            key = decode(type, der);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("the portal's PEM " + type + " cannot be read as an RSA public key: "
                    + e.getMessage(), e);
        }
        if (!(key instanceof RSAPublicKey)) {
            throw new IllegalArgumentException("the portal's key is " + key.getAlgorithm() + ", not RSA; RS256"
                    + " needs an RSA public key");
        }
        return (RSAPublicKey) key;
    }

    private static PublicKey decode(String type, byte[] der) throws GeneralSecurityException {
        switch (type) {
            case "PUBLIC KEY":
                return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
            case "RSA PUBLIC KEY": {
                var pkcs1 = org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(der);
                return KeyFactory.getInstance("RSA").generatePublic(
                        new RSAPublicKeySpec(pkcs1.getModulus(), pkcs1.getPublicExponent()));
            }
            case "CERTIFICATE":
                return CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(der)).getPublicKey();
            default:
                throw new GeneralSecurityException("it is a '" + type + "' block; expected PUBLIC KEY,"
                        + " RSA PUBLIC KEY or CERTIFICATE (never a private key)");
        }
    }
}
