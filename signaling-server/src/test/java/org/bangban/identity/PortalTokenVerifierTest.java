package org.bangban.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bangban.identity.PortalVerification.Reason;
import org.bangban.identity.PortalVerification.Rejected;
import org.bangban.identity.PortalVerification.Verified;
import org.junit.jupiter.api.Test;

class PortalTokenVerifierTest {
    private static final byte[] PORTAL_SECRET = "the-portal-and-bangban-share-this-32+bytes".getBytes();
    private static final String ISSUER = "https://zwfw.example.gov.cn";

    private final PortalTokenVerifier hs256 = PortalTokenVerifier.hs256(PORTAL_SECRET);

    // ---- HS256 ----

    @Test
    void aGoodHs256TokenGivesAPortalApplicant() throws Exception {
        PortalVerification result = hs256.verify(sign(hmac(PORTAL_SECRET), JWSAlgorithm.HS256,
                claims().claim("real_name", true).build()));
        assertThat(result).isInstanceOf(Verified.class);
        Principal p = ((Verified) result).principal();
        assertThat(p.id()).isEqualTo("portal:u-1001");
        assertThat(p.role()).isEqualTo(Role.APPLICANT);
        assertThat(p.realNameVerified()).isTrue();
        assertThat(result.toOptional()).contains(p);
    }

    @Test
    void withoutRealNameTheApplicantIsNotRealNameVerified() throws Exception {
        PortalVerification result = hs256.verify(sign(hmac(PORTAL_SECRET), JWSAlgorithm.HS256, claims().build()));
        assertThat(result.toOptional()).hasValueSatisfying(p -> assertThat(p.realNameVerified()).isFalse());
    }

    @Test
    void aTokenSignedWithAnotherSecretHasABadSignature() throws Exception {
        byte[] other = "somebody-else-s-secret-of-32-bytes-or-more".getBytes();
        assertRejected(hs256.verify(sign(hmac(other), JWSAlgorithm.HS256, claims().build())), Reason.BAD_SIGNATURE);
    }

    @Test
    void aTamperedTokenHasABadSignature() throws Exception {
        String token = sign(hmac(PORTAL_SECRET), JWSAlgorithm.HS256, claims().build());
        String[] parts = token.split("\\.");
        String otherClaims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                claims().subject("someone-else").build().toString().getBytes());
        assertRejected(hs256.verify(parts[0] + "." + otherClaims + "." + parts[2]), Reason.BAD_SIGNATURE);
    }

    @Test
    void anExpiredTokenIsRefusedBeyondTheClockSkew() throws Exception {
        Instant now = Instant.now();
        String expired = sign(hmac(PORTAL_SECRET), JWSAlgorithm.HS256,
                claims().expirationTime(Date.from(now.minusSeconds(120))).build());
        assertRejected(hs256.verify(expired), Reason.EXPIRED);
        String justExpired = sign(hmac(PORTAL_SECRET), JWSAlgorithm.HS256,
                claims().expirationTime(Date.from(now.minusSeconds(5))).build());
        assertThat(hs256.verify(justExpired)).as("within the 60 s clock skew").isInstanceOf(Verified.class);
    }

    @Test
    void aTokenWithoutExpiryIsRefused() throws Exception {
        String forever = sign(hmac(PORTAL_SECRET), JWSAlgorithm.HS256,
                new JWTClaimsSet.Builder(claims().build()).expirationTime(null).build());
        assertRejected(hs256.verify(forever), Reason.MISSING_EXPIRY);
    }

    @Test
    void aTokenNotValidYetIsRefused() throws Exception {
        String future = sign(hmac(PORTAL_SECRET), JWSAlgorithm.HS256,
                claims().notBeforeTime(Date.from(Instant.now().plusSeconds(600))).build());
        assertRejected(hs256.verify(future), Reason.NOT_YET_VALID);
    }

    @Test
    void algNoneIsRefused() {
        String unsigned = new PlainJWT(claims().build()).serialize();
        assertRejected(hs256.verify(unsigned), Reason.ALG_NOT_ALLOWED);
        // the same, hand-made with an empty signature part as some attackers send it
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());
        String body = unsigned.split("\\.")[1];
        assertRejected(hs256.verify(header + "." + body + "."), Reason.ALG_NOT_ALLOWED);
    }

    @Test
    void anotherHmacAlgorithmIsRefusedEvenWithTheRightSecret() throws Exception {
        byte[] longSecret = (new String(PORTAL_SECRET) + "-made-long-enough-for-hs512-which-needs-64-bytes").getBytes();
        PortalTokenVerifier verifier = PortalTokenVerifier.hs256(longSecret);
        assertRejected(verifier.verify(sign(hmac(longSecret), JWSAlgorithm.HS512, claims().build())),
                Reason.ALG_NOT_ALLOWED);
    }

    @Test
    void theIssuerAndAudienceAreCheckedWhenConfigured() throws Exception {
        PortalTokenVerifier strict = hs256.withIssuer(ISSUER).withAudience("bangban");
        String good = sign(hmac(PORTAL_SECRET), JWSAlgorithm.HS256, claims().audience("bangban").build());
        assertThat(strict.verify(good)).isInstanceOf(Verified.class);

        String wrongIssuer = sign(hmac(PORTAL_SECRET), JWSAlgorithm.HS256,
                claims().issuer("https://evil.example.com").audience("bangban").build());
        assertRejected(strict.verify(wrongIssuer), Reason.WRONG_ISSUER);

        String wrongAudience = sign(hmac(PORTAL_SECRET), JWSAlgorithm.HS256, claims().audience("other-app").build());
        assertRejected(strict.verify(wrongAudience), Reason.WRONG_AUDIENCE);
        assertThat(hs256.verify(wrongAudience)).as("not checked when not configured").isInstanceOf(Verified.class);
    }

    @Test
    void aTokenWithoutSubjectOrWithABadRealNameIsRefused() throws Exception {
        String noSub = sign(hmac(PORTAL_SECRET), JWSAlgorithm.HS256,
                new JWTClaimsSet.Builder(claims().build()).subject(null).build());
        assertRejected(hs256.verify(noSub), Reason.MISSING_SUBJECT);
        String stringRealName = sign(hmac(PORTAL_SECRET), JWSAlgorithm.HS256,
                claims().claim("real_name", "yes").build());
        assertRejected(hs256.verify(stringRealName), Reason.BAD_CLAIM);
    }

    @Test
    void garbageIsMalformedWithoutThrowing() {
        for (String garbage : new String[] {null, "", "abc", "a.b.c", "eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln"}) {
            assertThat(hs256.verify(garbage)).as(String.valueOf(garbage)).isInstanceOf(Rejected.class);
        }
        assertRejected(hs256.verify("not a token"), Reason.MALFORMED);
    }

    @Test
    void aShortSharedSecretIsAConfigurationError() {
        assertThatThrownBy(() -> PortalTokenVerifier.hs256("short".getBytes()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("portal.jwt.hs256.secret")
                .hasMessageContaining("32");
    }

    // ---- RS256 ----

    @Test
    void aGoodRs256TokenIsAccepted() throws Exception {
        KeyPair portal = rsa(2048);
        PortalTokenVerifier rs256 = PortalTokenVerifier.rs256(pem((RSAPublicKey) portal.getPublic()))
                .withIssuer(ISSUER);
        PortalVerification result = rs256.verify(sign(new RSASSASigner(portal.getPrivate()), JWSAlgorithm.RS256,
                claims().claim("real_name", false).build()));
        assertThat(result.toOptional()).hasValueSatisfying(p -> {
            assertThat(p.id()).isEqualTo("portal:u-1001");
            assertThat(p.realNameVerified()).isFalse();
        });
        assertThat(rs256.algorithm()).isEqualTo("RS256");
    }

    @Test
    void aTokenSignedWithAnotherRsaKeyIsRefused() throws Exception {
        KeyPair portal = rsa(2048);
        KeyPair attacker = rsa(2048);
        PortalTokenVerifier rs256 = PortalTokenVerifier.rs256(pem((RSAPublicKey) portal.getPublic()));
        assertRejected(rs256.verify(sign(new RSASSASigner(attacker.getPrivate()), JWSAlgorithm.RS256,
                claims().build())), Reason.BAD_SIGNATURE);
    }

    @Test
    void anHs256TokenMadeWithThePublicKeyIsRefusedByAnRs256Verifier() throws Exception {
        // the classic key-confusion attack: use the (public) RSA key text as an HMAC secret
        KeyPair portal = rsa(2048);
        String pem = pem((RSAPublicKey) portal.getPublic());
        PortalTokenVerifier rs256 = PortalTokenVerifier.rs256(pem);
        assertRejected(rs256.verify(sign(hmac(pem.getBytes()), JWSAlgorithm.HS256, claims().build())),
                Reason.ALG_NOT_ALLOWED);
    }

    @Test
    void aPkcs1PublicKeyIsReadToo() throws Exception {
        KeyPair portal = rsa(2048);
        RSAPublicKey pub = (RSAPublicKey) portal.getPublic();
        byte[] pkcs1 = new org.bouncycastle.asn1.pkcs.RSAPublicKey(pub.getModulus(), pub.getPublicExponent()).getEncoded();
        String pem = "-----BEGIN RSA PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(pkcs1)
                + "\n-----END RSA PUBLIC KEY-----\n";
        PortalTokenVerifier rs256 = PortalTokenVerifier.rs256(pem);
        assertThat(rs256.verify(sign(new RSASSASigner(portal.getPrivate()), JWSAlgorithm.RS256, claims().build())))
                .isInstanceOf(Verified.class);
    }

    @Test
    void unusableKeysAreConfigurationErrors() throws Exception {
        assertThatThrownBy(() -> PortalTokenVerifier.rs256("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> PortalTokenVerifier.rs256("ssh-rsa AAAA…")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not PEM");
        assertThatThrownBy(() -> PortalTokenVerifier.rs256(
                "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be read");
        assertThatThrownBy(() -> PortalTokenVerifier.rs256(
                "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("never a private key");
        String weak = pem((RSAPublicKey) rsa(1024).getPublic());
        assertThatThrownBy(() -> PortalTokenVerifier.rs256(weak)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1024 bits");
    }

    // ---- helpers ----

    private static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).subject("u-1001").issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600)));
    }

    private static JWSSigner hmac(byte[] secret) throws JOSEException {
        return new MACSigner(secret);
    }

    private static String sign(JWSSigner signer, JWSAlgorithm alg, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(alg), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static void assertRejected(PortalVerification result, Reason reason) {
        assertThat(result).isInstanceOf(Rejected.class);
        assertThat(((Rejected) result).reason()).as(((Rejected) result).detail()).isEqualTo(reason);
        assertThat(result.toOptional()).isEmpty();
    }

    private static KeyPair rsa(int bits) throws NoSuchAlgorithmException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(bits);
        return g.generateKeyPair();
    }

    private static String pem(RSAPublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }
}
